// What the journal keeps of one request, shared by the journal and the arena that stores it.

/** A body cut at the journal's limit (MAX_KEPT_BODY_BYTES): its first bytes, and how many were not kept. */
export interface CutBody {
  bytes: Buffer;
  cut: number;
}

/** A body as the journal keeps it: whole (as received or sent), or cut. */
export type KeptBody = string | Buffer | CutBody;

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
