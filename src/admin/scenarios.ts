import { join } from 'node:path';
import { z } from 'zod';
import { FixtureError, loadJsonFiles } from '../lib/fixture-files.js';
import type { AnyPartnerModule } from '../partners/module.js';
import { BudgetError, type ByteAccount, retainedSize } from '../sandbox/memory-budget.js';
import { AdminError } from './errors.js';
import { type SavedState, stateSchema } from './routes/state.js';

/** Saved scenarios one simulator keeps besides its library (each one a whole sandbox state). */
export const MAX_SCENARIOS = 64;
export const MAX_DESCRIPTION = 200;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const NAME_RULE =
  'a scenario name is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit';

export const scenarioNameSchema = z.string().regex(NAME, NAME_RULE);

/** A scenario file, and an upload: what it is for, in one line, and the state it loads. */
export function scenarioFileSchema(partners: readonly AnyPartnerModule[]) {
  return z.strictObject({
    description: z.string().min(1).max(MAX_DESCRIPTION),
    state: stateSchema(partners),
  });
}

export interface Scenario {
  name: string;
  description: string;
  /** `library`: shipped in `<FIXTURES_DIR>/scenarios/`, read-only; `saved`: put by a caller. */
  source: 'library' | 'saved';
  state: SavedState;
}

/**
 * The built-in library, `<FIXTURES_DIR>/scenarios/*.json`, parsed once at start-up with the state
 * schema a state load uses: a bad file stops start-up naming the file and the field, as any
 * fixture. The file's name without `.json` is the scenario's name.
 */
export function loadScenarioLibrary(fixturesDir: string, partners: readonly AnyPartnerModule[]): Scenario[] {
  // Without zod's compiled fast path: each schema runs once here, where compiling it costs more
  // than it saves (a start-up cost, README "QA dashboard").
  const files = loadJsonFiles(join(fixturesDir, 'scenarios'), scenarioFileSchema(partners), {
    jitless: true,
  });
  return files.map(({ file, value }) => {
    const name = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
    if (!NAME.test(name)) throw new FixtureError(`Invalid fixture ${file}: its file name: ${NAME_RULE}`);
    return { name, description: value.description, source: 'library', state: value.state as SavedState };
  });
}

/**
 * Named states per simulator: the library, then what callers saved. Saved ones are bounded in
 * number (MAX_SCENARIOS) and together in bytes (one sandbox's worth, SIM_SANDBOX_MAX_BYTES), and
 * counted against SIM_MAX_BYTES like a sandbox, so they cannot make the process unbounded.
 */
export class Scenarios {
  readonly #library = new Map<string, Scenario>();
  readonly #saved = new Map<string, { scenario: Scenario; bytes: number }>();

  constructor(
    library: readonly Scenario[],
    readonly account: ByteAccount,
    readonly maxBytes: number,
  ) {
    for (const scenario of library) this.#library.set(scenario.name, scenario);
  }

  list(): Scenario[] {
    return [...this.#library.values(), ...[...this.#saved.values()].map(({ scenario }) => scenario)];
  }

  get(name: string): Scenario | undefined {
    return this.#library.get(name) ?? this.#saved.get(name)?.scenario;
  }

  /** Saves (or replaces) a scenario; true when it is new. Checks every bound before keeping it. */
  save(name: string, description: string, state: SavedState): boolean {
    if (this.#library.has(name)) {
      throw new AdminError(
        409,
        `${name} is a library scenario (FIXTURES_DIR/scenarios/${name}.json), which cannot be replaced: save under another name.`,
      );
    }
    const previous = this.#saved.get(name);
    if (!previous && this.#saved.size >= MAX_SCENARIOS) {
      throw new AdminError(
        409,
        `This simulator already keeps ${MAX_SCENARIOS} saved scenarios, the most it keeps: delete one you no longer need (DELETE /__admin/scenarios/{name}) or replace one by its name.`,
      );
    }
    const bytes = retainedSize(state);
    const others = this.account.used - (previous?.bytes ?? 0);
    if (others + bytes > this.maxBytes) {
      throw new BudgetError(
        'sandbox',
        `This scenario needs about ${bytes} bytes and the saved scenarios already hold ${others} of their ${this.maxBytes} (SIM_SANDBOX_MAX_BYTES, one sandbox's worth): delete scenarios you no longer need (DELETE /__admin/scenarios/{name}), or raise SIM_SANDBOX_MAX_BYTES.`,
      );
    }
    if (previous) this.account.release(previous.bytes);
    try {
      this.account.reserve(bytes, 'This scenario');
    } catch (error) {
      if (previous) this.account.add(previous.bytes);
      throw error;
    }
    this.#saved.set(name, { scenario: { name, description, source: 'saved', state }, bytes });
    return previous === undefined;
  }

  /**
   * Replaces the saved scenarios with a shared store's (every replica's saves), counted as saves
   * are; one that no longer fits this replica's budget is left out until room is made.
   */
  replaceSaved(saved: ReadonlyArray<{ name: string; description: string; state: SavedState }>): void {
    for (const { bytes } of this.#saved.values()) this.account.release(bytes);
    this.#saved.clear();
    for (const { name, description, state } of saved) {
      if (this.#library.has(name) || this.#saved.size >= MAX_SCENARIOS) continue;
      const bytes = retainedSize(state);
      if (this.account.used + bytes > this.maxBytes) continue;
      this.account.force(bytes);
      this.#saved.set(name, { scenario: { name, description, source: 'saved', state }, bytes });
    }
  }

  /** Forgets a saved scenario; false when there is none of that name. */
  delete(name: string): boolean {
    if (this.#library.has(name)) {
      throw new AdminError(
        409,
        `${name} is a library scenario (FIXTURES_DIR/scenarios/${name}.json): it cannot be deleted here; remove its file to drop it.`,
      );
    }
    const saved = this.#saved.get(name);
    if (!saved) return false;
    this.account.release(saved.bytes);
    this.#saved.delete(name);
    return true;
  }
}
