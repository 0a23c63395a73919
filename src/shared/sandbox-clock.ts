import type { Clock } from './clock.js';

interface Task {
  at: number;
  run: () => void;
}

/**
 * A sandbox's own time: the base clock by default, or frozen at an instant, or moved forward by
 * hand. Work that the partner does later (a policy issued, a webhook retried) is scheduled on it:
 * a real timer fires it while time flows, and advancing runs whatever became due.
 */
export class SandboxClock {
  readonly #base: Clock;
  readonly #onError: (error: unknown) => void;
  #offset = 0;
  #frozenAt: number | undefined;
  #tasks: Task[] = [];
  #cancelTimer: (() => void) | undefined;

  /** `onError` hears about a task that threw: scheduled work must never crash the process. */
  constructor(
    base: Clock,
    options: { frozenAt?: number | undefined; onError?: (error: unknown) => void } = {},
  ) {
    this.#base = base;
    this.#frozenAt = options.frozenAt;
    this.#onError = options.onError ?? (() => {});
  }

  now(): number {
    return this.#frozenAt ?? this.#base.now() + this.#offset;
  }

  get frozen(): boolean {
    return this.#frozenAt !== undefined;
  }

  /** Stops time at an instant (it may be in the past); runs what is due by then. */
  freeze(at: number): void {
    this.#frozenAt = at;
    this.#runDue();
  }

  /** Moves time forward and runs everything that became due, in order. */
  advance(ms: number): void {
    if (this.#frozenAt !== undefined) this.#frozenAt += ms;
    else this.#offset += ms;
    this.#runDue();
  }

  /** Lets time flow again from where it stands. */
  resume(): void {
    if (this.#frozenAt === undefined) return;
    this.#offset = this.#frozenAt - this.#base.now();
    this.#frozenAt = undefined;
    this.#runDue();
  }

  /** Runs `run` once this sandbox's time reaches `at` (at once if it already has). */
  schedule(at: number, run: () => void): void {
    const index = this.#tasks.findIndex((task) => task.at > at);
    this.#tasks.splice(index === -1 ? this.#tasks.length : index, 0, { at, run });
    this.#runDue();
  }

  /** How many scheduled tasks wait. */
  get pending(): number {
    return this.#tasks.length;
  }

  /** Drops every scheduled task and timer (sandbox reset, app close). */
  clear(): void {
    this.#tasks = [];
    this.#arm();
  }

  #runDue(): void {
    const now = this.now();
    while (this.#tasks.length > 0 && (this.#tasks[0]?.at ?? Number.POSITIVE_INFINITY) <= now) {
      const task = this.#tasks.shift();
      try {
        task?.run();
      } catch (error) {
        this.#onError(error);
      }
    }
    this.#arm();
  }

  #arm(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const next = this.#tasks[0];
    if (next === undefined || this.#frozenAt !== undefined) return;
    this.#cancelTimer = this.#base.setTimer(() => this.#runDue(), next.at - this.now());
  }
}
