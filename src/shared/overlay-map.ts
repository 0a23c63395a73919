import { deepFreeze } from './fixture-files.js';

/**
 * A sandbox's view of records keyed by id: reads fall through to a shared, frozen base (the
 * fixtures) until the sandbox writes its own, so a sandbox costs nothing until it changes
 * something. Everything stored is frozen: a record is replaced, never changed in place, which
 * also keeps the serialized bytes cached for it valid.
 */
export class OverlayMap<Key, Value extends object> {
  #base: ReadonlyMap<Key, Value>;
  /** `null` marks a record removed from the base. */
  #changed = new Map<Key, Value | null>();

  constructor(base: ReadonlyMap<Key, Value>) {
    this.#base = base;
  }

  get(key: Key): Value | undefined {
    const changed = this.#changed.get(key);
    return changed === undefined ? this.#base.get(key) : (changed ?? undefined);
  }

  /** Every record: the base's in their order, then those added. */
  values(): Value[] {
    const values: Value[] = [];
    for (const key of new Set([...this.#base.keys(), ...this.#changed.keys()])) {
      const value = this.get(key);
      if (value) values.push(value);
    }
    return values;
  }

  set(key: Key, value: Value): void {
    this.#changed.set(key, deepFreeze(value));
  }

  delete(key: Key): void {
    this.#changed.set(key, null);
  }

  /** Replaces everything: the given records become the base, nothing else remains. */
  replace(entries: Iterable<[Key, Value]>): void {
    this.#base = new Map([...entries].map(([key, value]) => [key, deepFreeze(value)]));
    this.#changed = new Map();
  }
}
