/** The source of "now" for everything the simulator stamps. Injected so tests run on fixed time. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * `2023-06-29T14:06:48.924000Z`: both partners print microseconds and `Z`
 * (battleface reference §4, grow reference §7); JavaScript time has milliseconds, so the last three are 0.
 */
export function formatMicros(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** `2023-06-29`: battleface item dates (reference §6). */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
