import { isUtf8 } from 'node:buffer';
import type { JournalRecord, KeptBody } from '../journal.js';

/** A kept body as JSON: text as it is, bytes in base64, a cut body with how much was cut. */
type StoredBody = { text: string } | { base64: string } | { base64: string; cut: number } | null;

function storeBody(body: KeptBody | undefined): StoredBody {
  if (body === undefined) return null;
  if (typeof body === 'string') return { text: body };
  // Partner bodies are JSON text: kept as text, a third smaller than base64 and cheaper to make.
  if (Buffer.isBuffer(body))
    return isUtf8(body) ? { text: body.toString('utf8') } : { base64: body.toString('base64') };
  return { base64: body.bytes.toString('base64'), cut: body.cut };
}

function keptBody(stored: StoredBody): KeptBody | undefined {
  if (stored === null) return undefined;
  if ('text' in stored) return stored.text;
  const bytes = Buffer.from(stored.base64, 'base64');
  return 'cut' in stored ? { bytes, cut: stored.cut } : bytes;
}

/** A journal record as a shared store keeps it (its id is the store's, given when appended). */
export function encodeJournalRecord(record: JournalRecord): string {
  return JSON.stringify({
    at: record.at,
    token: record.token,
    partner: record.partner,
    method: record.method,
    url: record.url,
    headers: record.headers,
    body: storeBody(record.body),
    status: record.status,
    response: storeBody(record.response),
    duration_ms: record.durationMs,
  });
}

export function decodeJournalRecord(id: number, text: string): JournalRecord {
  const stored = JSON.parse(text);
  return {
    id: String(id),
    at: stored.at,
    token: stored.token,
    partner: stored.partner,
    method: stored.method,
    url: stored.url,
    headers: stored.headers,
    body: keptBody(stored.body),
    status: stored.status,
    response: keptBody(stored.response),
    durationMs: stored.duration_ms,
  };
}
