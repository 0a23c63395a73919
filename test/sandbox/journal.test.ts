import { describe, expect, it } from 'vitest';
import { Journal, type JournalRecord } from '../../src/sandbox/journal.js';
import { MemoryBudget } from '../../src/sandbox/memory-budget.js';

const record = (id: number, overrides: Partial<JournalRecord> = {}): JournalRecord => ({
  id: String(id),
  at: 1_700_000_000_000 + id,
  token: 'sandbox-a',
  partner: 'battleface',
  method: 'POST',
  url: `/api/partner/orders/${id}/payment/status?x=1`,
  headers: { 'content-type': 'application/json', 'x-forwarded-for': ['10.0.0.1', '10.0.0.2'] },
  body: `{"n":${id}}`,
  status: 200,
  response: Buffer.from(`{"data":{"n":${id}}}`),
  durationMs: 1.234,
  ...overrides,
});

describe('Journal', () => {
  it('gives back every kind of record exactly as it was added', () => {
    const journal = new Journal(10);
    const kept: JournalRecord[] = [
      record(1),
      record(2, { token: undefined, body: undefined, response: undefined, headers: {} }),
      // Text outside ASCII, a string UTF-8 would change (a lone surrogate), bytes that are not UTF-8.
      record(3, { body: '{"name":"Zoë Ōkubo 😀"}', response: 'broken \ud800 half' }),
      record(4, {
        body: Buffer.from([0xff, 0x00, 0xfe]),
        response: { bytes: Buffer.from('{"cut'), cut: 9000 },
      }),
      // A large Buffer of its own (a stored record's response bytes): kept by reference.
      record(5, { response: Buffer.alloc(6000, '{"data":1}') }),
    ];
    for (const each of kept) journal.add(each);

    expect(journal.newestFirst()).toEqual([...kept].reverse());
    expect(journal.length).toBe(5);
  });

  it('keeps the newest records up to its size, across many chunks, and sheds the oldest first', () => {
    const journal = new Journal(300);
    // Bodies of 1 to 3 KB: about 600 KB in all, so chunks fill, are shed and are written again.
    for (let id = 1; id <= 600; id++) journal.add(record(id, { body: 'x'.repeat(1000 + (id % 3) * 1000) }));

    const ids = journal.newestFirst().map((kept) => Number(kept.id));
    expect(ids).toEqual(Array.from({ length: 300 }, (_, index) => 600 - index));
    expect(journal.newestFirst()[299]).toEqual(record(301, { body: 'x'.repeat(1000 + (301 % 3) * 1000) }));
  });

  it('keeps a record larger than any chunk', () => {
    const journal = new Journal(10);
    const large = record(1, { body: 'a'.repeat(16 * 1024), response: 'b'.repeat(100 * 1024) });
    journal.add(record(0));
    journal.add(large);
    journal.add(record(2));

    expect(journal.newestFirst()).toEqual([record(2), large, record(0)]);
  });

  it('gives its bytes back to the budget as records go, and starts over once emptied or cleared', () => {
    const budget = new MemoryBudget({ sandbox: 1_000_000, process: 10_000_000 });
    const account = budget.account();
    const journal = new Journal(5, account);
    for (let id = 11; id <= 15; id++) journal.add(record(id));
    const five = account.used;

    while (journal.shedOldest()) {}
    expect(account.used).toBe(0);
    journal.add(record(16));
    expect(journal.newestFirst()).toEqual([record(16)]);

    journal.clear();
    expect(journal.length).toBe(0);
    expect(account.used).toBe(0);
    for (let id = 17; id <= 21; id++) journal.add(record(id));
    expect(account.used).toBe(five);
    expect(journal.newestFirst().map((kept) => kept.id)).toEqual(['21', '20', '19', '18', '17']);
  });

  it('hands out copies: changing a record read back changes nothing kept', () => {
    const journal = new Journal(10);
    const shared = Buffer.alloc(6000, 'x');
    journal.add(record(1));
    journal.add(record(2, { response: shared }));
    for (const read of journal.newestFirst()) (read.response as Buffer).fill(0);

    expect(journal.newestFirst()).toEqual([record(2, { response: Buffer.alloc(6000, 'x') }), record(1)]);
    expect(shared).toEqual(Buffer.alloc(6000, 'x'));
  });

  it("gives a closed journal's memory to the next journal without either seeing the other's records", () => {
    const dropped = new Journal(100);
    for (let id = 1; id <= 40; id++) dropped.add(record(id, { body: 'd'.repeat(2000) }));
    dropped.close();
    const next = new Journal(100);
    for (let id = 41; id <= 80; id++) next.add(record(id, { body: 'n'.repeat(2000) }));
    // A request that outlived its sandbox still lands in the dropped journal.
    dropped.add(record(81));

    expect(dropped.newestFirst()).toEqual([record(81)]);
    expect(next.newestFirst()).toEqual(
      Array.from({ length: 40 }, (_, index) => record(80 - index, { body: 'n'.repeat(2000) })),
    );
  });
});
