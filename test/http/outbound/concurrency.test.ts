import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../../src/http/outbound/concurrency.js';

/** A task the test finishes by hand. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ConcurrencyLimit', () => {
  it('runs at most max tasks at once and starts the waiting ones first come, first served', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limit.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    expect([limit.active, limit.waiting]).toEqual([2, 2]);

    gates[1]?.open();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[0]?.open();
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2]?.open();
    gates[3]?.open();

    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([limit.active, limit.waiting]).toEqual([0, 0]);
  });

  it('frees the slot of a task that throws', async () => {
    const limit = new ConcurrencyLimit(1);

    await expect(limit.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      limit.run(() => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');

    expect(await limit.run(async () => 'next')).toBe('next');
    expect(limit.active).toBe(0);
  });

  it('keeps its order across a long queue', async () => {
    const limit = new ConcurrencyLimit(1);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 3000 }, (_, i) =>
        limit.run(async () => {
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow('concurrency must be a positive integer, not 0');
    expect(() => new ConcurrencyLimit(1.5)).toThrow(RangeError);
  });
});
