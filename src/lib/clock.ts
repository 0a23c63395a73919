/** The source of time and timers for everything the simulator does. Injected so tests run on fixed time. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` once after `delayMs` of this clock's time; returns a function that cancels it. */
  setTimer(callback: () => void, delayMs: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    // unref: a pending policy issuance must not keep a stopping process alive.
    const timer = setTimeout(callback, Math.max(0, delayMs)).unref();
    return () => clearTimeout(timer);
  },
};

/**
 * A formatter that remembers its last answer: one request formats the same instant many times
 * (an order's `ordered_at`, `status_updated_at`, `created_at`…), and Date#toISOString was a few
 * percent of a purchase's CPU. `unit` is how many milliseconds give the same text.
 */
function lastRemembered(unit: number, format: (ms: number) => string): (ms: number) => string {
  let lastKey = Number.NaN;
  let lastText = '';
  return (ms) => {
    // Date keeps whole milliseconds, truncated toward zero.
    const key = Math.floor(Math.trunc(ms) / unit);
    if (key !== lastKey) {
      lastText = format(ms);
      lastKey = key;
    }
    return lastText;
  };
}

/**
 * `2023-06-29T14:06:48.924000Z`: both partners print microseconds and `Z`
 * (both partners' references); JavaScript time has milliseconds, so the last three are 0.
 */
export const formatMicros = lastRemembered(1, (ms) => `${new Date(ms).toISOString().slice(0, 23)}000Z`);

/** `2023-06-29`: calendar dates as the partners print them. */
export const formatDate = lastRemembered(86_400_000, (ms) => new Date(ms).toISOString().slice(0, 10));

/** `2022-04-06T10:34:20.000000Z`: a database timestamp (second precision), as Laravel prints it. */
export const formatSeconds = lastRemembered(
  1000,
  (ms) => `${new Date(ms).toISOString().slice(0, 19)}.000000Z`,
);
