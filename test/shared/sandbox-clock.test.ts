import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../src/shared/sandbox-clock.js';
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
