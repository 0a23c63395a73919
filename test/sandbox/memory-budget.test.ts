import { describe, expect, it } from 'vitest';
import { Faults } from '../../src/sandbox/faults.js';
import { Journal, type JournalRecord } from '../../src/sandbox/journal.js';
import { BudgetError, freezeRetained, MemoryBudget, retainedSize } from '../../src/sandbox/memory-budget.js';

const record = (id: number, body = ''): JournalRecord => ({
  id: String(id),
  at: 0,
  token: 't',
  partner: 'grow',
  method: 'POST',
  url: '/v1/orders/authorize',
  headers: {},
  body,
  status: 200,
  response: undefined,
  durationMs: 1,
});

describe('MemoryBudget', () => {
  it('sheds the oldest journal records to keep a sandbox within its bytes', () => {
    const budget = new MemoryBudget({ sandbox: 10_000, process: 1_000_000 });
    const account = budget.account();
    const journal = new Journal(1000, account);

    for (let i = 1; i <= 20; i++) journal.add(record(i, 'x'.repeat(1000)));

    expect(account.used).toBeLessThanOrEqual(10_000);
    // 1276 bytes each (1000 of body, 20 of URL, 256 for the record): seven fit.
    expect(journal.newestFirst().map((kept) => kept.id)).toEqual(['20', '19', '18', '17', '16', '15', '14']);
    expect(budget.total).toBe(account.used);
  });

  it('refuses a write larger than a whole sandbox, naming the limit, and counts nothing', () => {
    const budget = new MemoryBudget({ sandbox: 10_000, process: 1_000_000 });
    const account = budget.account();

    expect(() => account.reserve(10_001, 'The fault rule')).toThrow(
      new BudgetError(
        'sandbox',
        'The fault rule needs 10001 bytes, more than a whole sandbox may hold (SIM_SANDBOX_MAX_BYTES=10000). Send less, or raise SIM_SANDBOX_MAX_BYTES.',
      ),
    );
    expect(account.used).toBe(0);
  });

  it('asks for relief when the process is full, and refuses with the process scope when none comes', () => {
    const budget = new MemoryBudget({ sandbox: 10_000, process: 15_000 });
    const first = budget.account();
    const second = budget.account();
    first.reserve(9000, 'x');
    const asked: number[] = [];
    budget.relieve = (bytes, asking) => {
      asked.push(bytes);
      expect(asking).toBe(second);
    };

    expect(() => second.reserve(8000, 'The order')).toThrow(expect.objectContaining({ scope: 'process' }));
    expect(asked).toEqual([8000]);
    budget.relieve = () => first.close();
    second.reserve(8000, 'The order');
    expect(budget.total).toBe(8000);
  });

  it('gives everything back when an account closes, and ignores it afterwards', () => {
    const budget = new MemoryBudget({ sandbox: 10_000, process: 1_000_000 });
    const account = budget.account();
    account.reserve(5000, 'x');
    account.close();
    account.add(100);
    expect(budget.total).toBe(0);
  });
});

describe('Faults.replace', () => {
  it('replaces every rule or, past the budget, none', () => {
    const budget = new MemoryBudget({ sandbox: 10_000, process: 1_000_000 });
    const faults = new Faults(budget.account());
    faults.add('small', { match: {}, action: { status: 503 } });
    const rule = (id: string, pad: number) => ({
      id,
      match: {},
      action: { status: 503, body: 'x'.repeat(pad) },
      times: null,
      remaining: null,
      probability: 1,
      fired: 0,
    });

    expect(() => faults.replace([rule('a', 3000), rule('b', 3000)])).toThrow(BudgetError);
    expect(faults.rules.map((kept) => kept.id)).toEqual(['small']);
    faults.replace([rule('a', 1000)]);
    expect(faults.rules.map((kept) => kept.id)).toEqual(['a']);
  });

  it('measures a stored record as twice its JSON length while freezing it, shared frozen parts included', () => {
    const shared = Object.freeze({ alias: 'basic', limits: Object.freeze([100, 2500.5]) });
    const order = {
      order_number: '1-JUN8668',
      total: -22.75,
      premium: 0,
      big: 2 ** 60,
      flags: [true, false, null, undefined],
      name: 'Zoë',
      empty: {},
      none: [],
      skipped: undefined,
      items: [{ package: shared, deductible: 250 }],
    };
    const expected = retainedSize(order);

    expect(freezeRetained(order)).toBe(expected);
    expect(Object.isFrozen(order) && Object.isFrozen(order.items[0]) && Object.isFrozen(order.flags)).toBe(
      true,
    );
    // Escapes are the one thing not counted: a quote costs one character, not two.
    expect(freezeRetained({ note: 'say "hi"' })).toBe(retainedSize({ note: 'say "hi"' }) - 4);
  });
});
