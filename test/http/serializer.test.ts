import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ResponseBytes } from '../../src/http/response-bytes.js';
import { schemaSerializerCompiler } from '../../src/http/serializer.js';
import { deepFreeze } from '../../src/lib/fixture-files.js';

const Record = z.strictObject({ b: z.string(), a: z.int().optional() });
const serializerOf = (schema: z.ZodType) =>
  schemaSerializerCompiler({ schema, method: 'GET', url: '/', httpStatus: '200' }) as (
    payload: unknown,
  ) => string | Buffer;

describe('the schema serializer', () => {
  it("writes keys in the schema's order and drops unknown ones", () => {
    const serialize = serializerOf(z.strictObject({ data: Record }));
    expect(String(serialize({ data: { a: 1, b: 'x', extra: true } }))).toBe('{"data":{"b":"x","a":1}}');
  });

  it('keeps the bytes of a stored (frozen) record, alone or in a one-key envelope, once it is read again', () => {
    const serialize = serializerOf(z.strictObject({ data: Record }));
    const stored = deepFreeze({ b: 'x' });

    const first = serialize({ data: stored });
    expect(first).toBeInstanceOf(Buffer);
    const second = serialize({ data: stored });
    expect(second).not.toBe(first);
    expect(serialize({ data: stored })).toBe(second);
    expect(String(second)).toBe('{"data":{"b":"x"}}');
    // A replaced record is a new object: new bytes.
    expect(String(serialize({ data: deepFreeze({ b: 'y' }) }))).toBe('{"data":{"b":"y"}}');
  });

  it('makes the bytes of anything else anew each time', () => {
    const serialize = serializerOf(z.strictObject({ data: Record }));
    const changing = { b: 'x' };
    expect(serialize({ data: changing })).toBe('{"data":{"b":"x"}}');
    changing.b = 'z';
    expect(serialize({ data: changing })).toBe('{"data":{"b":"z"}}');
  });
});

describe('ResponseBytes', () => {
  const twice = (cache: ResponseBytes, owner: object, record: object, bytes: Buffer) => {
    cache.made(owner, record, bytes);
    cache.made(owner, record, bytes);
  };

  it("keeps one route's bytes for a record from its second serialization, and never gives them to another route", () => {
    const cache = new ResponseBytes();
    const [route, other, record] = [{}, {}, {}];
    cache.made(route, record, Buffer.from('1'));
    expect(cache.get(route, record)).toBeUndefined();
    twice(cache, route, record, Buffer.from('12'));
    expect(String(cache.get(route, record))).toBe('12');
    expect(cache.get(other, record)).toBeUndefined();
  });

  it('is bounded by records and by bytes, the oldest going first', () => {
    const cache = new ResponseBytes();
    const route = {};
    const records = Array.from({ length: 5000 }, () => ({}));
    for (const record of records) twice(cache, route, record, Buffer.from('x'));
    expect(cache.size).toBe(4096);
    expect(cache.get(route, records[0] as object)).toBeUndefined();
    expect(String(cache.get(route, records[4999] as object))).toBe('x');

    // 3 MiB each: 8 MiB holds two.
    const large = Buffer.alloc(3 * 1024 * 1024);
    const big = Array.from({ length: 3 }, () => ({}));
    for (const record of big) twice(cache, route, record, large);
    expect(big.map((record) => cache.get(route, record) !== undefined)).toEqual([false, true, true]);
  });
});
