import { readFileSync } from 'node:fs';
import { formatPath } from '../lib/fixture-files.js';
import type { AnyPartnerModule } from '../partners/module.js';
import { type SavedState, stateSchema } from './routes/state.js';

/** SIM_STATE_FILE cannot be used; the message names the file and the problem, in one line. */
export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

/**
 * The saved state every new sandbox starts from, read and checked once at start-up with the
 * schema a state load uses: another version, a broken field or a file too large for a sandbox
 * stops start-up here, instead of failing each sandbox later.
 */
export function loadStateFile(
  path: string,
  partners: readonly AnyPartnerModule[],
  sandboxMaxBytes: number,
): SavedState {
  const invalid = (problem: string) => new StateFileError(`Invalid SIM_STATE_FILE ${path}: ${problem}`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw invalid(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  // As a state load: held as parsed objects, about twice its JSON (admin/routes/state.ts).
  if (2 * Buffer.byteLength(text) > sandboxMaxBytes) {
    throw invalid(
      `it needs about ${2 * Buffer.byteLength(text)} bytes once loaded, more than a sandbox may hold (SIM_SANDBOX_MAX_BYTES=${sandboxMaxBytes})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(`not valid JSON (${(error as Error).message})`);
  }
  const parsed = stateSchema(partners).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`field ${formatPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as SavedState;
}
