import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AdminError } from './errors.js';

/** The longest a listing may be held open: past it a client asks again (its own timeout decides). */
export const MAX_WAIT_MS = 30_000;
/** Waits open at once on one sandbox (or on all of them, without a token), and in the whole app. */
export const MAX_WAITS_PER_SANDBOX = 64;
export const MAX_WAITS = 4096;
/** With a shared store, how often a wait reads the store again for changes made elsewhere. */
const SHARED_LOOK_MS = 100;

const WAIT_MS = `milliseconds to hold the answer until a match exists, from 0 to ${MAX_WAIT_MS}`;
const MIN_COUNT = 'how many matches end the wait early, from 1 to 100000';

/** The query parameters of a listing that can wait: how long, and for how many matches. */
export const waitQuery = {
  wait_ms: z
    .string()
    .regex(/^\d{1,9}$/, WAIT_MS)
    .transform(Number)
    .pipe(z.number().max(MAX_WAIT_MS, WAIT_MS))
    .optional()
    .describe(
      `Hold the answer until at least min_count entries match, at most this many ms (≤ ${MAX_WAIT_MS})`,
    ),
  min_count: z
    .string()
    .regex(/^\d{1,6}$/, MIN_COUNT)
    .transform(Number)
    .pipe(z.number().min(1, MIN_COUNT).max(100_000, MIN_COUNT))
    .default(1)
    .describe('With wait_ms: answer once this many entries match (default 1)'),
};

/**
 * Listings held open until something they wait for happens. Event-driven: a waiter is woken by
 * the change it subscribed to, never by polling; it ends at its deadline, when its client goes
 * away, or when the app closes, and leaves no timer or listener behind.
 */
export class LongPolls {
  readonly #open = new Map<string, number>();
  readonly #ends = new Set<() => void>();
  #closed = false;

  /**
   * Resolves once `subscribe`'s wake is called, `waitMs` pass, the client disconnects or the app
   * closes. The caller checks what it waits for before holding, and lists again afterwards.
   */
  hold(options: {
    /** Which sandbox the wait is on: the cap is per key. */
    key: string;
    waitMs: number;
    reply: FastifyReply;
    subscribe: (wake: () => void) => () => void;
  }): Promise<void> {
    const { key, waitMs, reply, subscribe } = options;
    if (this.#closed || waitMs <= 0) return Promise.resolve();
    const open = this.#open.get(key) ?? 0;
    if (open >= MAX_WAITS_PER_SANDBOX || this.#ends.size >= MAX_WAITS) {
      throw new AdminError(
        429,
        `Too many waits open at once (at most ${MAX_WAITS_PER_SANDBOX} per sandbox, ${MAX_WAITS} in all): let some end, or wait with fewer concurrent calls.`,
      );
    }
    this.#open.set(key, open + 1);
    return new Promise<void>((resolve) => {
      let unsubscribe: (() => void) | undefined;
      const end = () => {
        if (!this.#ends.delete(end)) return;
        clearTimeout(timer);
        unsubscribe?.();
        reply.raw.off('close', end);
        const left = (this.#open.get(key) ?? 1) - 1;
        if (left === 0) this.#open.delete(key);
        else this.#open.set(key, left);
        resolve();
      };
      this.#ends.add(end);
      const timer = setTimeout(end, waitMs);
      // The client gave up: nothing is left waiting on its behalf.
      reply.raw.once('close', end);
      unsubscribe = subscribe(end);
    });
  }

  /**
   * Holds until `ready()`: woken by local changes as `hold` is, and with a shared store (where
   * the change may happen on another replica) also every SHARED_LOOK_MS after `refresh()` reads
   * the store again. Without `refresh`, exactly `hold`.
   */
  async until(options: {
    key: string;
    waitMs: number;
    reply: FastifyReply;
    subscribe: (wake: () => void) => () => void;
    ready: () => boolean;
    refresh: (() => Promise<void>) | undefined;
  }): Promise<void> {
    const { refresh, ready, ...hold } = options;
    if (refresh === undefined) return this.hold(hold);
    const deadline = Date.now() + options.waitMs;
    for (let left = options.waitMs; left > 0 && !this.#closed; left = deadline - Date.now()) {
      await this.hold({ ...hold, waitMs: Math.min(left, SHARED_LOOK_MS) });
      if (options.reply.raw.destroyed) return;
      await refresh();
      if (ready()) return;
    }
  }

  /** How many waits are open (tests and health look). */
  get size(): number {
    return this.#ends.size;
  }

  /** The app is closing: every wait answers now with what it has, so close is not held up. */
  closeAll(): void {
    this.#closed = true;
    for (const end of [...this.#ends]) end();
  }
}
