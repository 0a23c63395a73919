// Laravel 8's `throttle:api` (ThrottleRequests with the app's `api` limiter, `Limit::perMinute(n)`
// by user), on one sandbox's clock: a fixed window of 60 s opened by the first hit (the limiter's
// `:timer` key), counted in whole seconds as the cache stores it.

const DECAY_SECONDS = 60;

/** The headers ThrottleRequests adds, in its order. */
export type ThrottleHeaders = Record<string, string>;

export type ThrottleOutcome =
  | { allowed: true; headers: ThrottleHeaders }
  | { allowed: false; headers: ThrottleHeaders };

/** A limiter's window as a shared store keeps it, so every replica counts in the one window. */
export interface ThrottleWindow {
  hits: number;
  available_at: number;
}

/** One sandbox's limiter: two numbers, whatever the traffic. */
export class Throttle {
  #hits = 0;
  /** When the window ends, in Unix seconds (the `:timer` key's value). */
  #availableAt = 0;

  constructor(readonly maxAttempts: number) {}

  snapshot(): ThrottleWindow {
    return { hits: this.#hits, available_at: this.#availableAt };
  }

  restore(saved: ThrottleWindow | undefined): void {
    this.#hits = saved?.hits ?? 0;
    this.#availableAt = saved?.available_at ?? 0;
  }

  /** A request at `nowMs`: counted and allowed, or refused with the retry headers. */
  attempt(nowMs: number): ThrottleOutcome {
    const now = Math.floor(nowMs / 1000);
    // The window's keys expire: the count starts again (RateLimiter::tooManyAttempts / hit).
    if (now >= this.#availableAt) {
      this.#hits = 0;
      this.#availableAt = now + DECAY_SECONDS;
    }
    if (this.#hits >= this.maxAttempts) {
      const retryAfter = this.#availableAt - now;
      return {
        allowed: false,
        headers: {
          'X-RateLimit-Limit': String(this.maxAttempts),
          'X-RateLimit-Remaining': '0',
          'Retry-After': String(retryAfter),
          'X-RateLimit-Reset': String(now + retryAfter),
        },
      };
    }
    this.#hits++;
    return {
      allowed: true,
      headers: {
        'X-RateLimit-Limit': String(this.maxAttempts),
        'X-RateLimit-Remaining': String(this.maxAttempts - this.#hits),
      },
    };
  }
}
