import type { JournalRecord, KeptBody } from './journal-record.js';

/** Every chunk's size, but for a record larger than that (it gets a chunk of its own). */
const CHUNK_BYTES = 16 * 1024;
/** Chunks kept for reuse, for the whole process (16 MB). */
const POOLED_CHUNKS = 1024;

/**
 * Chunks given back by journals (records shed, sandboxes dropped), handed to the next journal
 * that needs one: allocating a fresh Buffer for each chunk, as sandboxes are evicted and created
 * under load, made the collector run three times as often (external memory it must account for).
 */
const chunkPool: Buffer[] = [];

function takeChunk(length: number): Buffer {
  if (length <= CHUNK_BYTES) {
    const pooled = chunkPool.pop();
    if (pooled !== undefined) return pooled;
  }
  // Not from Node's shared pool: a chunk must not pin, or be pinned by, anyone else's bytes.
  return Buffer.allocUnsafeSlow(Math.max(length, CHUNK_BYTES));
}

function giveBack(chunk: Buffer): void {
  if (chunk.length === CHUNK_BYTES && chunkPool.length < POOLED_CHUNKS) chunkPool.push(chunk);
}

/**
 * How a body is framed: `t` text (a string, UTF-8), `u` text kept as UTF-16 (a string that is
 * not well-formed Unicode, which UTF-8 would change), `b` bytes (a Buffer), `c` the first bytes
 * of a body cut at the journal's limit.
 */
type Frame =
  | null
  | { t: number }
  | { u: number }
  | { b: number }
  | { c: number; cut: number }
  | { r: number };

/**
 * Journal records as bytes in 16 KB chunks, oldest first, rather than as objects and
 * strings on the JavaScript heap. A retained record used to be a dozen heap objects and two body
 * strings that the garbage collector copied out of the young generation, promoted, and marked on
 * every full collection until the record was shed: with 1000 records per sandbox that was a fifth
 * of a partner request's CPU (bench/profile.mjs, SIM_JOURNAL_SIZE=1 against the default). Here a
 * record is a run of bytes and three numbers (and a reference to a large Buffer it shares, see
 * `owns`), so the collector sees a handful of chunks per journal. Records are decoded only when
 * read (the control plane's listings).
 *
 * A record is: 4 bytes (the length of its head), the head (JSON: everything but the bodies, with
 * each body's frame), then the request body's bytes, then the response's.
 */
export class JournalArena {
  /** Chunks holding records, oldest first; #chunkBase is the sequence number of #chunks[0]. */
  #chunks: Buffer[] = [];
  #chunkBase = 0;
  /** Bytes written into the newest chunk. */
  #used = 0;
  /** Per record, oldest first from #head: its chunk's sequence number, offset, and counted bytes. */
  #chunkOf: number[] = [];
  #offset: number[] = [];
  #counted: number[] = [];
  /** Per record, the Buffers it references (request body, response), or undefined: mostly holes. */
  #refs: Array<[Buffer | undefined, Buffer | undefined] | undefined> = [];
  #head = 0;

  get length(): number {
    return this.#chunkOf.length - this.#head;
  }

  /** Keeps a record; `counted` is what the memory budget counts for it, given back by shift. */
  push(record: JournalRecord, counted: number): void {
    const body = frameOf(record.body);
    const response = frameOf(record.response);
    const head = JSON.stringify({
      id: record.id,
      at: record.at,
      token: record.token,
      partner: record.partner,
      method: record.method,
      url: record.url,
      headers: record.headers,
      status: record.status,
      duration_ms: record.durationMs,
      body: body.frame,
      response: response.frame,
    });
    const headBytes = Buffer.byteLength(head);
    const length = 4 + headBytes + body.bytes + response.bytes;
    const [chunk, offset] = this.#room(length);
    chunk.writeUInt32LE(headBytes, offset);
    chunk.write(head, offset + 4, 'utf8');
    let at = offset + 4 + headBytes;
    at = writeBody(chunk, at, record.body, body.frame);
    writeBody(chunk, at, record.response, response.frame);
    this.#chunkOf.push(this.#chunkBase + this.#chunks.length - 1);
    this.#offset.push(offset);
    this.#counted.push(counted);
    this.#refs.push(body.ref || response.ref ? [body.ref, response.ref] : undefined);
  }

  /** Forgets the oldest record, answering its counted bytes; undefined when there is none. */
  shift(): number | undefined {
    if (this.#head >= this.#chunkOf.length) return undefined;
    const counted = this.#counted[this.#head] as number;
    this.#refs[this.#head] = undefined;
    this.#head++;
    const firstLive = this.#head < this.#chunkOf.length ? (this.#chunkOf[this.#head] as number) : undefined;
    // Chunks before the oldest record left hold nothing any more; the newest chunk stays written.
    while (this.#chunks.length > 1 && (firstLive === undefined || this.#chunkBase < firstLive)) {
      giveBack(this.#chunks.shift() as Buffer);
      this.#chunkBase++;
    }
    if (firstLive === undefined) {
      // Empty: the newest chunk starts over.
      this.#forgetRecords();
    } else if (this.#head > 1024 && this.#head * 2 > this.#chunkOf.length) {
      // Compact the index once half of it is spent, so shifting stays O(1) amortized.
      this.#chunkOf = this.#chunkOf.slice(this.#head);
      this.#offset = this.#offset.slice(this.#head);
      this.#counted = this.#counted.slice(this.#head);
      this.#refs = this.#refs.slice(this.#head);
      this.#head = 0;
    }
    return counted;
  }

  /** Every record, newest first, decoded. */
  newestFirst(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (let i = this.#chunkOf.length - 1; i >= this.#head; i--) {
      const chunk = this.#chunks[(this.#chunkOf[i] as number) - this.#chunkBase] as Buffer;
      out.push(decode(chunk, this.#offset[i] as number, this.#refs[i]));
    }
    return out;
  }

  /** Forgets every record, giving its chunks back for other journals. */
  clear(): void {
    for (const chunk of this.#chunks) giveBack(chunk);
    this.#chunks = [];
    this.#chunkBase = 0;
    this.#forgetRecords();
  }

  /** An empty index, writing from the start of the newest chunk (if any). */
  #forgetRecords(): void {
    this.#used = 0;
    this.#chunkOf = [];
    this.#offset = [];
    this.#counted = [];
    this.#refs = [];
    this.#head = 0;
  }

  /** Where `length` bytes go: the newest chunk if they fit, else a new one. */
  #room(length: number): [Buffer, number] {
    const newest = this.#chunks.at(-1);
    if (newest !== undefined && newest.length - this.#used >= length) {
      const offset = this.#used;
      this.#used += length;
      return [newest, offset];
    }
    const chunk = takeChunk(length);
    this.#chunks.push(chunk);
    this.#used = length;
    return [chunk, 0];
  }
}

/** A body's frame, the bytes it takes in a chunk, and the Buffer it references instead (if any). */
function frameOf(body: KeptBody | undefined): { frame: Frame; bytes: number; ref?: Buffer } {
  if (body === undefined) return { frame: null, bytes: 0 };
  if (typeof body === 'string') {
    if (isWellFormed(body)) {
      const bytes = Buffer.byteLength(body);
      return { frame: { t: bytes }, bytes };
    }
    return { frame: { u: body.length * 2 }, bytes: body.length * 2 };
  }
  if (Buffer.isBuffer(body)) {
    if (owns(body)) return { frame: { r: body.length }, bytes: 0, ref: body };
    return { frame: { b: body.length }, bytes: body.length };
  }
  return { frame: { c: body.bytes.length, cut: body.cut }, bytes: body.bytes.length };
}

/**
 * A Buffer alone in its memory (not a slice of Node's shared pool, which it would pin) is kept by
 * reference: it is never written to (a stored record's response bytes, shared by every answer of
 * it), so copying it would only churn memory. With 50 sandboxes answering a 6.6 KB stored order,
 * copying cost payment/status 30 µs of its 50 in collections.
 */
function owns(bytes: Buffer): boolean {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length && bytes.length > 4096;
}

function writeBody(chunk: Buffer, at: number, body: KeptBody | undefined, frame: Frame): number {
  if (body === undefined || frame === null || 'r' in frame) return at;
  if (typeof body === 'string') return at + chunk.write(body, at, 'u' in frame ? 'utf16le' : 'utf8');
  const bytes = Buffer.isBuffer(body) ? body : body.bytes;
  return at + bytes.copy(chunk, at);
}

function decode(
  chunk: Buffer,
  offset: number,
  refs: [Buffer | undefined, Buffer | undefined] | undefined,
): JournalRecord {
  const headBytes = chunk.readUInt32LE(offset);
  let at = offset + 4;
  const head = JSON.parse(chunk.toString('utf8', at, at + headBytes));
  at += headBytes;
  const body = readBody(chunk, at, head.body, refs?.[0]);
  at += frameBytes(head.body);
  return {
    id: head.id,
    at: head.at,
    token: head.token,
    partner: head.partner,
    method: head.method,
    url: head.url,
    headers: head.headers,
    body,
    status: head.status,
    response: readBody(chunk, at, head.response, refs?.[1]),
    durationMs: head.duration_ms,
  };
}

function frameBytes(frame: Frame): number {
  if (frame === null) return 0;
  if ('t' in frame) return frame.t;
  if ('u' in frame) return frame.u;
  if ('b' in frame) return frame.b;
  if ('r' in frame) return 0;
  return frame.c;
}

function readBody(chunk: Buffer, at: number, frame: Frame, ref: Buffer | undefined): KeptBody | undefined {
  if (frame === null) return undefined;
  // Copied out, as bytes written here are: a reader cannot change what the journal keeps.
  if ('r' in frame) return Buffer.from(ref as Buffer);
  if ('t' in frame) return chunk.toString('utf8', at, at + frame.t);
  if ('u' in frame) return chunk.toString('utf16le', at, at + frame.u);
  // Copied out: a record read must not change, or pin, the chunk it came from.
  if ('b' in frame) return Buffer.from(chunk.subarray(at, at + frame.b));
  return { bytes: Buffer.from(chunk.subarray(at, at + frame.c)), cut: frame.cut };
}

/** A string UTF-8 keeps exactly: no lone surrogate (which it would turn into U+FFFD). */
function isWellFormed(text: string): boolean {
  // ES2024, in every Node the package supports (20 and later); TypeScript's lib here predates it.
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}
