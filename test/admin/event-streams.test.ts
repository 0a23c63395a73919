import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AdminError } from '../../src/admin/errors.js';
import { EventStreams, HEARTBEAT_MS, MAX_BUFFERED_BYTES } from '../../src/admin/event-streams.js';
import { ManualClock } from '../support/clock.js';

/** A response whose client never reads: everything written stays buffered. */
function unreadResponse() {
  const raw = Object.assign(new EventEmitter(), {
    written: '',
    writableLength: 0,
    writableEnded: false,
    writeHead: () => raw,
    write(text: string) {
      raw.written += text;
      raw.writableLength += Buffer.byteLength(text);
      return false;
    },
    end() {
      raw.writableEnded = true;
    },
  });
  return raw;
}

describe('EventStreams', () => {
  it('lets a client that stops reading go once 1 MB waits for it, leaving no listener behind', () => {
    const clock = new ManualClock();
    const streams = new EventStreams();
    const raw = unreadResponse();
    let send: (event: string, data: unknown) => void = () => {};
    let subscribed = false;
    streams.open({
      key: 't',
      raw: raw as unknown as ServerResponse,
      setTimer: (callback, ms) => clock.setTimer(callback, ms),
      subscribe: (given) => {
        send = given;
        subscribed = true;
        return () => {
          subscribed = false;
        };
      },
    });

    const big = 'x'.repeat(64 * 1024);
    for (let n = 0; n < 20 && !raw.writableEnded; n++) send('request', big);

    expect(raw.writableEnded).toBe(true);
    expect(raw.writableLength).toBeGreaterThan(MAX_BUFFERED_BYTES);
    expect([streams.size, subscribed, raw.listenerCount('close')]).toEqual([0, false, 0]);
    // Its heartbeat timer went with it.
    const length = raw.written.length;
    clock.advance(HEARTBEAT_MS);
    expect(raw.written.length).toBe(length);
  });

  it('refuses a stream once the app closes', () => {
    const streams = new EventStreams();
    streams.closeAll();
    expect(() =>
      streams.open({
        key: 't',
        raw: unreadResponse() as unknown as ServerResponse,
        setTimer: () => () => {},
        subscribe: () => () => {},
      }),
    ).toThrow(new AdminError(503, 'The simulator is shutting down: reconnect once it is back.'));
  });
});
