/**
 * One partner request as the journal keeps it: references only (URL, headers, body, response
 * body), so recording costs one small object; paths are split and secrets masked when read.
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
  body: unknown;
  status: number;
  /** The body as sent: text, or the cached bytes of a stored value (shared, never written to). */
  response: string | Buffer | undefined;
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

/** Bounded ring of the newest records: the oldest is dropped when full, so memory stays flat. */
export class Journal {
  readonly #size: number;
  #records: JournalRecord[] = [];
  #next = 0;

  constructor(size: number) {
    this.#size = size;
  }

  add(record: JournalRecord): void {
    if (this.#records.length < this.#size) this.#records.push(record);
    else this.#records[this.#next] = record;
    this.#next = (this.#next + 1) % this.#size;
  }

  /** Newest first. */
  newestFirst(): JournalRecord[] {
    const oldestFirst =
      this.#records.length < this.#size
        ? this.#records
        : [...this.#records.slice(this.#next), ...this.#records.slice(0, this.#next)];
    return [...oldestFirst].reverse();
  }

  clear(): void {
    this.#records = [];
    this.#next = 0;
  }
}

/** `****abcd`: a secret reduced to its last four characters. */
export function mask(secret: string): string {
  return `****${secret.slice(-4)}`;
}

const MASKED_HEADERS = new Set(['authorization', 'x-admin-token']);

export function maskHeaders(headers: Record<string, string | string[] | undefined>) {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = MASKED_HEADERS.has(name) && typeof value === 'string' ? mask(value) : value;
  }
  return out;
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
    query: Object.fromEntries(new URLSearchParams(query)),
    headers: maskHeaders(record.headers),
    body: record.body ?? null,
    status: record.status,
    response_body: decode(record.response),
    duration_ms: record.durationMs,
  };
}

function decode(body: string | Buffer | undefined): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  if (text === undefined || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
