import type { Clock } from '../../src/lib/clock.js';

interface Timer {
  at: number;
  callback: () => void;
}

/** A clock that stands still until the test moves it; its timers fire as it advances. */
export class ManualClock implements Clock {
  #now: number;
  #timers = new Set<Timer>();

  constructor(iso = '2024-05-01T12:00:00.000Z') {
    this.#now = Date.parse(iso);
  }

  now(): number {
    return this.#now;
  }

  setTimer(callback: () => void, delayMs: number): () => void {
    const timer = { at: this.#now + Math.max(0, delayMs), callback };
    this.#timers.add(timer);
    return () => this.#timers.delete(timer);
  }

  /** Moves time forward, firing each timer at its own instant, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const next = [...this.#timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.#timers.delete(next);
      this.#now = next.at;
      next.callback();
    }
    this.#now = end;
  }

  /** Timers waiting to fire. */
  get pendingTimers(): number {
    return this.#timers.size;
  }
}
