import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../src/sandbox/journal.js';
import { decodeJournalRecord, encodeJournalRecord } from '../../src/sandbox/store/journal-codec.js';

const record = (body: JournalRecord['body'], response: JournalRecord['response']): JournalRecord => ({
  id: 'local',
  at: 1_767_323_045_000,
  token: 't',
  partner: 'grow',
  method: 'POST',
  url: '/v1/orders?x=1',
  headers: { 'content-type': 'application/json' },
  body,
  status: 201,
  response,
  durationMs: 1.25,
});

describe('journal records in a shared store', () => {
  it('come back whole, with the id the store gave them, bodies of every kind included', () => {
    const cases: Array<[JournalRecord['body'], JournalRecord['response']]> = [
      ['{"name":"Zoë \\"quoted\\"\\n","emoji":"🛫"}', '{"ok":true}'],
      [undefined, '{"message":"Unauthenticated."}'],
      ['', undefined],
      [Buffer.from('{"a":"ü"}'), Buffer.from([0xff, 0x00, 0x0a, 0x7b])],
      [{ bytes: Buffer.from([0xc3, 0x28, 0x0a]), cut: 9000 }, '\n{"line":"two"}\n'],
    ];
    for (const [body, response] of cases) {
      const decoded = decodeJournalRecord(42, encodeJournalRecord(record(body, response)));
      // A valid UTF-8 buffer is kept as its text; anything else as the same bytes.
      const asKept = (kept: typeof body) =>
        Buffer.isBuffer(kept) && kept.toString('utf8').includes('ü') ? kept.toString('utf8') : kept;
      expect(decoded).toEqual({ ...record(asKept(body), response), id: '42' });
    }
  });

  it('keep JSON bodies as they are, not escaped into the record line', () => {
    const body = '{"a":"b","c":["d"]}';
    const text = encodeJournalRecord(record(body, '{"e":1}'));
    expect(text.endsWith(`\n${body}{"e":1}`)).toBe(true);
    expect(text.indexOf('\n')).toBe(text.length - body.length - 7 - 1);
  });
});
