import { describe, expect, it } from 'vitest';
import { MAX_INSTANT } from '../../src/lib/instants.js';
import { ClockRangeError, SandboxClock } from '../../src/sandbox/sandbox-clock.js';
import { ManualClock } from '../support/clock.js';

const T0 = Date.parse('2024-05-01T12:00:00.000Z');

describe('SandboxClock', () => {
  it('follows the base clock and fires scheduled work on its timers, in order', () => {
    const base = new ManualClock();
    const clock = new SandboxClock(base);
    const ran: string[] = [];
    clock.schedule(T0 + 2000, () => ran.push(`b@${clock.now() - T0}`));
    clock.schedule(T0 + 1000, () => ran.push(`a@${clock.now() - T0}`));

    base.advance(1500);
    expect(ran).toEqual(['a@1000']);
    base.advance(1000);
    expect(ran).toEqual(['a@1000', 'b@2000']);
    expect(base.pendingTimers).toBe(0);
  });

  it('runs work that is already due at once', () => {
    const clock = new SandboxClock(new ManualClock());
    let ran = false;
    clock.schedule(T0 - 1, () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });

  it('does nothing while frozen, until advanced; then resumes from where it stands', () => {
    const base = new ManualClock();
    const clock = new SandboxClock(base, { frozenAt: T0 });
    let ran = 0;
    clock.schedule(T0 + 1000, () => ran++);

    base.advance(5000);
    expect(clock.now()).toBe(T0);
    expect(ran).toBe(0);

    clock.advance(1000);
    expect(ran).toBe(1);
    expect(clock.now()).toBe(T0 + 1000);

    clock.resume();
    base.advance(250);
    expect(clock.now()).toBe(T0 + 1250);
  });

  it('reports a failing task instead of throwing from a timer', () => {
    const base = new ManualClock();
    const errors: unknown[] = [];
    const clock = new SandboxClock(base, { onError: (error) => errors.push(error) });
    let after = false;
    clock.schedule(T0 + 10, () => {
      throw new Error('boom');
    });
    clock.schedule(T0 + 20, () => {
      after = true;
    });

    base.advance(30);

    expect(errors).toEqual([new Error('boom')]);
    expect(after).toBe(true);
  });

  it('clear() drops pending work and its timer', () => {
    const base = new ManualClock();
    const clock = new SandboxClock(base);
    clock.schedule(T0 + 10, () => {
      throw new Error('must not run');
    });
    clock.clear();
    expect(base.pendingTimers).toBe(0);
    expect(clock.pending).toBe(0);
  });
});

describe('SandboxClock bounds', () => {
  it('refuses instants outside 1970..9999 and an advance past 9999, changing nothing', () => {
    const clock = new SandboxClock(new ManualClock(), { frozenAt: MAX_INSTANT - 10 });

    expect(() => clock.freeze(MAX_INSTANT + 1)).toThrow(ClockRangeError);
    expect(() => clock.freeze(-1)).toThrow(ClockRangeError);
    expect(() => clock.freeze(Number.NaN)).toThrow(ClockRangeError);
    expect(() => clock.advance(11)).toThrow(
      'Advancing by 11 ms would move the clock past 9999-12-31T23:59:59.999Z; it shows 9999-12-31T23:59:59.989Z.',
    );
    expect(clock.now()).toBe(MAX_INSTANT - 10);
    clock.advance(10);
    expect(clock.now()).toBe(MAX_INSTANT);
  });

  it('arms a far-future task in steps of the largest timer, never a 1 ms re-arm loop', () => {
    const base = new ManualClock();
    const delays: number[] = [];
    const recording = {
      now: () => base.now(),
      setTimer: (callback: () => void, delay: number) => {
        delays.push(delay);
        return base.setTimer(callback, delay);
      },
    };
    const clock = new SandboxClock(recording);
    let ran = false;
    clock.schedule(T0 + 100 * 86_400_000, () => {
      ran = true;
    });

    base.advance(50 * 86_400_000);
    expect(ran).toBe(false);
    base.advance(50 * 86_400_000);

    expect(ran).toBe(true);
    expect(delays.every((delay) => delay >= 0 && delay <= 2_147_483_647)).toBe(true);
    expect(delays.length).toBeLessThan(10);
  });

  it('drops work scheduled at an invalid instant, reporting it, and arms no timer', () => {
    const base = new ManualClock();
    const errors: unknown[] = [];
    const clock = new SandboxClock(base, { onError: (error) => errors.push(error) });

    clock.schedule(Number.NaN, () => {});

    expect(clock.pending).toBe(0);
    expect(base.pendingTimers).toBe(0);
    expect(errors).toHaveLength(1);
  });

  it('runs nothing once closed, even work scheduled afterwards', () => {
    const base = new ManualClock();
    const clock = new SandboxClock(base);
    let ran = 0;
    clock.schedule(T0 + 1000, () => ran++);

    clock.close();
    clock.schedule(T0 + 2000, () => ran++);
    base.advance(5000);

    expect(ran).toBe(0);
    expect(base.pendingTimers).toBe(0);
  });

  it('takes 100 000 tasks in order, first scheduled first among equals', () => {
    const clock = new SandboxClock(new ManualClock(), { frozenAt: T0 });
    const ran: number[] = [];
    for (let i = 0; i < 100_000; i++) clock.schedule(T0 + 1 + ((i * 7919) % 1000), () => ran.push(i));

    clock.advance(1000);

    expect(ran).toHaveLength(100_000);
    const due = (i: number) => (i * 7919) % 1000;
    for (let k = 1; k < ran.length; k++) {
      const [a, b] = [ran[k - 1] as number, ran[k] as number];
      expect(due(a) < due(b) || (due(a) === due(b) && a < b)).toBe(true);
    }
  });
});
