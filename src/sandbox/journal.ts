import { nestsWithin } from '../lib/json-scan.js';
import { mask, maskHeaders, redactQuery } from '../lib/secrets.js';
import type { ByteAccount, Sheddable } from './memory-budget.js';

/** Request and response bodies are kept up to this many bytes; the rest is cut, with a marker. */
export const MAX_KEPT_BODY_BYTES = 16 * 1024;
/** A kept body nested deeper than this is shown as its text, never parsed (one record cannot break a listing). */
const MAX_SHOWN_DEPTH = 64;
/** Per record, besides its bytes: the object, its strings' headers, the ring slot. */
const RECORD_OVERHEAD_BYTES = 256;

/** A body as the journal keeps it: its first bytes, and how many were cut. */
export interface KeptBody {
  /** The first MAX_KEPT_BODY_BYTES bytes, or the whole body when it is shorter. */
  bytes: string | Buffer;
  /** Bytes not kept: 0 for a whole body. */
  cut: number;
}

/**
 * One partner request as the journal keeps it: bytes, never parsed objects, so what a record
 * costs is what it counts. Paths are split and secrets masked when read.
 */
export interface JournalRecord {
  id: string;
  at: number;
  token: string | undefined;
  partner: string;
  method: string;
  url: string;
  /** The raw request headers, unmasked: never shown as they are (see toEntry). */
  headers: Record<string, string | string[] | undefined>;
  body: KeptBody | undefined;
  status: number;
  /** The response body as sent (a stored value's cached bytes are shared, never written to). */
  response: KeptBody | undefined;
  durationMs: number;
}

/** A journal entry as the control plane shows it. */
export interface JournalEntry {
  id: string;
  time: string;
  sandbox: string | null;
  partner: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number;
  response_body: unknown;
  duration_ms: number;
}

/** A body cut to MAX_KEPT_BODY_BYTES, copied so a cut never pins the whole original. */
export function keepBody(body: string | Buffer | undefined): KeptBody | undefined {
  if (body === undefined) return undefined;
  // A string of up to a third of the limit in UTF-16 units is at most the limit in UTF-8 bytes.
  if (typeof body === 'string' && body.length <= MAX_KEPT_BODY_BYTES / 3) return { bytes: body, cut: 0 };
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  if (buffer.length <= MAX_KEPT_BODY_BYTES) return { bytes: body, cut: 0 };
  return {
    bytes: Buffer.from(buffer.subarray(0, MAX_KEPT_BODY_BYTES)),
    cut: buffer.length - MAX_KEPT_BODY_BYTES,
  };
}

function headerBytes(headers: JournalRecord['headers']): number {
  let bytes = 0;
  for (const name in headers) {
    const value = headers[name];
    bytes += name.length + (typeof value === 'string' ? value.length : JSON.stringify(value ?? '').length);
  }
  return bytes;
}

/** What a record retains, as the memory budget counts it. */
export function recordBytes(record: JournalRecord): number {
  return (
    RECORD_OVERHEAD_BYTES +
    record.url.length +
    headerBytes(record.headers) +
    (record.body?.bytes.length ?? 0) +
    (record.response?.bytes.length ?? 0)
  );
}

/**
 * The newest records, bounded by count (SIM_JOURNAL_SIZE) and, through its account, by bytes:
 * the oldest go first when either is reached.
 */
export class Journal implements Sheddable {
  readonly #size: number;
  readonly #account: ByteAccount | undefined;
  /** Oldest first, from #head. */
  #records: Array<{ record: JournalRecord; bytes: number }> = [];
  #head = 0;
  /** Records not kept because even an empty journal could not hold them. */
  dropped = 0;

  constructor(size: number, account?: ByteAccount) {
    this.#size = size;
    this.#account = account;
    account?.canShed(this);
  }

  get length(): number {
    return this.#records.length - this.#head;
  }

  add(record: JournalRecord): void {
    if (this.length >= this.#size) this.shedOldest();
    const bytes = recordBytes(record);
    try {
      this.#account?.reserve(bytes, 'A journal record');
    } catch {
      this.dropped++;
      return;
    }
    this.#records.push({ record, bytes });
  }

  shedOldest(): boolean {
    const oldest = this.#records[this.#head];
    if (oldest === undefined) return false;
    this.#records[this.#head] = undefined as never;
    this.#head++;
    this.#account?.release(oldest.bytes);
    // Compact once half the array is spent, so shedding stays O(1) amortized.
    if (this.#head > 1024 && this.#head * 2 > this.#records.length) {
      this.#records = this.#records.slice(this.#head);
      this.#head = 0;
    }
    return true;
  }

  /** Newest first. */
  newestFirst(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (let i = this.#records.length - 1; i >= this.#head; i--) {
      const slot = this.#records[i];
      if (slot) out.push(slot.record);
    }
    return out;
  }

  clear(): void {
    while (this.shedOldest()) {}
    this.#records = [];
    this.#head = 0;
  }
}

/** The path of a recorded request (filters match it). */
export function pathOf(record: JournalRecord): string {
  const end = record.url.indexOf('?');
  return end === -1 ? record.url : record.url.slice(0, end);
}

export function toEntry(record: JournalRecord, formatTime: (ms: number) => string): JournalEntry {
  const query = record.url.indexOf('?') === -1 ? '' : record.url.slice(record.url.indexOf('?') + 1);
  return {
    id: record.id,
    time: formatTime(record.at),
    sandbox: record.token === undefined ? null : mask(record.token),
    partner: record.partner,
    method: record.method,
    path: pathOf(record),
    query: redactQuery(Object.fromEntries(new URLSearchParams(query))),
    headers: maskHeaders(record.headers),
    body: shownBody(record.body),
    status: record.status,
    response_body: shownBody(record.response),
    duration_ms: record.durationMs,
  };
}

/**
 * A kept body as listings show it: the JSON value when the whole body was kept and parses within
 * MAX_SHOWN_DEPTH, else its text (a cut body ends with a marker saying how much was cut).
 */
export function shownBody(body: KeptBody | undefined): unknown {
  if (body === undefined) return null;
  const text = typeof body.bytes === 'string' ? body.bytes : body.bytes.toString('utf8');
  if (body.cut > 0) {
    const size = body.bytes.length + body.cut;
    return `${text}…[partner-sim: ${body.cut} of ${size} bytes not kept]`;
  }
  if (text === '') return null;
  if (!nestsWithin(text, MAX_SHOWN_DEPTH)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
