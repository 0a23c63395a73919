import { describe, expect, it } from 'vitest';
import { JournalWatchers } from '../../src/http/journal-hooks.js';
import type { JournalRecord } from '../../src/sandbox/journal.js';

const record = (token: string | undefined, id: string): JournalRecord => ({
  id,
  at: 0,
  token,
  partner: 'p',
  method: 'GET',
  url: '/x',
  headers: {},
  body: undefined,
  status: 200,
  response: undefined,
  durationMs: 1,
});

describe('JournalWatchers', () => {
  it("tells a token's watchers of its records only, and the watchers of everything of all", () => {
    const watchers = new JournalWatchers();
    const seen: string[] = [];
    const stopA = watchers.add('a', (r) => seen.push(`a:${r.id}`));
    watchers.add('b', (r) => seen.push(`b:${r.id}`));
    watchers.add(undefined, (r) => seen.push(`all:${r.id}`));
    expect(watchers.size).toBe(3);
    watchers.notify(record('a', '1'));
    watchers.notify(record('b', '2'));
    watchers.notify(record(undefined, '3'));
    stopA();
    stopA();
    watchers.notify(record('a', '4'));
    expect(seen).toEqual(['a:1', 'all:1', 'b:2', 'all:2', 'all:3', 'all:4']);
    expect(watchers.size).toBe(2);
  });
});
