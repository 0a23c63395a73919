import type { JournalRecord, KeptBody } from './journal-record.js';

/** The first chunk of a journal is small (most sandboxes keep a few records); each next one doubles. */
const FIRST_CHUNK_BYTES = 4 * 1024;
const LARGEST_CHUNK_BYTES = 64 * 1024;

/**
 * How a body is framed: `t` text (a string, UTF-8), `u` text kept as UTF-16 (a string that is
 * not well-formed Unicode, which UTF-8 would change), `b` bytes (a Buffer), `c` the first bytes
 * of a body cut at the journal's limit.
 */
type Frame = null | { t: number } | { u: number } | { b: number } | { c: number; cut: number };

/**
 * Journal records as bytes in a few large Buffers, oldest first, rather than as objects and
 * strings on the JavaScript heap. A retained record used to be a dozen heap objects and two body
 * strings that the garbage collector copied out of the young generation, promoted, and marked on
 * every full collection until the record was shed: with 1000 records per sandbox that was a fifth
 * of a partner request's CPU (bench/profile.mjs, SIM_JOURNAL_SIZE=1 against the default). Here a
 * record is a run of bytes and four numbers, so the collector sees a handful of chunks per
 * journal. Records are decoded only when read (the control plane's listings).
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
  /** A chunk every record of which was shed, kept to be written again. */
  #spare: Buffer | undefined;
  /** Per record, oldest first from #head: its chunk's sequence number, offset, and counted bytes. */
  #chunkOf: number[] = [];
  #offset: number[] = [];
  #counted: number[] = [];
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
  }

  /** Forgets the oldest record, answering its counted bytes; undefined when there is none. */
  shift(): number | undefined {
    if (this.#head >= this.#chunkOf.length) return undefined;
    const counted = this.#counted[this.#head] as number;
    this.#head++;
    const firstLive = this.#head < this.#chunkOf.length ? (this.#chunkOf[this.#head] as number) : undefined;
    // Chunks before the oldest record left hold nothing any more; the newest chunk stays written.
    while (this.#chunks.length > 1 && (firstLive === undefined || this.#chunkBase < firstLive)) {
      this.#release(this.#chunks.shift() as Buffer);
      this.#chunkBase++;
    }
    if (firstLive === undefined) {
      // Empty: the newest chunk starts over.
      this.#used = 0;
      this.#chunkOf = [];
      this.#offset = [];
      this.#counted = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#chunkOf.length) {
      // Compact the index once half of it is spent, so shifting stays O(1) amortized.
      this.#chunkOf = this.#chunkOf.slice(this.#head);
      this.#offset = this.#offset.slice(this.#head);
      this.#counted = this.#counted.slice(this.#head);
      this.#head = 0;
    }
    return counted;
  }

  /** Every record, newest first, decoded. */
  newestFirst(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (let i = this.#chunkOf.length - 1; i >= this.#head; i--) {
      const chunk = this.#chunks[(this.#chunkOf[i] as number) - this.#chunkBase] as Buffer;
      out.push(decode(chunk, this.#offset[i] as number));
    }
    return out;
  }

  clear(): void {
    this.#chunks = [];
    this.#chunkBase = 0;
    this.#used = 0;
    this.#spare = undefined;
    this.#chunkOf = [];
    this.#offset = [];
    this.#counted = [];
    this.#head = 0;
  }

  /** Where `length` bytes go: the newest chunk if they fit, else a new (or the spare) chunk. */
  #room(length: number): [Buffer, number] {
    const newest = this.#chunks.at(-1);
    if (newest !== undefined && newest.length - this.#used >= length) {
      const offset = this.#used;
      this.#used += length;
      return [newest, offset];
    }
    const wanted = Math.max(
      length,
      newest === undefined ? FIRST_CHUNK_BYTES : Math.min(LARGEST_CHUNK_BYTES, 2 * newest.length),
    );
    const spare = this.#spare;
    let chunk: Buffer;
    if (spare !== undefined && spare.length >= wanted) {
      chunk = spare;
      this.#spare = undefined;
    } else {
      // Not from Node's shared pool: a chunk must not pin, or be pinned by, anyone else's bytes.
      chunk = Buffer.allocUnsafeSlow(wanted);
    }
    this.#chunks.push(chunk);
    this.#used = length;
    return [chunk, 0];
  }

  #release(chunk: Buffer): void {
    // One spare at most, the largest: a journal at its cap frees a chunk as often as it fills one.
    if (this.#spare === undefined || chunk.length > this.#spare.length) this.#spare = chunk;
  }
}

function frameOf(body: KeptBody | undefined): { frame: Frame; bytes: number } {
  if (body === undefined) return { frame: null, bytes: 0 };
  if (typeof body === 'string') {
    if (isWellFormed(body)) {
      const bytes = Buffer.byteLength(body);
      return { frame: { t: bytes }, bytes };
    }
    return { frame: { u: body.length * 2 }, bytes: body.length * 2 };
  }
  if (Buffer.isBuffer(body)) return { frame: { b: body.length }, bytes: body.length };
  return { frame: { c: body.bytes.length, cut: body.cut }, bytes: body.bytes.length };
}

function writeBody(chunk: Buffer, at: number, body: KeptBody | undefined, frame: Frame): number {
  if (body === undefined || frame === null) return at;
  if (typeof body === 'string') return at + chunk.write(body, at, 'u' in frame ? 'utf16le' : 'utf8');
  const bytes = Buffer.isBuffer(body) ? body : body.bytes;
  return at + bytes.copy(chunk, at);
}

function decode(chunk: Buffer, offset: number): JournalRecord {
  const headBytes = chunk.readUInt32LE(offset);
  let at = offset + 4;
  const head = JSON.parse(chunk.toString('utf8', at, at + headBytes));
  at += headBytes;
  const body = readBody(chunk, at, head.body);
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
    response: readBody(chunk, at, head.response),
    durationMs: head.duration_ms,
  };
}

function frameBytes(frame: Frame): number {
  if (frame === null) return 0;
  if ('t' in frame) return frame.t;
  if ('u' in frame) return frame.u;
  if ('b' in frame) return frame.b;
  return frame.c;
}

function readBody(chunk: Buffer, at: number, frame: Frame): KeptBody | undefined {
  if (frame === null) return undefined;
  if ('t' in frame) return chunk.toString('utf8', at, at + frame.t);
  if ('u' in frame) return chunk.toString('utf16le', at, at + frame.u);
  // Copied out: a record read must not change, or pin, the chunk it came from.
  if ('b' in frame) return Buffer.from(chunk.subarray(at, at + frame.b));
  return { bytes: Buffer.from(chunk.subarray(at, at + frame.c)), cut: frame.cut };
}

/** A string UTF-8 keeps exactly: no lone surrogate (which it would turn into U+FFFD). */
function isWellFormed(text: string): boolean {
  const check = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (check !== undefined) return check.call(text);
  return !/[\uD800-\uDFFF]/.test(text) || /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/.test(text);
}
