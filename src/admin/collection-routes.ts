import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { baseUrlOf } from '../http/base-url.js';
import { mergePatch } from '../lib/merge-patch.js';
import type { PartnerAdminOptions } from '../partners/module.js';
import type { Collection } from '../sandbox/records.js';
import type { Sandbox } from '../sandbox/sandboxes.js';
import { sandboxOf } from './addressing.js';
import { NOT_FOUND } from './errors.js';
import { CONFLICT, ensureRoom, parseOrder } from './order-input.js';

/**
 * How the control plane seeds and patches one of a partner's collections: every partner's
 * `POST /__admin/<partner>/<collection>` and `PATCH …/:key` are these two routes.
 */
export interface SeedableCollection<Stores, Key extends string | number, Value extends object> {
  /** The URL under /__admin: `<partner>/orders`. */
  path: string;
  /** The path parameter naming a record, its key field: `order_number`. */
  keyName: string;
  /** A record in messages and summaries: `<partner> order`. */
  noun: string;
  /** The collection's records in messages: `orders`. */
  plural: string;
  schema: z.ZodType<Value>;
  /** The partner's envelope of one record, and how a record is wrapped in it. */
  envelope: z.ZodType;
  wrap: (record: Value) => object;
  collectionOf: (sandbox: Sandbox<Stores>) => Collection<Key, Value>;
  keyFromPath: (text: string) => Key | undefined;
  /** A whole record from any part of one, unvalidated: the partner's defaults fill the rest. */
  build: (partial: Record<string, unknown>, sandbox: Sandbox<Stores>, baseUrl: string) => unknown;
  /** The record once validated (a partner may add what depends on validated fields, as a policy number). */
  complete?: (
    record: Value,
    partial: Record<string, unknown>,
    sandbox: Sandbox<Stores>,
    baseUrl: string,
  ) => Value;
  /** A patch changed the record's key: what hangs on the old key goes (work scheduled for it). */
  rekeyed?: (sandbox: Sandbox<Stores>, oldKey: Key) => void;
}

export function seedableCollectionRoutes<Stores, Key extends string | number, Value extends object>(
  spec: SeedableCollection<Stores, Key, Value>,
): FastifyPluginAsyncZod<PartnerAdminOptions> {
  const article = /^[aeiou]/i.test(spec.noun) ? 'an' : 'a';
  const PartialSchema = z
    .record(z.string(), z.unknown(), {
      error: `The body must be a JSON object: any part of ${article} ${spec.noun}.`,
    })
    .describe(`Any part of ${article} ${spec.noun}, from {} to a whole one.`);
  const alreadyExists = (key: Key) => CONFLICT(`Order ${key} already exists in this sandbox.`);

  return async (app, { sandboxes, docs }) => {
    const errors = {
      400: docs.error('Invalid order (the issues list each problem), or no bearer token.'),
      404: docs.error('No such order in this sandbox.'),
      409: docs.error(`An order with this ${spec.keyName} already exists.`),
    };
    app.post(
      `/__admin/${spec.path}`,
      {
        schema: {
          summary: `Add ${article} ${spec.noun}, defaults filling what the body leaves out`,
          body: PartialSchema,
          response: { 201: spec.envelope, ...errors },
        },
      },
      async (request, reply) => {
        const sandbox = sandboxOf<Stores>(request, sandboxes);
        const records = spec.collectionOf(sandbox);
        ensureRoom(records.size, spec.plural);
        const baseUrl = baseUrlOf(request);
        const parsed = parseOrder(spec.schema, spec.build(request.body, sandbox, baseUrl));
        const key = keyOf<Key>(spec, parsed);
        if (records.find(key)) throw alreadyExists(key);
        const record = spec.complete?.(parsed, request.body, sandbox, baseUrl) ?? parsed;
        records.save(record, { checked: true });
        return reply.code(201).send(spec.wrap(record));
      },
    );

    app.patch(
      `/__admin/${spec.path}/:${spec.keyName}`,
      {
        schema: {
          summary: `Change any field of ${article} ${spec.noun} (JSON Merge Patch), status included`,
          params: z.object({ [spec.keyName]: z.string() }),
          body: PartialSchema,
          response: { 200: spec.envelope, ...errors },
        },
      },
      async (request) => {
        const sandbox = sandboxOf<Stores>(request, sandboxes);
        const records = spec.collectionOf(sandbox);
        const text = (request.params as Record<string, string>)[spec.keyName] ?? '';
        const key = spec.keyFromPath(text);
        const current = key === undefined ? undefined : records.find(key);
        if (key === undefined || !current) throw NOT_FOUND(`No ${spec.noun} ${text} in this sandbox.`);
        const record = parseOrder(spec.schema, mergePatch(spec.schema, current, request.body));
        const newKey = keyOf<Key>(spec, record);
        if (newKey !== key) {
          if (records.find(newKey)) throw alreadyExists(newKey);
          records.remove(key);
          spec.rekeyed?.(sandbox, key);
        }
        records.save(record, { checked: true });
        return spec.wrap(record);
      },
    );
  };
}

function keyOf<Key>(spec: { keyName: string }, record: object): Key {
  return (record as Record<string, unknown>)[spec.keyName] as Key;
}
