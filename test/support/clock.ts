import type { Clock } from '../../src/shared/clock.js';

/** A clock that stands still until the test moves it. */
export class ManualClock implements Clock {
  #now: number;

  constructor(iso = '2024-05-01T12:00:00.000Z') {
    this.#now = Date.parse(iso);
  }

  now(): number {
    return this.#now;
  }

  set(iso: string): void {
    this.#now = Date.parse(iso);
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}
