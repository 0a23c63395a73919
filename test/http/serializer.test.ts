import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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

  it('keeps the bytes of a stored (frozen) record, alone or in a one-key envelope, while it lives', () => {
    const serialize = serializerOf(z.strictObject({ data: Record }));
    const stored = deepFreeze({ b: 'x' });

    const first = serialize({ data: stored });
    expect(first).toBeInstanceOf(Buffer);
    expect(serialize({ data: stored })).toBe(first);
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
