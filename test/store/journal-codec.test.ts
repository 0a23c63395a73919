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
      const encoded = encodeJournalRecord(record(body, response));
      expect(encoded.apart).toBeUndefined();
      const decoded = decodeJournalRecord(42, encoded.text);
      // A valid UTF-8 buffer is kept as its text; anything else as the same bytes.
      const asKept = (kept: typeof body) =>
        Buffer.isBuffer(kept) && kept.toString('utf8').includes('ü') ? kept.toString('utf8') : kept;
      expect(decoded).toEqual({ ...record(asKept(body), response), id: '42' });
    }
  });

  it('keep JSON bodies as they are, not escaped into the record line', () => {
    const body = '{"a":"b","c":["d"]}';
    const { text } = encodeJournalRecord(record(body, '{"e":1}'));
    expect(text.endsWith(`\n${body}{"e":1}`)).toBe(true);
    expect(text.indexOf('\n')).toBe(text.length - body.length - 7 - 1);
  });

  it('keep a large UTF-8 response Buffer apart, as its bytes, and take it back as its text', () => {
    const response = Buffer.from(`{"data":"${'é'.repeat(600)}"}`);
    const encoded = encodeJournalRecord(record('{"a":1}', response));
    expect(encoded.apart).toBe(response);
    expect(encoded.text.endsWith('\n{"a":1}')).toBe(true);
    expect(decodeJournalRecord(7, encoded.text, response.toString('utf8'))).toEqual({
      ...record('{"a":1}', response.toString('utf8')),
      id: '7',
    });
    // Small, or not UTF-8: kept in the record's text as before.
    expect(encodeJournalRecord(record(undefined, Buffer.from('{"small":true}'))).apart).toBeUndefined();
    const binary = Buffer.alloc(2048, 0xff);
    expect(encodeJournalRecord(record(undefined, binary)).apart).toBeUndefined();
  });
});
