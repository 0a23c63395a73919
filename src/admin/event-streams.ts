import type { ServerResponse } from 'node:http';
import { AdminError } from './errors.js';

/** Streams open at once on one sandbox, and in the whole app: a dashboard tab holds one. */
export const MAX_STREAMS_PER_SANDBOX = 8;
export const MAX_STREAMS = 256;
/** A comment line this often keeps proxies and the browser from calling an idle stream dead. */
export const HEARTBEAT_MS = 15_000;
/** Bytes a stream may have waiting for a client that does not read; past them it is ended. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * The server-sent event streams of the control plane (GET /__admin/events). A stream subscribes
 * to what it tells of only while it is open and ends when its client goes away, when it falls too
 * far behind, or when the app closes, leaving no timer or listener behind, so nothing is spent
 * when nobody listens and closing never waits on a stream.
 */
export class EventStreams {
  readonly #open = new Map<string, number>();
  readonly #ends = new Set<() => void>();
  #closed = false;

  /**
   * Takes over the response: writes the stream's headers, then every event `subscribe` sends,
   * with heartbeats, until the stream ends. Refuses (429) past the bounds, before writing anything.
   */
  open(options: {
    key: string;
    raw: ServerResponse;
    setTimer: (callback: () => void, ms: number) => () => void;
    subscribe: (send: (event: string, data: unknown, id?: string) => void) => () => void;
  }): void {
    const { key, raw, setTimer, subscribe } = options;
    if (this.#closed) throw new AdminError(503, 'The simulator is shutting down: reconnect once it is back.');
    const open = this.#open.get(key) ?? 0;
    if (open >= MAX_STREAMS_PER_SANDBOX || this.#ends.size >= MAX_STREAMS) {
      throw new AdminError(
        429,
        `Too many event streams open at once (at most ${MAX_STREAMS_PER_SANDBOX} per sandbox, ${MAX_STREAMS} in all): close a dashboard tab or an EventSource you no longer use.`,
      );
    }
    this.#open.set(key, open + 1);
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      // The socket goes with the stream, so a closing server has no keep-alive left to wait on.
      connection: 'close',
    });
    let stopHeartbeat = () => {};
    let unsubscribe: (() => void) | undefined;
    const end = () => {
      if (!this.#ends.delete(end)) return;
      stopHeartbeat();
      unsubscribe?.();
      raw.off('close', end);
      const left = (this.#open.get(key) ?? 1) - 1;
      if (left === 0) this.#open.delete(key);
      else this.#open.set(key, left);
      raw.end();
    };
    const write = (text: string) => {
      if (raw.writableEnded) return;
      raw.write(text);
      // A client that stopped reading is let go rather than buffered for without bound.
      if (raw.writableLength > MAX_BUFFERED_BYTES) end();
    };
    this.#ends.add(end);
    raw.once('close', end);
    // The browser reconnects after this long if the stream drops.
    write('retry: 2000\n: connected\n\n');
    const beat = () => {
      write(': heartbeat\n\n');
      stopHeartbeat = setTimer(beat, HEARTBEAT_MS);
    };
    stopHeartbeat = setTimer(beat, HEARTBEAT_MS);
    unsubscribe = subscribe((event, data, id) => {
      write(`event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);
    });
  }

  /** How many streams are open (tests look). */
  get size(): number {
    return this.#ends.size;
  }

  /** The app is closing: every stream ends now. */
  closeAll(): void {
    this.#closed = true;
    for (const end of [...this.#ends]) end();
  }
}
