import { createRequire } from 'node:module';
import type FastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';
import { responseBytes } from './response-bytes.js';

// Loaded on the first response, not at start-up: fast-json-stringify brings Ajv with it.
const require = createRequire(import.meta.url);
let fastJson: typeof FastJson | undefined;

/**
 * Responses are serialized by their schema with fast-json-stringify, as Fastify does by default:
 * keys come out in the schema's order (the partner's), unknown keys are dropped, and no zod
 * parsing happens on the way out (every stored value was parsed on the way in: fixtures, admin
 * input, domain functions typed by the same schemas). Each serializer is built on first use, so
 * start-up does not pay for routes nobody calls.
 */
export const schemaSerializerCompiler: FastifySerializerCompiler<unknown> = schemaSerializer();

/**
 * The serializer compiler, with `finish` applied to every JSON text it makes (a partner's own
 * encoding: Laravel's escapes), before the bytes of a stored record are kept.
 */
export function schemaSerializer(
  finish: (json: string) => string = (json) => json,
): FastifySerializerCompiler<unknown> {
  return ({ schema }) => compile(schema, finish);
}

function compile(schema: unknown, finish: (json: string) => string) {
  if (!(schema instanceof z.ZodType)) return (payload: unknown) => finish(JSON.stringify(payload));
  let serialize: ((payload: unknown) => string) | undefined;
  // Stored records are frozen (a sandbox replaces a record, never changes it), so the bytes of a
  // response that is a stored record, or a one-key envelope around one (`{"data": order}`), stay
  // valid as long as the record lives: they are made once and kept (responseBytes, bounded),
  // keyed by this serializer and the record, as a Buffer (a string would be measured and encoded
  // to UTF-8 again for every response). The envelope's key is the schema's, so the record alone
  // identifies the bytes.
  const owner = {};
  // Fastify sends a Buffer from a serializer as it is; its type only names strings.
  return ((payload: unknown) => {
    const record = storedRecordOf(payload);
    const cached = record === undefined ? undefined : responseBytes.get(owner, record);
    if (cached !== undefined) return cached;
    fastJson ??= require('fast-json-stringify') as typeof FastJson;
    serialize ??= fastJson(
      withoutRequired(
        z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' }),
      ) as Parameters<typeof FastJson>[0],
    );
    const json = finish(serialize(payload));
    if (record === undefined) return json;
    const bytes = Buffer.from(json);
    responseBytes.made(owner, record, bytes);
    return bytes;
  }) as (payload: unknown) => string;
}

/** The frozen record a payload is, or wraps as the one value of an envelope; else undefined. */
function storedRecordOf(payload: unknown): object | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  if (Object.isFrozen(payload)) return payload;
  let only: unknown;
  let count = 0;
  for (const key in payload) {
    if (++count > 1) return undefined;
    only = (payload as Record<string, unknown>)[key];
  }
  return typeof only === 'object' && only !== null && Object.isFrozen(only) ? only : undefined;
}

/**
 * fast-json-stringify writes required properties before optional ones; the partners interleave
 * them (`approved_at` sits between `ordered_at` and `items`), so every property is left optional
 * and written in schema order when present.
 */
function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && Array.isArray(value)) continue;
    out[key] = withoutRequired(value);
  }
  return out;
}
