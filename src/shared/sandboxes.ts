import type { Clock } from './clock.js';
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

/** One credential's private world: its clock and one store per partner, created on first use. */
export interface Sandbox<Stores> {
  readonly token: string;
  readonly clock: SandboxClock;
  readonly stores: Stores;
}

export interface SandboxesOptions<Stores> {
  /** Upper bound on live sandboxes; past it new tokens are refused and none is evicted. */
  max: number;
  /** When set, the only tokens accepted. */
  tokens?: readonly string[] | undefined;
  /** The time every sandbox clock starts from. */
  clock: Clock;
  /** Reports work scheduled on a sandbox clock that failed. */
  onError?: (error: unknown) => void;
  /** Builds fresh stores; must be cheap (no fixture I/O or parsing per token). */
  createStores: (sandbox: { token: string; clock: SandboxClock }) => Stores;
}

/** State namespaced by credential, as a partner sees only its own orders on the real platform. */
export class Sandboxes<Stores> {
  readonly #byToken = new Map<string, Sandbox<Stores>>();
  readonly #allowed: ReadonlySet<string> | undefined;
  readonly #max: number;
  readonly #options: SandboxesOptions<Stores>;

  constructor(options: SandboxesOptions<Stores>) {
    this.#max = options.max;
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
    if (this.#byToken.size >= this.#max) throw new SandboxLimitError(this.#max);
    const clock = new SandboxClock(this.#options.clock, { onError: this.#options.onError });
    const sandbox: Sandbox<Stores> = { token, clock, stores: this.#options.createStores({ token, clock }) };
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

  /** Stops every sandbox's timers (app close). */
  dispose(): void {
    for (const sandbox of this.#byToken.values()) sandbox.clock.clear();
  }
}
