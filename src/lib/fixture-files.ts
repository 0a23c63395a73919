import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';

/** A fixture that cannot be loaded; its message names the file and the field, in one line. */
export class FixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixtureError';
  }
}

/** `items[0].policy_file_id` for a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Parses every `*.json` file of a folder with a schema, in file-name order. A missing folder is an
 * empty set, so a FIXTURES_DIR may hold one partner only.
 */
export function loadJsonFiles<T extends z.ZodType>(
  dir: string,
  schema: T,
  options: { jitless?: boolean } = {},
): Array<{ file: string; value: z.output<T> }> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.sort().map((name) => {
    const path = join(dir, name);
    const fromCwd = relative(process.cwd(), path);
    const shown = fromCwd.startsWith('..') ? path : fromCwd;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new FixtureError(`Invalid fixture ${shown}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(raw, options.jitless ? { jitless: true } : undefined);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? formatPath(issue.path) : '(root)';
      throw new FixtureError(`Invalid fixture ${shown}: field ${where}: ${issue?.message ?? 'invalid'}`);
    }
    return { file: shown, value: parsed.data };
  });
}

/** Deep-freezes fixture data shared by every sandbox, so no sandbox can change another's copy. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    // Every stored record is frozen on save: walked without the array Object.values would make.
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    else for (const key in value) if (Object.hasOwn(value, key)) deepFreeze(value[key]);
  }
  return value;
}
