/** Records each map holds at most. */
const MAX_ENTRIES = 4096;
/** Response bytes each map accounts for at most (the records they pin cost about twice as much). */
const MAX_BYTES = 8 * 1024 * 1024;

/** A map bounded by entries and by the bytes its entries stand for, oldest out first. */
class BoundedMap<Value> {
  readonly #entries = new Map<object, { value: Value; bytes: number }>();
  #bytes = 0;

  get(key: object): Value | undefined {
    return this.#entries.get(key)?.value;
  }

  set(key: object, value: Value, bytes: number): void {
    this.delete(key);
    if (bytes > MAX_BYTES) return;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= MAX_ENTRIES && this.#bytes <= MAX_BYTES) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  delete(key: object): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * The response bytes made for stored records, so a record read again (payment/status, GET) is
 * not serialized again. A record's bytes are kept the second time one route serializes it: most
 * records are answered once (the order a creation returns), and keeping bytes for every one, in
 * a WeakMap as before, cost order creation about a tenth of its CPU in garbage collection (their
 * buffers promoted and swept, one ephemeron per stored order traced). Both maps are bounded and
 * shared by the whole process; a record in either stays alive until it leaves, which the bounds
 * keep to a few MB.
 */
export class ResponseBytes {
  /** Records serialized once, by which route's serializer. */
  readonly #seen = new BoundedMap<object>();
  readonly #kept = new BoundedMap<{ owner: object; bytes: Buffer }>();

  /** The bytes `owner` (one route's serializer) made for `record`, if kept. */
  get(owner: object, record: object): Buffer | undefined {
    const kept = this.#kept.get(record);
    return kept?.owner === owner ? kept.bytes : undefined;
  }

  /** Notes that `owner` made `bytes` for `record`: kept if it made them before. */
  made(owner: object, record: object, bytes: Buffer): void {
    if (this.#seen.get(record) !== owner) {
      this.#seen.set(record, owner, bytes.length);
      return;
    }
    this.#seen.delete(record);
    this.#kept.set(record, { owner, bytes }, bytes.length);
  }

  get size(): number {
    return this.#kept.size;
  }
}

/** The one cache every serializer shares, so its bounds are the process's. */
export const responseBytes = new ResponseBytes();
