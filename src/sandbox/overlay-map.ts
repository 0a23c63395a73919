import { type ByteAccount, freezeRetained } from './memory-budget.js';

/**
 * A sandbox's view of records keyed by id: reads fall through to a shared, frozen base (the
 * fixtures) until the sandbox writes its own, so a sandbox costs nothing until it changes
 * something. Everything stored is frozen: a record is replaced, never changed in place, which
 * also keeps the serialized bytes cached for it valid. What the sandbox holds of its own (changed
 * records, a loaded base) is counted on its byte account.
 */
export class OverlayMap<Key, Value extends object> {
  #base: ReadonlyMap<Key, Value>;
  /** `null` marks a record removed from the base. */
  #changed = new Map<Key, Value | null>();
  readonly #bytes: ByteAccount | undefined;
  readonly #noun: string;
  /** Counted bytes by key, of the records this sandbox holds itself. */
  #sizes = new Map<Key, number>();

  constructor(base: ReadonlyMap<Key, Value>, options: { bytes?: ByteAccount | undefined; noun: string }) {
    this.#base = base;
    this.#bytes = options.bytes;
    this.#noun = options.noun;
  }

  get(key: Key): Value | undefined {
    const changed = this.#changed.get(key);
    return changed === undefined ? this.#base.get(key) : (changed ?? undefined);
  }

  get size(): number {
    let size = this.#base.size;
    for (const [key, value] of this.#changed) {
      const inBase = this.#base.has(key);
      if (value === null && inBase) size--;
      else if (value !== null && !inBase) size++;
    }
    return size;
  }

  /** Every record: the base's in their order, then those added. */
  values(): Value[] {
    const values: Value[] = [];
    for (const [key, value] of this.#base) {
      const changed = this.#changed.get(key);
      if (changed === undefined) values.push(value);
      else if (changed !== null) values.push(changed);
    }
    for (const [key, value] of this.#changed) {
      if (value !== null && !this.#base.has(key)) values.push(value);
    }
    return values;
  }

  /**
   * Stores a record. `checked`: a client's write, refused with BudgetError when it does not fit;
   * otherwise (a partner transition) counted whatever the budget says.
   */
  set(key: Key, value: Value, options: { checked?: boolean } = {}): void {
    const size = freezeRetained(value);
    const previous = this.#sizes.get(key) ?? 0;
    if (options.checked) this.#bytes?.reserve(Math.max(0, size - previous), this.#noun);
    else this.#bytes?.force(size - previous);
    if (options.checked && size < previous) this.#bytes?.release(previous - size);
    this.#sizes.set(key, size);
    this.#changed.set(key, value);
  }

  delete(key: Key): void {
    this.#bytes?.release(this.#sizes.get(key) ?? 0);
    this.#sizes.delete(key);
    // Only a base record needs a marker; one the sandbox added itself is simply forgotten.
    if (this.#base.has(key)) this.#changed.set(key, null);
    else this.#changed.delete(key);
  }

  /**
   * Replaces everything: the given records become the base, nothing else remains. Their bytes are
   * counted (the caller checked the whole state fits before calling).
   */
  replace(entries: Iterable<[Key, Value]>): void {
    for (const size of this.#sizes.values()) this.#bytes?.release(size);
    const base = new Map<Key, Value>();
    const sizes = new Map<Key, number>();
    for (const [key, value] of entries) {
      sizes.set(key, freezeRetained(value));
      base.set(key, value);
    }
    let total = 0;
    for (const size of sizes.values()) total += size;
    this.#bytes?.force(total);
    this.#base = base;
    this.#sizes = sizes;
    this.#changed = new Map();
  }
}
