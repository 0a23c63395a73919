import { z } from 'zod';
import { duplicates } from '../lib/duplicates.js';
import { type ByteAccount, retainedSize } from './memory-budget.js';
import { OverlayMap } from './overlay-map.js';
import type { Revision } from './revision.js';

/**
 * A partner declares what a sandbox holds of it as named fields: collections of records with a
 * key (orders, quotes, customers), append-only lists (documents, emails) and counters (the next
 * policy file id). Everything else is built here from those declarations, once for every
 * partner: each sandbox's records over the shared seed, the saved state's schema (duplicate keys
 * refused), snapshot and restore, and the byte accounting of what a sandbox holds itself.
 */

/** Records keyed by one of their fields, e.g. orders by `order_number`. */
export interface CollectionField<Value extends object, Key extends string | number> {
  readonly kind: 'collection';
  readonly schema: z.ZodType<Value>;
  readonly keyOf: (record: Value) => Key;
  /** The key's field name, for the state document's duplicate errors. */
  readonly keyName: string;
  /** How many a sandbox may hold, so memory stays bounded whatever a client seeds. */
  readonly max?: number | undefined;
  /** What a record is called in a budget refusal: `The order`. */
  readonly noun: string;
}

/** Values only ever added to, in order (documents generated, emails sent). */
export interface ListField<Value> {
  readonly kind: 'list';
  readonly schema: z.ZodType<Value>;
}

/** A number handed out in sequence (policy file ids): each value once per sandbox. */
export interface CounterField {
  readonly kind: 'counter';
}

// biome-ignore lint/suspicious/noExplicitAny: a declaration holds fields of any record type.
export type Field = CollectionField<any, any> | ListField<any> | CounterField;
export type Fields = Record<string, Field>;

export function collection<Value extends object, Key extends string | number>(
  schema: z.ZodType<Value>,
  options: { keyName: string; keyOf: (record: Value) => Key; noun: string; max?: number },
): CollectionField<Value, Key> {
  return { kind: 'collection', schema, ...options };
}

export function list<Value>(schema: z.ZodType<Value>): ListField<Value> {
  return { kind: 'list', schema };
}

export function counter(): CounterField {
  return { kind: 'counter' };
}

/**
 * The narrow interface route handlers and the control plane use. It is synchronous on purpose:
 * a handler reads the records it needs, calls one pure domain function and writes the result. A
 * shared store (Redis) implements it per request: records are loaded before the handler runs and
 * the changed ones written back atomically after it, so domain functions never change.
 */
export interface Collection<Key, Value> {
  readonly size: number;
  find(key: Key): Value | undefined;
  /** Every record: the seed's in their order, then those added. */
  list(): Value[];
  /**
   * Stores a record (frozen: change a copy and save it). `checked` for a client's write (seeding,
   * patching), refused with BudgetError when the sandbox cannot hold it; a partner transition is
   * counted whatever the budget says.
   */
  save(record: Value, options?: { checked?: boolean }): void;
  remove(key: Key): void;
  /** The highest numeric key this sandbox has held (0 for none): new records number above it. */
  highestKey(): number;
}

export interface AppendList<Value> {
  readonly size: number;
  add(...values: Value[]): void;
  all(): readonly Value[];
}

export interface Counter {
  /** The value `take` hands out next. */
  peek(): number;
  /** Hands out `count` values (one by default) and returns the first. */
  take(count?: number): number;
}

type FieldRecords<F extends Field> =
  F extends CollectionField<infer V, infer K>
    ? Collection<K, V>
    : F extends ListField<infer V>
      ? AppendList<V>
      : Counter;

type FieldSaved<F extends Field> =
  F extends CollectionField<infer V, infer _K> ? V[] : F extends ListField<infer V> ? V[] : number;

type FieldBase<F extends Field> =
  F extends CollectionField<infer V, infer K>
    ? ReadonlyMap<K, V>
    : F extends ListField<infer _V>
      ? never
      : number;

/** A sandbox's records of one partner, field by field. */
export type RecordsOf<F extends Fields> = { readonly [Name in keyof F]: FieldRecords<F[Name]> };
/** The records as a saved state holds them. */
export type SavedRecords<F extends Fields> = { [Name in keyof F]: FieldSaved<F[Name]> };
/** What every sandbox starts from: the seed's collections (shared, frozen) and first counter values. */
export type RecordsBase<F extends Fields> = { [Name in keyof F]?: FieldBase<F[Name]> };

/** The declaration of a partner's records, and everything built from it. */
export interface RecordsDeclaration<F extends Fields> {
  readonly fields: F;
  /** The saved state's schema: the fields in declared order, then `extra` (settings). */
  schema(extra?: z.ZodRawShape): z.ZodType<SavedRecords<F> & Record<string, unknown>>;
  create(base: RecordsBase<F>, bytes?: ByteAccount, revision?: Revision): RecordsOf<F>;
  snapshot(records: RecordsOf<F>): SavedRecords<F>;
  /** Replaces every field with the saved state's (keys checked unique by the schema). */
  restore(records: RecordsOf<F>, saved: SavedRecords<F>): void;
}

export function declareRecords<F extends Fields>(fields: F): RecordsDeclaration<F> {
  const entries = Object.entries(fields);
  return {
    fields,
    schema(extra = {}) {
      const shape: Record<string, z.ZodType> = {};
      // A field a state leaves out starts empty (a counter at its first value), so a state saved
      // before a partner declared a new collection still loads.
      for (const [name, field] of entries) {
        if (field.kind === 'counter') shape[name] = z.int().positive().optional();
        else if (field.kind === 'list') shape[name] = z.array(field.schema).default([]);
        else {
          const records =
            field.max === undefined ? z.array(field.schema) : z.array(field.schema).max(field.max);
          shape[name] = records.default([]);
        }
      }
      return z.strictObject({ ...shape, ...extra }).superRefine((state, context) => {
        for (const [name, field] of entries) {
          if (field.kind !== 'collection') continue;
          const records = (state as Record<string, object[]>)[name] ?? [];
          const keys = records.map((record) => field.keyOf(record));
          for (const issue of duplicates(keys, [name], field.keyName)) {
            context.addIssue({ code: 'custom', ...issue });
          }
        }
      }) as unknown as z.ZodType<SavedRecords<F> & Record<string, unknown>>;
    },
    create(base, bytes, revision) {
      const records: Record<string, unknown> = {};
      for (const [name, field] of entries) {
        const start = (base as Record<string, unknown>)[name];
        if (field.kind === 'counter')
          records[name] = new MemoryCounter((start as number | undefined) ?? 1, revision);
        else if (field.kind === 'list') records[name] = new MemoryList(bytes, revision);
        else {
          const seeded = (start as ReadonlyMap<string | number, object> | undefined) ?? new Map();
          records[name] = new MemoryCollection(seeded, field, bytes, revision);
        }
      }
      return records as RecordsOf<F>;
    },
    snapshot(records) {
      const saved: Record<string, unknown> = {};
      for (const [name, field] of entries) {
        const held = (records as Record<string, unknown>)[name];
        if (field.kind === 'counter') saved[name] = (held as MemoryCounter).peek();
        else if (field.kind === 'list') saved[name] = [...(held as MemoryList<unknown>).all()];
        else saved[name] = (held as MemoryCollection<string, object>).list();
      }
      return saved as SavedRecords<F>;
    },
    restore(records, saved) {
      for (const [name, field] of entries) {
        const held = (records as Record<string, unknown>)[name];
        const value = (saved as Record<string, unknown>)[name];
        if (field.kind === 'counter') (held as MemoryCounter).reset(value as number | undefined);
        else if (field.kind === 'list') (held as MemoryList<unknown>).replace(value as unknown[]);
        else (held as MemoryCollection<string, object>).replace(value as object[]);
      }
    },
  };
}

/** Today's implementation: a sandbox's overlay over the shared seed, in process memory. */
class MemoryCollection<Key extends string | number, Value extends object> implements Collection<Key, Value> {
  readonly #records: OverlayMap<Key, Value>;
  readonly #keyOf: (record: Value) => Key;
  #highest: number;
  readonly #revision: Revision | undefined;

  constructor(
    seed: ReadonlyMap<Key, Value>,
    field: CollectionField<Value, Key>,
    bytes?: ByteAccount,
    revision?: Revision,
  ) {
    this.#revision = revision;
    this.#records = new OverlayMap(seed, { bytes, noun: field.noun });
    this.#keyOf = field.keyOf;
    this.#highest = highestNumber(seed.keys());
  }

  get size(): number {
    return this.#records.size;
  }

  find(key: Key): Value | undefined {
    return this.#records.get(key);
  }

  list(): Value[] {
    return this.#records.values();
  }

  save(record: Value, options: { checked?: boolean } = {}): void {
    const key = this.#keyOf(record);
    this.#records.set(key, record, options);
    this.#revision?.bump();
    if (typeof key === 'number' && key > this.#highest) this.#highest = key;
  }

  remove(key: Key): void {
    this.#revision?.bump();
    this.#records.delete(key);
  }

  highestKey(): number {
    return this.#highest;
  }

  replace(records: readonly Value[]): void {
    this.#revision?.bump();
    this.#records.replace(records.map((record) => [this.#keyOf(record), record]));
    this.#highest = highestNumber(records.map(this.#keyOf));
  }
}

function highestNumber(keys: Iterable<unknown>): number {
  let highest = 0;
  for (const key of keys) if (typeof key === 'number' && key > highest) highest = key;
  return highest;
}

class MemoryList<Value> implements AppendList<Value> {
  #values: Value[] = [];
  readonly #bytes: ByteAccount | undefined;
  /** Bytes counted on the account for the values held, released as counted. */
  #counted = 0;
  readonly #revision: Revision | undefined;

  constructor(bytes?: ByteAccount, revision?: Revision) {
    this.#bytes = bytes;
    this.#revision = revision;
  }

  get size(): number {
    return this.#values.length;
  }

  add(...values: Value[]): void {
    if (values.length === 0) return;
    this.#revision?.bump();
    const size = retainedSize(values);
    this.#bytes?.force(size);
    this.#counted += size;
    this.#values.push(...values);
  }

  all(): readonly Value[] {
    return this.#values;
  }

  replace(values: readonly Value[]): void {
    this.#revision?.bump();
    this.#bytes?.release(this.#counted);
    this.#values = [...values];
    this.#counted = retainedSize(this.#values);
    this.#bytes?.force(this.#counted);
  }
}

class MemoryCounter implements Counter {
  #next: number;
  readonly #first: number;
  readonly #revision: Revision | undefined;

  constructor(first: number, revision?: Revision) {
    this.#next = first;
    this.#first = first;
    this.#revision = revision;
  }

  peek(): number {
    return this.#next;
  }

  take(count = 1): number {
    const first = this.#next;
    if (count !== 0) this.#revision?.bump();
    this.#next += count;
    return first;
  }

  /** To a saved value, or to its first one when the state has none. */
  reset(next: number | undefined): void {
    this.#revision?.bump();
    this.#next = next ?? this.#first;
  }
}
