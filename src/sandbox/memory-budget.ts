// One accounting of the bytes the simulator retains, per sandbox and for the process, so memory
// stays bounded whatever clients send. What a client can make big (journal bodies, fault rules,
// seeded, patched and loaded state) is checked before it is kept; partner transitions add a few
// bytes per order and are counted, never refused. Past a sandbox's budget its oldest journal
// records (then its oldest finished webhook deliveries) are dropped first; past the process
// budget, idle sandboxes are evicted least recently used first.

/**
 * What a parsed value costs once kept: its JSON length, doubled, since a frozen parsed order
 * holds up to about twice its JSON text in V8's heap (README, "Limits"); text kept as a string or
 * Buffer costs its length.
 */
export function retainedSize(value: unknown): number {
  return value === undefined ? 0 : 2 * (JSON.stringify(value)?.length ?? 0);
}

/**
 * Deep-freezes a record about to be stored and answers what it costs, as retainedSize does, in
 * one walk that writes no JSON: on order creation, stringifying each record to measure it was 9%
 * of the request. The length is JSON's but for escapes (a quote or backslash counts one
 * character, not two), which the doubling covers many times over. Parts already frozen (fixture
 * data a record shares) are measured, not walked again for freezing.
 */
export function freezeRetained(value: object): number {
  return 2 * frozenJsonLength(value);
}

function frozenJsonLength(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < 1e15
        ? integerDigits(value)
        : JSON.stringify(value).length;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (value === null) return 4;
      Object.freeze(value);
      if (Array.isArray(value)) {
        let length = 1;
        for (let i = 0; i < value.length; i++) length += frozenJsonLength(value[i] ?? null) + 1;
        return value.length === 0 ? 2 : length;
      }
      let length = 1;
      let members = 0;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const member = (value as Record<string, unknown>)[key];
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
        length += key.length + 3 + frozenJsonLength(member) + 1;
        members++;
      }
      return members === 0 ? 2 : length;
    }
    default:
      return 0;
  }
}

function integerDigits(value: number): number {
  let digits = value < 0 ? 2 : 1;
  for (let rest = Math.abs(value); rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

/** What a sandbox costs before it keeps anything: its clock, journal, maps and store objects. */
export const SANDBOX_OVERHEAD_BYTES = 4096;

/** A retained thing that can give memory back: the journal, the webhook delivery log. */
export interface Sheddable {
  /** Drops its oldest record; false when it holds nothing it may drop. */
  shedOldest(): boolean;
}

/** Thrown where a client's write would not fit; each envelope maps it (413, or 503 for the process). */
export class BudgetError extends Error {
  constructor(
    /** `sandbox`: past SIM_SANDBOX_MAX_BYTES (413); `process`: SIM_MAX_BYTES is full (503). */
    readonly scope: 'sandbox' | 'process',
    message: string,
  ) {
    super(message);
    this.name = 'BudgetError';
  }
}

export interface BudgetLimits {
  /** SIM_SANDBOX_MAX_BYTES */
  sandbox: number;
  /** SIM_MAX_BYTES */
  process: number;
}

/** The process-wide total, and how to relieve it (evicting idle sandboxes). */
export class MemoryBudget {
  readonly limits: BudgetLimits;
  #total = 0;
  /** Frees at least `bytes` if it can, sparing the account asking; set by the sandboxes. */
  relieve: (bytes: number, asking: ByteAccount | undefined) => void = () => {};

  constructor(limits: BudgetLimits) {
    this.limits = limits;
  }

  get total(): number {
    return this.#total;
  }

  account(): ByteAccount {
    return new ByteAccount(this);
  }

  /**
   * Counts bytes held only while a request is served (its body, buffered and parsed), evicting
   * idle sandboxes if needed; throws the process BudgetError (503) when they still do not fit.
   */
  reserveTransient(bytes: number): void {
    const { process } = this.limits;
    if (this.#total + bytes > process) this.relieve(bytes, undefined);
    if (this.#total + bytes > process) {
      throw new BudgetError(
        'process',
        `The simulator's memory budget is full (SIM_MAX_BYTES=${process}) and every sandbox is in use; retry shortly, reset sandboxes you no longer need, or raise SIM_MAX_BYTES.`,
      );
    }
    this.#total += bytes;
  }

  releaseTransient(bytes: number): void {
    this.#total -= bytes;
  }

  /** @internal ByteAccount keeps the total. */
  move(delta: number): void {
    this.#total += delta;
  }
}

/** The bytes one sandbox (or the journal of unattached requests) retains. */
export class ByteAccount {
  readonly #budget: MemoryBudget;
  readonly #sheddable: Sheddable[] = [];
  #used = 0;
  #closed = false;

  constructor(budget: MemoryBudget) {
    this.#budget = budget;
  }

  get used(): number {
    return this.#used;
  }

  /** Registers what may be dropped to make room, first registered first dropped. */
  canShed(sheddable: Sheddable): void {
    this.#sheddable.push(sheddable);
  }

  /**
   * Makes room for `bytes` more and counts them, or throws BudgetError naming the limit: the
   * sandbox's own sheddable records go first, then idle sandboxes elsewhere.
   */
  reserve(bytes: number, what: string): void {
    const { sandbox, process } = this.#budget.limits;
    // The common case, on every journaled request: room in both.
    if (this.#used + bytes <= sandbox && this.#budget.total + bytes <= process) {
      this.add(bytes);
      return;
    }
    if (bytes > sandbox) {
      throw new BudgetError(
        'sandbox',
        `${what} needs ${bytes} bytes, more than a whole sandbox may hold (SIM_SANDBOX_MAX_BYTES=${sandbox}). Send less, or raise SIM_SANDBOX_MAX_BYTES.`,
      );
    }
    this.#shedUntil(() => this.#used + bytes <= sandbox);
    if (this.#used + bytes > sandbox) {
      throw new BudgetError(
        'sandbox',
        `${what} needs ${bytes} bytes and this sandbox already holds ${this.#used} of its ${sandbox} (SIM_SANDBOX_MAX_BYTES). Reset the sandbox or remove what it no longer needs.`,
      );
    }
    if (this.#budget.total + bytes > process) this.#budget.relieve(bytes, this);
    this.#shedUntil(() => this.#budget.total + bytes <= process);
    if (this.#budget.total + bytes > process) {
      throw new BudgetError(
        'process',
        `The simulator's memory budget is full (SIM_MAX_BYTES=${process}) and every sandbox is in use; retry shortly, reset sandboxes you no longer need, or raise SIM_MAX_BYTES.`,
      );
    }
    this.add(bytes);
  }

  /**
   * Counts bytes that are kept whatever the budget says (partner transitions), then sheds this
   * sandbox's own records and relieves the process as far as it can.
   */
  force(bytes: number): void {
    this.add(bytes);
    const { sandbox, process } = this.#budget.limits;
    if (this.#used > sandbox) this.#shedUntil(() => this.#used <= sandbox);
    if (this.#budget.total > process) this.#budget.relieve(this.#budget.total - process, this);
  }

  /** Counts bytes without any check (the sheddable records' own bookkeeping after a reserve). */
  add(bytes: number): void {
    if (this.#closed) return;
    this.#used += bytes;
    this.#budget.move(bytes);
  }

  release(bytes: number): void {
    this.add(-bytes);
  }

  /** Gives everything back: the sandbox is gone. Later counting on it is ignored. */
  close(): void {
    if (this.#closed) return;
    this.#budget.move(-this.#used);
    this.#used = 0;
    this.#closed = true;
  }

  #shedUntil(fits: () => boolean): void {
    for (const sheddable of this.#sheddable) {
      while (!fits() && sheddable.shedOldest()) {}
    }
  }
}
