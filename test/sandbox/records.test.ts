import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deepFreeze } from '../../src/lib/fixture-files.js';
import { BudgetError, MemoryBudget } from '../../src/sandbox/memory-budget.js';
import { collection, counter, declareRecords, list } from '../../src/sandbox/records.js';

const Thing = z.strictObject({ id: z.int(), name: z.string() });
type Thing = z.infer<typeof Thing>;
const Note = z.strictObject({ text: z.string() });

const declaration = declareRecords({
  things: collection(Thing, { keyName: 'id', keyOf: (thing: Thing) => thing.id, noun: 'The thing', max: 3 }),
  notes: list(Note),
  next_number: counter(),
});

const seed = new Map<number, Thing>([[1, deepFreeze({ id: 1, name: 'seeded' })]]);

describe('declared records', () => {
  it('start from the shared seed, and a sandbox writes over it without touching it', () => {
    const records = declaration.create({ things: seed, next_number: 7 });

    records.things.save({ id: 1, name: 'changed' });
    records.things.save({ id: 4, name: 'added' });
    records.notes.add({ text: 'a' }, { text: 'b' });

    expect(seed.get(1)).toEqual({ id: 1, name: 'seeded' });
    expect(records.things.list()).toEqual([
      { id: 1, name: 'changed' },
      { id: 4, name: 'added' },
    ]);
    expect(records.things.highestKey()).toBe(4);
    expect(records.next_number.take(2)).toBe(7);
    expect(declaration.snapshot(records)).toEqual({
      things: [
        { id: 1, name: 'changed' },
        { id: 4, name: 'added' },
      ],
      notes: [{ text: 'a' }, { text: 'b' }],
      next_number: 9,
    });
  });

  it('restore replaces every field: a seeded record absent from the state is gone', () => {
    const records = declaration.create({ things: seed });
    records.notes.add({ text: 'old' });

    declaration.restore(records, { things: [{ id: 9, name: 'loaded' }], notes: [], next_number: 3 });

    expect(records.things.find(1)).toBeUndefined();
    expect(records.things.list()).toEqual([{ id: 9, name: 'loaded' }]);
    expect(records.notes.all()).toEqual([]);
    expect(records.next_number.peek()).toBe(3);
  });

  it("build the state's schema in declared order, refusing duplicate keys and too many records", () => {
    const schema = declaration.schema({ extra: z.boolean() });
    const state = { things: [{ id: 1, name: 'a' }], notes: [], next_number: 1, extra: true };
    expect(Object.keys(schema.parse(state))).toEqual(['things', 'notes', 'next_number', 'extra']);

    const twice = schema.safeParse({ ...state, things: [state.things[0], state.things[0]] });
    expect(twice.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['things', 1], 'id 1 appears twice'],
    ]);
    const many = schema.safeParse({ ...state, things: [1, 2, 3, 4].map((id) => ({ id, name: 'x' })) });
    expect(many.success).toBe(false);
  });

  it('count what a sandbox holds itself on its byte account, and give it back when removed', () => {
    const account = new MemoryBudget({ sandbox: 1000, process: 100_000 }).account();
    const records = declaration.create({ things: seed }, account);

    records.things.find(1);
    expect(account.used).toBe(0);
    records.things.save({ id: 2, name: 'x'.repeat(100) }, { checked: true });
    records.notes.add({ text: 'y'.repeat(50) });
    const held = account.used;
    expect(held).toBeGreaterThan(300);

    records.things.remove(2);
    expect(account.used).toBeLessThan(held);
    expect(() => records.things.save({ id: 3, name: 'z'.repeat(1000) }, { checked: true })).toThrow(
      BudgetError,
    );
    expect(records.things.find(3)).toBeUndefined();
  });
});
