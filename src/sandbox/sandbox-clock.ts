import type { Clock } from '../lib/clock.js';
import { isSaneInstant, MAX_INSTANT, MIN_INSTANT } from '../lib/instants.js';
import type { Revision } from './revision.js';
import { TaskHeap } from './task-heap.js';

/** setTimeout's largest delay; a longer wait is armed in steps of it. */
const MAX_TIMER_MS = 2_147_483_647;

/** An instant outside 1970..9999, or not a real instant at all; the control plane answers 400. */
export class ClockRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'ClockRangeError';
  }
}

function sane(ms: number, what: string): number {
  if (!isSaneInstant(ms)) {
    throw new ClockRangeError(
      `${what} must be an instant from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z.`,
    );
  }
  return ms;
}

/**
 * A sandbox's own time: the base clock by default, or frozen at an instant, or moved forward by
 * hand, always within 1970..9999. Work that the partner does later (a policy issued, a webhook
 * retried) is scheduled on it: a real timer fires it while time flows, and advancing runs
 * whatever became due. Once closed (the sandbox was reset or evicted), it runs nothing more.
 */
export class SandboxClock {
  readonly #base: Clock;
  readonly #onError: (error: unknown) => void;
  #offset = 0;
  #frozenAt: number | undefined;
  #tasks = new TaskHeap();
  #cancelTimer: (() => void) | undefined;
  #closed = false;
  readonly #timers: boolean;
  readonly #revision: Revision | undefined;
  /** While a saved state is put back, nothing runs: what is due runs once it is whole. */
  #held = false;

  /**
   * `onError` hears about a task that threw: scheduled work must never crash the process.
   * Without `timers` (a shared store), no real timer fires work: the replica that holds the
   * sandbox's lease runs what is due (runDue), so each task runs on one replica only.
   */
  constructor(
    base: Clock,
    options: {
      frozenAt?: number | undefined;
      onError?: (error: unknown) => void;
      timers?: boolean;
      revision?: Revision;
    } = {},
  ) {
    this.#revision = options.revision;
    this.#base = base;
    this.#frozenAt = options.frozenAt === undefined ? undefined : sane(options.frozenAt, 'SIM_NOW');
    this.#onError = options.onError ?? (() => {});
    this.#timers = options.timers ?? true;
  }

  now(): number {
    if (this.#frozenAt !== undefined) return this.#frozenAt;
    const now = this.#base.now() + this.#offset;
    return now > MAX_INSTANT ? MAX_INSTANT : now < MIN_INSTANT ? MIN_INSTANT : now;
  }

  get frozen(): boolean {
    return this.#frozenAt !== undefined;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Stops time at an instant (it may be in the past); runs what is due by then. */
  freeze(at: number): void {
    this.#revision?.bump();
    this.#frozenAt = sane(at, 'The clock');
    this.#runDue();
  }

  /** Moves time forward and runs everything that became due, in order. */
  advance(ms: number): void {
    const target = this.now() + ms;
    if (!(ms >= 0) || target > MAX_INSTANT) {
      throw new ClockRangeError(
        `Advancing by ${ms} ms would move the clock past 9999-12-31T23:59:59.999Z; it shows ${new Date(this.now()).toISOString()}.`,
      );
    }
    this.#revision?.bump();
    if (this.#frozenAt !== undefined) this.#frozenAt = target;
    else this.#offset += ms;
    this.#runDue();
  }

  /** Lets time flow again from where it stands. */
  resume(): void {
    if (this.#frozenAt === undefined) return;
    this.#revision?.bump();
    this.#offset = this.#frozenAt - this.#base.now();
    this.#frozenAt = undefined;
    this.#runDue();
  }

  /** Runs `run` once this sandbox's time reaches `at` (at once if it already has). */
  schedule(at: number, run: () => void): void {
    if (this.#closed) return;
    if (!Number.isFinite(at)) {
      this.#onError(new ClockRangeError(`Work scheduled at an invalid instant (${at}) was dropped.`));
      return;
    }
    this.#revision?.bump();
    this.#tasks.push(Math.min(Math.max(at, MIN_INSTANT), MAX_INSTANT), run);
    this.#runDue();
  }

  /** How many scheduled tasks wait. */
  get pending(): number {
    return this.#tasks.size;
  }

  /** The sandbox instant the next task is due at, if any. */
  get nextDueAt(): number | undefined {
    return this.#tasks.peekAt();
  }

  /** How far a flowing clock stands from the base clock (what a shared store saves). */
  get offsetMs(): number {
    return this.#offset;
  }

  /** Lets time flow at a given offset from the base clock, as the replica that saved it left it. */
  flowAt(offsetMs: number): void {
    this.#revision?.bump();
    this.#frozenAt = undefined;
    this.#offset = offsetMs;
    this.#runDue();
  }

  /**
   * Runs `restore` with no task run while it does: what is due runs when the caller says
   * (runDue), since only a replica holding the sandbox's lease may run it.
   */
  whole(restore: () => void): void {
    this.#held = true;
    try {
      restore();
    } finally {
      this.#held = false;
    }
  }

  /** Runs everything due by now, in order (a shared store's lease holder plays the timer). */
  runDue(): void {
    this.#runDue();
  }

  /** Drops every scheduled task and timer (a state load reschedules what it holds). */
  clear(): void {
    this.#revision?.bump();
    this.#tasks = new TaskHeap();
    this.#arm();
  }

  /** Drops everything and runs nothing more: work started before a reset never reaches the next sandbox. */
  close(): void {
    this.#closed = true;
    this.clear();
  }

  #runDue(): void {
    if (this.#closed || this.#held) return;
    const now = this.now();
    for (let next = this.#tasks.peekAt(); next !== undefined && next <= now; next = this.#tasks.peekAt()) {
      const run = this.#tasks.pop();
      try {
        run?.();
      } catch (error) {
        this.#onError(error);
      }
      if (this.#closed) return;
    }
    this.#arm();
  }

  #arm(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const next = this.#tasks.peekAt();
    if (next === undefined || this.#frozenAt !== undefined || this.#closed || !this.#timers) return;
    const delay = Math.min(Math.max(next - this.now(), 0), MAX_TIMER_MS);
    this.#cancelTimer = this.#base.setTimer(() => this.#runDue(), delay);
  }
}
