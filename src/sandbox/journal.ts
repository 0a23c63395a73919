import { nestsWithin } from '../lib/json-scan.js';
import { mask, maskHeaders, redactQuery } from '../lib/secrets.js';
import { JournalArena } from './journal-arena.js';
import type { JournalRecord, KeptBody } from './journal-record.js';
import type { ByteAccount, Sheddable } from './memory-budget.js';

export type { CutBody, JournalRecord, KeptBody } from './journal-record.js';

/** Request and response bodies are kept up to this many bytes; the rest is cut, with a marker. */
export const MAX_KEPT_BODY_BYTES = 16 * 1024;
/** A kept body nested deeper than this is shown as its text, never parsed (one record cannot break a listing). */
const MAX_SHOWN_DEPTH = 64;
/** Per record, besides its URL, headers and bodies: its head's keys and numbers, its index slots, chunk slack. */
const RECORD_OVERHEAD_BYTES = 256;

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
  if (typeof body === 'string' && body.length <= MAX_KEPT_BODY_BYTES / 3) return body;
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  if (buffer.length <= MAX_KEPT_BODY_BYTES) return body;
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

const keptLength = (body: KeptBody | undefined) =>
  body === undefined
    ? 0
    : typeof body === 'string' || Buffer.isBuffer(body)
      ? body.length
      : body.bytes.length;

/** What a record retains, as the memory budget counts it. */
export function recordBytes(record: JournalRecord): number {
  return (
    RECORD_OVERHEAD_BYTES +
    record.url.length +
    headerBytes(record.headers) +
    keptLength(record.body) +
    keptLength(record.response)
  );
}

/**
 * The newest records, bounded by count (SIM_JOURNAL_SIZE) and, through its account, by bytes:
 * the oldest go first when either is reached.
 */
export class Journal implements Sheddable {
  readonly #size: number;
  readonly #account: ByteAccount | undefined;
  /** The records, as bytes (see JournalArena: kept off the collector's way). */
  readonly #records = new JournalArena();

  constructor(size: number, account?: ByteAccount) {
    this.#size = size;
    this.#account = account;
    account?.canShed(this);
  }

  get length(): number {
    return this.#records.length;
  }

  add(record: JournalRecord): void {
    if (this.length >= this.#size) this.shedOldest();
    const bytes = recordBytes(record);
    try {
      this.#account?.reserve(bytes, 'A journal record');
    } catch {
      // Not even an emptied journal could hold it: the record is not kept.
      return;
    }
    this.#records.push(record, bytes);
  }

  shedOldest(): boolean {
    const bytes = this.#records.shift();
    if (bytes === undefined) return false;
    this.#account?.release(bytes);
    return true;
  }

  /** Newest first. */
  newestFirst(): JournalRecord[] {
    return this.#records.newestFirst();
  }

  clear(): void {
    while (this.shedOldest()) {}
    this.#records.clear();
  }

  /** Its sandbox is gone (its account closed): the records' memory goes back for other journals. */
  close(): void {
    this.#records.clear();
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
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) {
    const size = body.bytes.length + body.cut;
    return `${body.bytes.toString('utf8')}…[partner-sim: ${body.cut} of ${size} bytes not kept]`;
  }
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text === '') return null;
  if (!nestsWithin(text, MAX_SHOWN_DEPTH)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
