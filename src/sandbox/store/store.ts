/**
 * Where sandboxes live when several replicas serve them (SIM_STORE=redis://…): the few atomic
 * operations the simulator needs of a shared engine, so that any replica can serve any token.
 *
 * A sandbox is one versioned document (its saved state, its clock's offset, its partners' private
 * work such as webhook deliveries), changed only by the replica that holds its lease. The lease is
 * a per-sandbox lock with a timeout: a replica that dies holding it loses it when it expires, and
 * its uncommitted change with it. Why a lease and not optimistic versions (WATCH/MULTI): a
 * partner transition also starts side effects (a webhook, a document), and only a holder that
 * knows it will commit may start them; with optimistic retries, 500 racing approvals would each
 * compute a transition and all but one be thrown away, which is 500 times the work for one result.
 *
 * Two implementations keep the same contract (test/store/store-contract.test.ts runs against
 * both): Redis, and an in-process one that tests and a single process can use.
 */

/** The answer to a lease request. */
export interface Lease {
  /** The document's version now: 0 when the store holds none (a fresh sandbox). */
  version: number;
  /** The document, given only when its version is not the one the caller already holds. */
  document: string | undefined;
}

/** What a lease holder leaves behind when it lets go. */
export type Commit =
  /** Nothing changed: the lease ends, the sandbox's idle time starts again. */
  | { kind: 'release' }
  /** A new document, and the real time its next scheduled work is due (undefined: none). */
  | { kind: 'write'; document: string; dueAt: number | undefined }
  /** The sandbox is gone (a reset): its document, journal and scheduled work. */
  | { kind: 'drop' };

/**
 * A journal record as a shared store takes it (journal-codec.ts): its text, and a large UTF-8
 * response kept apart as its bytes. The response that is a stored record's bytes (a GET polled, a
 * payment/status repeated) is the same every time, so a store may keep equal bytes once for every
 * record that answered them, instead of once per record.
 */
export interface JournalEntry {
  text: string;
  /** Not empty. */
  apart?: Buffer;
}

/** A journal record as the store gives it back: the id it gave, and what was kept apart as text. */
export interface StoredJournalEntry {
  id: number;
  text: string;
  apart?: string;
}

/** What the store knows of a sandbox without reading its document. */
export interface StoredSandbox {
  token: string;
  /** Real times (ms) of the first and the latest commit of a lease on it. */
  createdAt: number;
  usedAt: number;
  /** Records in its journal, and the bytes of its document and its journal. */
  requests: number;
  bytes: number;
}

export interface SharedStore {
  /** What start-up lines and health show: the URL with its password masked. */
  readonly description: string;
  /** Whether the engine answers now (health says `degraded` when it does not). */
  readonly available: boolean;

  /**
   * Takes the sandbox's lease for `ttlMs` when no one holds it (undefined otherwise), and answers
   * its document unless the caller's `knownVersion` is current.
   */
  acquire(
    token: string,
    owner: string,
    ttlMs: number,
    knownVersion: number,
  ): Promise<Lease | undefined | 'revoked'>;
  /**
   * Ends the lease, writing what changed in the same atomic step, and notes the sandbox used now.
   * Answers the new version (the old one for a release, 0 for a drop), or undefined when the lease
   * had expired and the change was refused: it did not happen. With `keepMs` the holder keeps the lease that much longer
   * instead (it hands it to its next request on the same token).
   */
  commit(
    token: string,
    owner: string,
    commit: Commit,
    idleTtlMs: number,
    keepMs?: number,
  ): Promise<number | undefined>;
  /** Keeps a lease its holder still uses for `ttlMs` more; false when it was lost. */
  extend(token: string, owner: string, ttlMs: number): Promise<boolean>;
  /** The document without a lease (a read that changes nothing). */
  read(token: string, knownVersion: number): Promise<Lease | 'revoked'>;

  /**
   * Appends to the sandbox's journal, keeping the newest `maxCount` and at most `maxBytes` (a body
   * kept apart counted once, however many records share it).
   */
  appendJournal(
    token: string,
    record: JournalEntry,
    limits: { maxCount: number; maxBytes: number; idleTtlMs: number },
  ): Promise<void>;
  /** The journal, oldest first, each record with the id the store gave it (increasing). */
  readJournal(token: string): Promise<StoredJournalEntry[]>;
  clearJournal(token: string): Promise<void>;

  /**
   * A key rotation under the lease of `from`: its document, journal and scheduled work move to
   * `to`, `to` is accepted everywhere from now on (SIM_TOKENS), and `from` is refused everywhere
   * (acquire and read answer 'revoked'). The lease ends. 'in-use' when `to` already names a
   * sandbox or was rotated away; 'lease-lost' when the lease had run out (nothing moved).
   */
  rotate(from: string, to: string, owner: string): Promise<'rotated' | 'in-use' | 'lease-lost'>;
  /** Whether a token was rotated to (accepted by every replica, whatever SIM_TOKENS says). */
  rotatedTo(token: string): Promise<boolean>;

  /** The named scenarios QA saved (PUT /__admin/scenarios/{name}), each as its JSON text. */
  scenarios(): Promise<Array<{ name: string; text: string }>>;
  putScenario(name: string, text: string): Promise<void>;
  deleteScenario(name: string): Promise<void>;

  /** Tokens whose scheduled work is due by `now` (real time), at most `limit`. */
  due(now: number, limit: number): Promise<string[]>;
  /**
   * The sandboxes the store holds (every one a request has used and not dropped), the most
   * recently used first, at most `limit`: what GET /__admin/sandboxes lists on every replica.
   */
  sandboxes(limit: number): Promise<StoredSandbox[]>;
  /** Forgets every sandbox (a reset without a token). */
  dropAll(): Promise<void>;
  close(): Promise<void>;
}

/** The shared store did not answer, or refused: the partner's 5xx, and nothing was written. */
export class StoreUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `The simulator's shared store is unavailable (${detail}); nothing was changed. Retry shortly: service resumes by itself when the store is back.`,
    );
    this.name = 'StoreUnavailableError';
  }
}

/** The token was rotated away (on any replica): each partner answers its 401. */
export class TokenRevokedError extends Error {
  constructor() {
    super('This token was rotated away (POST /__admin/token/rotate): use the token it was rotated to.');
    this.name = 'TokenRevokedError';
  }
}

/** Another request held the sandbox for longer than a request may wait. */
export class SandboxBusyError extends Error {
  constructor(waitedMs: number) {
    super(
      `This sandbox stayed busy with other requests for ${waitedMs} ms; nothing was changed. Retry shortly, or send fewer concurrent requests on one token.`,
    );
    this.name = 'SandboxBusyError';
  }
}
