/** Compacting the queue only past this many served waiters keeps `run` O(1) amortised. */
const COMPACT_AFTER = 1024;

/**
 * At most `max` tasks at once; the others wait their turn, first come first served. A finishing
 * task hands its slot straight to the oldest waiter, so a newcomer can never overtake the queue.
 */
export class ConcurrencyLimit {
  readonly max: number;
  #active = 0;
  #queue: Array<(() => void) | undefined> = [];
  #head = 0;

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`concurrency must be a positive integer, not ${max}`);
    this.max = max;
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.#queue.length - this.#head;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active < this.max) this.#active++;
    else await new Promise<void>((resolve) => this.#queue.push(resolve));
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #release(): void {
    const next = this.#queue[this.#head];
    if (next === undefined) {
      this.#active--;
      return;
    }
    this.#queue[this.#head++] = undefined;
    if (this.#head > COMPACT_AFTER && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    next();
  }
}
