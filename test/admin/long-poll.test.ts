import { EventEmitter } from 'node:events';
import type { FastifyReply } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminError } from '../../src/admin/errors.js';
import { LongPolls, MAX_WAITS_PER_SANDBOX } from '../../src/admin/long-poll.js';

/** A reply whose client can hang up (`raw` emits close), counting its listeners. */
const replyOf = () => ({ raw: new EventEmitter() }) as unknown as FastifyReply & { raw: EventEmitter };

/** A subscription that records whether it is still subscribed, and can wake its waiter. */
function subscription() {
  const state = { subscribed: false, wake: () => {} };
  return {
    state,
    subscribe: (wake: () => void) => {
      state.subscribed = true;
      state.wake = wake;
      return () => {
        state.subscribed = false;
      };
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LongPolls', () => {
  it('ends on a wake, leaving no listener, timer or subscription behind', async () => {
    vi.useFakeTimers();
    const polls = new LongPolls();
    const reply = replyOf();
    const { state, subscribe } = subscription();
    const held = polls.hold({ key: 't', waitMs: 30_000, reply, subscribe });
    expect([polls.size, state.subscribed, reply.raw.listenerCount('close'), vi.getTimerCount()]).toEqual([
      1,
      true,
      1,
      1,
    ]);
    state.wake();
    await held;
    expect([polls.size, state.subscribed, reply.raw.listenerCount('close'), vi.getTimerCount()]).toEqual([
      0,
      false,
      0,
      0,
    ]);
  });

  it('ends at its deadline, when its client disconnects, and when the app closes', async () => {
    vi.useFakeTimers();
    const polls = new LongPolls();
    const timed = polls.hold({
      key: 't',
      waitMs: 1000,
      reply: replyOf(),
      subscribe: subscription().subscribe,
    });
    vi.advanceTimersByTime(1000);
    await timed;
    const reply = replyOf();
    const dropped = polls.hold({ key: 't', waitMs: 30_000, reply, subscribe: subscription().subscribe });
    reply.raw.emit('close');
    await dropped;
    const open = polls.hold({
      key: 't',
      waitMs: 30_000,
      reply: replyOf(),
      subscribe: subscription().subscribe,
    });
    polls.closeAll();
    await open;
    expect([polls.size, vi.getTimerCount()]).toEqual([0, 0]);
    // Once closed, a new wait answers at once.
    await polls.hold({ key: 't', waitMs: 30_000, reply: replyOf(), subscribe: subscription().subscribe });
  });

  it('refuses a wait past the per-sandbox cap with a 429, and counts sandboxes apart', () => {
    const polls = new LongPolls();
    const hold = (key: string) =>
      polls.hold({ key, waitMs: 30_000, reply: replyOf(), subscribe: subscription().subscribe });
    for (let i = 0; i < MAX_WAITS_PER_SANDBOX; i++) void hold('a');
    expect(() => hold('a')).toThrow(AdminError);
    expect(() => hold('a')).toThrow(expect.objectContaining({ statusCode: 429 }));
    void hold('b');
    expect(polls.size).toBe(MAX_WAITS_PER_SANDBOX + 1);
    polls.closeAll();
    expect(polls.size).toBe(0);
  });
});
