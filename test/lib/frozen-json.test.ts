import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frozenJson } from '../../src/lib/frozen-json.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('frozenJson', () => {
  it('writes what JSON.stringify writes, for any plain data, frozen or not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, freeze) => {
        const data = freeze ? deepFreeze(structuredClone(value)) : value;
        expect(frozenJson(data)).toBe(JSON.stringify(data));
      }),
    );
  });

  it('skips undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    const value = { a: undefined, b: [undefined, 1], c: { d: undefined } };
    expect(frozenJson(value)).toBe(JSON.stringify(value));
  });

  it('reuses the text of a frozen record inside a changing document', () => {
    const record = deepFreeze({ id: 1, items: [{ n: 'x' }] });
    expect(frozenJson({ records: [record], next: 2 })).toBe(
      '{"records":[{"id":1,"items":[{"n":"x"}]}],"next":2}',
    );
    expect(frozenJson({ records: [record, record], next: 3 })).toBe(
      '{"records":[{"id":1,"items":[{"n":"x"}]},{"id":1,"items":[{"n":"x"}]}],"next":3}',
    );
  });
});
