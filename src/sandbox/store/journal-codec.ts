import { isUtf8 } from 'node:buffer';
import type { JournalRecord, KeptBody } from '../journal.js';
import type { JournalEntry } from './store.js';

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
 * A large UTF-8 response Buffer is kept apart (`{"apart":true}`): see JournalEntry.
 */
type Frame = { text: number } | { base64: number } | { base64: number; cut: number } | { apart: true } | null;

/** The response bytes from which a body is kept apart; smaller ones are not worth a reference. */
const APART_FROM_BYTES = 1024;

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
  if (frame === null || 'apart' in frame) return 0;
  return 'text' in frame ? frame.text : frame.base64;
}

export function encodeJournalRecord(record: JournalRecord): JournalEntry {
  const body = bodyText(record.body);
  const apart = keptApart(record.response);
  const response =
    apart === undefined ? bodyText(record.response) : { frame: { apart: true } as const, text: '' };
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
  const text = `${head}\n${body.text}${response.text}`;
  return apart === undefined ? { text } : { text, apart };
}

/** A response Buffer large enough to keep apart, and UTF-8 text (it comes back as a string). */
function keptApart(response: KeptBody | undefined): Buffer | undefined {
  if (!Buffer.isBuffer(response) || response.length < APART_FROM_BYTES) return undefined;
  return isUtf8(response) ? response : undefined;
}

/** A record as the store gives it back: its text, and the response it kept apart (as text). */
export function decodeJournalRecord(id: number, text: string, apart?: string): JournalRecord {
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
    response:
      stored.response !== null && 'apart' in stored.response
        ? apart
        : keptBody(stored.response, bodies.slice(bodyLength, bodyLength + frameLength(stored.response))),
    durationMs: stored.duration_ms,
  };
}
