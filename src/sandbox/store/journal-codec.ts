import { isUtf8 } from 'node:buffer';
import type { JournalRecord, KeptBody } from '../journal.js';

/**
 * A journal record as a shared store keeps it (its id is the store's, given when appended): one
 * line of JSON with everything but the bodies, then the bodies as they are, one after the other.
 * Partner bodies are JSON, so quoting them inside the JSON line would escape every quote they
 * hold, and un-escape it on the way back: that was most of the cost of sharing a record.
 *
 *   {"at":…,"status":200,"body":{"text":42},"response":{"text":6001}}\n<42 characters><6001 characters>
 *
 * Lengths count UTF-16 code units, so slicing the string back is exact. A body that is not
 * UTF-8 text goes as base64 (`{"base64":n}`, with `"cut"` when the journal kept only its start).
 */
type Frame = { text: number } | { base64: number } | { base64: number; cut: number } | null;

function bodyText(body: KeptBody | undefined): { frame: Frame; text: string } {
  if (body === undefined) return { frame: null, text: '' };
  if (typeof body === 'string') return { frame: { text: body.length }, text: body };
  if (Buffer.isBuffer(body)) {
    const text = isUtf8(body) ? body.toString('utf8') : undefined;
    if (text !== undefined) return { frame: { text: text.length }, text };
    const base64 = body.toString('base64');
    return { frame: { base64: base64.length }, text: base64 };
  }
  const base64 = body.bytes.toString('base64');
  return { frame: { base64: base64.length, cut: body.cut }, text: base64 };
}

function keptBody(frame: Frame, text: string): KeptBody | undefined {
  if (frame === null) return undefined;
  if ('text' in frame) return text;
  const bytes = Buffer.from(text, 'base64');
  return 'cut' in frame ? { bytes, cut: frame.cut } : bytes;
}

function frameLength(frame: Frame): number {
  if (frame === null) return 0;
  return 'text' in frame ? frame.text : frame.base64;
}

export function encodeJournalRecord(record: JournalRecord): string {
  const body = bodyText(record.body);
  const response = bodyText(record.response);
  const head = JSON.stringify({
    at: record.at,
    token: record.token,
    partner: record.partner,
    method: record.method,
    url: record.url,
    headers: record.headers,
    body: body.frame,
    status: record.status,
    response: response.frame,
    duration_ms: record.durationMs,
  });
  return `${head}\n${body.text}${response.text}`;
}

export function decodeJournalRecord(id: number, text: string): JournalRecord {
  // JSON.stringify never writes a raw newline: the first one ends the line.
  const end = text.indexOf('\n');
  const stored = JSON.parse(text.slice(0, end));
  const bodies = text.slice(end + 1);
  const bodyLength = frameLength(stored.body);
  return {
    id: String(id),
    at: stored.at,
    token: stored.token,
    partner: stored.partner,
    method: stored.method,
    url: stored.url,
    headers: stored.headers,
    body: keptBody(stored.body, bodies.slice(0, bodyLength)),
    status: stored.status,
    response: keptBody(stored.response, bodies.slice(bodyLength, bodyLength + frameLength(stored.response))),
    durationMs: stored.duration_ms,
  };
}
