import type { Clock } from './clock.js';
import { Faults } from './faults.js';
import type { Ids } from './ids.js';
import { Journal } from './journal.js';
import { SandboxClock } from './sandbox-clock.js';

/** Thrown when a new token arrives and every sandbox slot is taken; each partner maps it to its envelope. */
export class SandboxLimitError extends Error {
  constructor(readonly limit: number) {
    super(
      `Sandbox limit reached: this simulator already holds ${limit} sandboxes (SIM_MAX_SANDBOXES). ` +
        'Reuse a token you already use, or restart the simulator with a higher SIM_MAX_SANDBOXES.',
    );
    this.name = 'SandboxLimitError';
  }
}

/**
 * One credential's private world, created on its first request: its clock, ids, request journal,
 * fault rules, and one store per partner.
 */
export interface Sandbox<Stores> {
  readonly token: string;
  readonly clock: SandboxClock;
  readonly ids: Ids;
  readonly journal: Journal;
  readonly faults: Faults;
  readonly stores: Stores;
}

export interface SandboxesOptions<Stores> {
  /** Upper bound on live sandboxes; past it new tokens are refused and none is evicted. */
  max: number;
  /** When set, the only tokens accepted. */
  tokens?: readonly string[] | undefined;
  /** The time every sandbox clock starts from. */
  clock: Clock;
  /** When set, every new sandbox clock starts frozen at this instant (SIM_NOW). */
  frozenAt?: number | undefined;
  /** A sandbox's ids (seeded per token with SIM_SEED). */
  idsFor: (token: string) => Ids;
  /** Entries kept per sandbox journal (SIM_JOURNAL_SIZE). */
  journalSize: number;
  /** Reports work scheduled on a sandbox clock that failed. */
  onError?: (error: unknown) => void;
  /** Builds fresh stores; must be cheap (no fixture I/O or parsing per token). */
  createStores: (sandbox: { token: string; clock: SandboxClock; ids: Ids }) => Stores;
}

/** What partner plugins and hooks need of the sandboxes, whatever stores they hold. */
export interface SandboxDirectory<Stores = unknown> {
  accepts(token: string): boolean;
  get(token: string): Sandbox<Stores>;
  peek(token: string): Sandbox<Stores> | undefined;
}

/** State namespaced by credential, as a partner sees only its own orders on the real platform. */
export class Sandboxes<Stores> implements SandboxDirectory<Stores> {
  readonly #byToken = new Map<string, Sandbox<Stores>>();
  readonly #allowed: ReadonlySet<string> | undefined;
  readonly #options: SandboxesOptions<Stores>;

  constructor(options: SandboxesOptions<Stores>) {
    this.#allowed = options.tokens && options.tokens.length > 0 ? new Set(options.tokens) : undefined;
    this.#options = options;
  }

  /** Whether a token may be used at all (SIM_TOKENS), independent of the sandbox bound. */
  accepts(token: string): boolean {
    return this.#allowed === undefined || this.#allowed.has(token);
  }

  /** The token's sandbox, created on first use. Throws SandboxLimitError when the bound is reached. */
  get(token: string): Sandbox<Stores> {
    const existing = this.#byToken.get(token);
    if (existing) return existing;
    if (this.#byToken.size >= this.#options.max) throw new SandboxLimitError(this.#options.max);
    const { clock: base, frozenAt, onError, journalSize } = this.#options;
    const clock = new SandboxClock(base, { frozenAt, onError });
    const ids = this.#options.idsFor(token);
    const sandbox: Sandbox<Stores> = {
      token,
      clock,
      ids,
      journal: new Journal(journalSize),
      faults: new Faults(),
      stores: this.#options.createStores({ token, clock, ids }),
    };
    this.#byToken.set(token, sandbox);
    return sandbox;
  }

  /** The token's sandbox if it exists, without creating one. */
  peek(token: string): Sandbox<Stores> | undefined {
    return this.#byToken.get(token);
  }

  get size(): number {
    return this.#byToken.size;
  }

  all(): IterableIterator<Sandbox<Stores>> {
    return this.#byToken.values();
  }

  /** Drops a sandbox (and its timers): its token starts afresh from the fixtures on its next request. */
  drop(token: string): void {
    this.#byToken.get(token)?.clock.clear();
    this.#byToken.delete(token);
  }

  /** Drops every sandbox. */
  dropAll(): void {
    for (const token of [...this.#byToken.keys()]) this.drop(token);
  }

  /** Stops every sandbox's timers (app close). */
  dispose(): void {
    for (const sandbox of this.#byToken.values()) sandbox.clock.clear();
  }
}
