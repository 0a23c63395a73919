import type { Clock } from '../lib/clock.js';
import type { AnyPartnerModule } from '../partners/module.js';
import { BudgetError } from '../sandbox/memory-budget.js';
import type { Session as AnySession, SharedSandboxGate } from '../sandbox/sandbox-work.js';
import { type Sandbox, type Sandboxes, SandboxLimitError } from '../sandbox/sandboxes.js';
import { decodeJournalRecord } from '../sandbox/store/journal-codec.js';
import {
  SandboxBusyError,
  type SharedStore,
  type StoredJournalEntry,
  StoreUnavailableError,
  TokenRevokedError,
} from '../sandbox/store/store.js';
import { encodeSandbox, restoreSandbox } from './sandbox-document.js';

type Session = AnySession<Sandbox<unknown>>;

/** How long a lease lasts unless its holder renews it: a dead replica's sandbox is free after it. */
const LEASE_MS = 5000;
/** How often a holder renews a lease it still uses (a request delayed by a fault). */
const RENEW_EVERY_MS = 1500;
/** How often each replica looks for sandboxes whose scheduled work is due. */
const DUE_POLL_MS = 100;
/** Sandboxes a replica runs the due work of per look. */
const DUE_BATCH = 32;
/**
 * Requests on one token a replica serves in a row under one lease when they queue for it, before
 * it lets the other replicas have a turn: a burst on one token costs one store round trip per
 * request instead of a lease race per request, and no replica waits behind another for long.
 */
const MAX_HANDOVERS = 32;

export interface SharedSandboxesOptions {
  store: SharedStore;
  sandboxes: Sandboxes<unknown>;
  partners: readonly AnyPartnerModule[];
  /** Real time. */
  clock: Clock;
  /** This replica's name in leases (unique per process). */
  replica: string;
  /** How long a request waits for a sandbox another request holds, before the partner's 503. */
  waitMs: number;
  /** A sandbox no request used this long is forgotten by the store (SIM_SANDBOX_IDLE_TTL); 0: never. */
  idleTtlMs: number;
  onError: (message: string, error: unknown) => void;
}

interface Held {
  /** The store's version this copy was read at or written as; -1: unknown, read it again. */
  version: number;
  /** The document as last read or written: a request that leaves it unchanged writes nothing. */
  text: string | undefined;
}

/**
 * Sandboxes held in a shared store (SIM_STORE=redis://…), so any replica serves any token. A
 * request on a token takes the token's lease (one request at a time across every replica), brings
 * this replica's copy up to the store's version, runs the due work, lets the partner handle the
 * request on the plain in-memory sandbox, and writes the document back in the step that ends the
 * lease. Domain code never changes: it sees the same synchronous records as in process memory.
 * Requests on one token on one replica queue here first, so only one of them asks the store.
 */
export class SharedSandboxes implements SharedSandboxGate<Sandbox<unknown>> {
  readonly #options: SharedSandboxesOptions;
  readonly #held = new WeakMap<Sandbox<unknown>, Held>();
  /** The last turn queued per token on this replica: a request waits for the one before it. */
  readonly #turns = new Map<string, Promise<void>>();
  /** The session holding each token now, for afterCommit. */
  readonly #sessions = new Map<string, Session>();
  /** Requests waiting for their turn on each token on this replica. */
  readonly #waiting = new Map<string, number>();
  /** A lease a finished request handed to the next one on its token, and how many in a row had it. */
  readonly #handed = new Map<string, { owner: string; inARow: number }>();
  #leases = 0;
  #poller: ReturnType<typeof setInterval> | undefined;
  #renewer: ReturnType<typeof setInterval> | undefined;
  #polling = false;
  #closed = false;

  constructor(options: SharedSandboxesOptions) {
    this.#options = options;
  }

  get store(): SharedStore {
    return this.#options.store;
  }

  /** Starts looking for due work (policies owed, retries, claim steps) of every sandbox. */
  start(): void {
    this.#poller = setInterval(() => void this.#runDueWork(), DUE_POLL_MS);
    this.#poller.unref();
    // One timer renews every lease this replica still uses (a request delayed by a fault).
    this.#renewer = setInterval(() => {
      for (const session of this.#sessions.values()) {
        this.#options.store.extend(session.token, session.owner, LEASE_MS).catch(() => {});
      }
    }, RENEW_EVERY_MS);
    this.#renewer.unref();
  }

  close(): void {
    this.#closed = true;
    if (this.#poller) clearInterval(this.#poller);
    if (this.#renewer) clearInterval(this.#renewer);
  }

  /**
   * Takes the token's lease and answers its sandbox, current and with its due work done; throws
   * SandboxBusyError or StoreUnavailableError (the partner's 503) and then holds nothing.
   */
  async enter(token: string): Promise<Session> {
    const session = await this.#tryEnter(token, this.#options.waitMs);
    if (session === undefined) throw new SandboxBusyError(this.#options.waitMs);
    return session;
  }

  /**
   * The token's sandbox as the store holds it now, without a lease: for reads that change
   * nothing. A copy a request of this replica is changing right now is already the newest.
   */
  async view(token: string): Promise<Sandbox<unknown>> {
    const { sandboxes, store } = this.#options;
    const local = sandboxes.peek(token);
    const held = local && this.#held.get(local);
    if (local && this.#turns.has(token)) return sandboxes.get(token);
    let lease: Awaited<ReturnType<SharedStore['read']>>;
    try {
      lease = await store.read(token, held?.version ?? -1);
    } catch (error) {
      throw unavailable(error);
    }
    if (lease === 'revoked') throw this.#revoked(token);
    if (this.#turns.has(token)) return sandboxes.get(token);
    return this.#bringUpToDate(token, lease);
  }

  /** Ends a session: writes what changed and ends the lease, then runs what waited for it. */
  async leave(session: Session, options: { counted?: boolean } = {}): Promise<void> {
    if (session.done) return;
    session.done = true;
    const { store, idleTtlMs, clock } = this.#options;
    const { sandbox, token, owner } = session;
    const held = this.#held.get(sandbox) ?? { version: -1, text: undefined };
    const inARow = session.inARow + 1;
    // Another request of this replica waits for the token: it gets the lease as it is.
    const handOver = !sandbox.closed && (this.#waiting.get(token) ?? 0) > 0 && inARow < MAX_HANDOVERS;
    try {
      let version: number | undefined;
      if (sandbox.closed) {
        version = await store.commit(token, owner, { kind: 'drop' }, idleTtlMs);
      } else {
        // A partner request that counted no change has nothing to write: it is not even encoded.
        const untouched = options.counted === true && sandbox.revision.n === session.revisionAtStart;
        const text = untouched ? held.text : encodeSandbox(sandbox, this.#options.partners);
        const unchanged = untouched || text === held.text || text === undefined;
        // Nothing to write and the lease stays here: no round trip at all.
        version =
          unchanged && handOver
            ? held.version
            : await store.commit(
                token,
                owner,
                unchanged || text === undefined
                  ? { kind: 'release' }
                  : { kind: 'write', document: text, dueAt: dueAt(sandbox, clock) },
                idleTtlMs,
                handOver ? LEASE_MS : undefined,
              );
        if (version !== undefined) this.#held.set(sandbox, { version, text });
      }
      if (version !== undefined && handOver) this.#handOver(token, owner, inARow);
      if (version === undefined) {
        this.#held.set(sandbox, { version: -1, text: undefined });
        throw new StoreUnavailableError("the sandbox's lease ran out before its change was saved");
      }
    } catch (error) {
      this.#held.set(sandbox, { version: -1, text: undefined });
      throw unavailable(error);
    } finally {
      this.#sessions.delete(token);
      session.unlock();
    }
    for (const run of session.after) {
      try {
        run();
      } catch (error) {
        this.#options.onError('work after a commit failed', error);
      }
    }
  }

  /**
   * Leaves the lease for the token's next request here; if none takes it by the next turn of the
   * event loop (it gave up waiting), it is ended, so no replica waits out its expiry.
   */
  #handOver(token: string, owner: string, inARow: number): void {
    const handed = { owner, inARow };
    this.#handed.set(token, handed);
    setImmediate(() => {
      if (this.#handed.get(token) !== handed) return;
      this.#handed.delete(token);
      this.#options.store.commit(token, owner, { kind: 'release' }, this.#options.idleTtlMs).catch(() => {});
    });
  }

  /** Ends a session after a failure before any change: nothing is written, the lease ends. */
  async abandon(session: Session): Promise<void> {
    if (session.done) return;
    session.done = true;
    this.#held.set(session.sandbox, { version: -1, text: undefined });
    this.#sessions.delete(session.token);
    session.unlock();
    await this.#options.store.commit(session.token, session.owner, { kind: 'release' }, 0).catch(() => {});
  }

  #revoked(token: string): TokenRevokedError {
    this.#options.sandboxes.markRevoked(token);
    return new TokenRevokedError();
  }

  /**
   * A key rotation under the session's lease: the store moves the sandbox to `to` and refuses the
   * old token on every replica; this replica's copy moves with it. The session ends here.
   */
  async rotate(session: Session, to: string): Promise<'rotated' | 'in-use'> {
    let outcome: Awaited<ReturnType<SharedStore['rotate']>>;
    try {
      outcome = await this.#options.store.rotate(session.token, to, session.owner);
    } catch (error) {
      throw unavailable(error);
    }
    if (outcome === 'lease-lost')
      throw new StoreUnavailableError("the sandbox's lease ran out before the rotation");
    if (outcome === 'in-use') return 'in-use';
    session.done = true;
    this.#sessions.delete(session.token);
    session.unlock();
    const { sandboxes } = this.#options;
    // A copy of a fresh sandbox this replica made for `to` is no sandbox of the store's.
    sandboxes.drop(to);
    sandboxes.rotate(session.token, to);
    return 'rotated';
  }

  /** Whether a token outside SIM_TOKENS was rotated to on some replica (then accepted here too). */
  async rotatedTo(token: string): Promise<boolean> {
    try {
      const accepted = await this.#options.store.rotatedTo(token);
      if (accepted) this.#options.sandboxes.markAccepted(token);
      return accepted;
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** Puts the store's journal of the token (every replica's records) into this replica's copy. */
  async loadJournal(token: string): Promise<void> {
    let records: StoredJournalEntry[];
    try {
      records = await this.#options.store.readJournal(token);
    } catch (error) {
      throw unavailable(error);
    }
    const journal = this.#options.sandboxes.peek(token)?.journal;
    if (journal === undefined) return;
    journal.clear();
    for (const { id, text, apart } of records) journal.add(decodeJournalRecord(id, text, apart));
  }

  async clearJournal(token: string): Promise<void> {
    try {
      await this.#options.store.clearJournal(token);
    } catch (error) {
      throw unavailable(error);
    }
  }

  afterCommit(token: string, run: () => void): void {
    const session = this.#sessions.get(token);
    if (session && !session.done) session.after.push(run);
    else run();
  }

  async update(token: string, change: (sandbox: Sandbox<unknown>) => void): Promise<void> {
    const session = await this.enter(token);
    try {
      change(session.sandbox);
    } catch (error) {
      await this.abandon(session);
      throw error;
    }
    await this.leave(session);
  }

  /** Forgets every sandbox, here and in the store. */
  async dropAll(): Promise<void> {
    this.#options.sandboxes.dropAll();
    try {
      await this.#options.store.dropAll();
    } catch (error) {
      throw unavailable(error);
    }
  }

  async #tryEnter(token: string, waitMs: number): Promise<Session | undefined> {
    const { store, clock } = this.#options;
    const deadline = clock.now() + waitMs;
    const unlock = await this.#turn(token, deadline);
    if (unlock === undefined) return undefined;
    const handed = this.#handed.get(token);
    if (handed !== undefined) {
      // The request before this one left its lease, and this replica's copy is the newest.
      this.#handed.delete(token);
      const local = this.#options.sandboxes.peek(token);
      if (local && !local.closed) {
        return this.#open(token, this.#options.sandboxes.get(token), handed.owner, unlock, handed.inARow);
      }
      await store.commit(token, handed.owner, { kind: 'release' }, 0).catch(() => {});
    }
    const owner = `${this.#options.replica}:${++this.#leases}`;
    try {
      for (let attempt = 0; ; attempt++) {
        const local = this.#options.sandboxes.peek(token);
        const known = (local && this.#held.get(local)?.version) ?? -1;
        const lease = await store.acquire(token, owner, LEASE_MS, known);
        if (lease === 'revoked') {
          unlock();
          throw this.#revoked(token);
        }
        if (lease !== undefined) {
          try {
            return this.#open(token, this.#bringUpToDate(token, lease), owner, unlock, 0);
          } catch (error) {
            // The copy could not be built here (every sandbox busy, over budget): the lease goes back.
            await store.commit(token, owner, { kind: 'release' }, 0).catch(() => {});
            throw error;
          }
        }
        if (clock.now() >= deadline || this.#closed) {
          unlock();
          return undefined;
        }
        // Another replica holds it: a short wait that grows, with jitter so waiters spread out.
        await sleep(Math.min(2 ** attempt, 4) * (0.5 + Math.random()));
      }
    } catch (error) {
      unlock();
      throw unavailable(error);
    }
  }

  /** A session on a sandbox whose lease is held: the due work runs first, as a timer would have run it. */
  #open(
    token: string,
    sandbox: Sandbox<unknown>,
    owner: string,
    unlock: () => void,
    inARow: number,
  ): Session {
    const session: Session = {
      token,
      sandbox,
      owner,
      after: [],
      done: false,
      unlock,
      inARow,
      revisionAtStart: sandbox.revision.n,
    };
    this.#sessions.set(token, session);
    sandbox.clock.runDue();
    return session;
  }

  /** This replica's copy at the lease's version: kept when current, rebuilt from the store if not. */
  #bringUpToDate(token: string, lease: { version: number; document: string | undefined }): Sandbox<unknown> {
    const { sandboxes, partners } = this.#options;
    const local = sandboxes.peek(token);
    if (local && this.#held.get(local)?.version === lease.version) return sandboxes.get(token);
    const text = lease.document;
    const sandbox = sandboxes.renew(
      token,
      lease.version,
      text === undefined ? undefined : (fresh) => restoreSandbox(fresh, partners, text),
    );
    this.#held.set(sandbox, { version: lease.version, text });
    return sandbox;
  }

  /** Waits for the token's earlier requests on this replica; undefined when the deadline passes first. */
  async #turn(token: string, deadline: number): Promise<(() => void) | undefined> {
    const before = this.#turns.get(token);
    let unlock!: () => void;
    const mine = new Promise<void>((resolve) => {
      unlock = resolve;
    });
    const queued = before ? before.then(() => mine) : mine;
    this.#turns.set(token, queued);
    const release = () => {
      unlock();
      if (this.#turns.get(token) === queued) this.#turns.delete(token);
    };
    if (before) {
      this.#waiting.set(token, (this.#waiting.get(token) ?? 0) + 1);
      const left = deadline - this.#options.clock.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const inTime = await Promise.race([
        before.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), Math.max(0, left));
        }),
      ]);
      clearTimeout(timer);
      const waiting = (this.#waiting.get(token) ?? 1) - 1;
      if (waiting === 0) this.#waiting.delete(token);
      else this.#waiting.set(token, waiting);
      if (!inTime) {
        // Those queued after this one wait on it: it gives its turn on at once.
        release();
        return undefined;
      }
    }
    return release;
  }

  async #runDueWork(): Promise<void> {
    if (this.#polling || this.#closed) return;
    this.#polling = true;
    try {
      const { store, clock } = this.#options;
      if (!store.available) return;
      for (const token of await store.due(clock.now(), DUE_BATCH)) {
        // Another replica on it already: it runs the work, this one looks again next time.
        const session = await this.#tryEnter(token, 0);
        if (session) await this.leave(session);
      }
    } catch (error) {
      this.#options.onError('running due work from the shared store failed', error);
    } finally {
      this.#polling = false;
    }
  }
}

/** The real time a sandbox's next scheduled work is due: none while its clock stands still. */
function dueAt(sandbox: Sandbox<unknown>, clock: Clock): number | undefined {
  const next = sandbox.clock.nextDueAt;
  if (next === undefined || sandbox.clock.frozen) return undefined;
  return clock.now() + Math.max(0, next - sandbox.clock.now());
}

function unavailable(error: unknown): Error {
  // The simulator's own refusals keep their meaning (and their partner status).
  if (
    error instanceof StoreUnavailableError ||
    error instanceof SandboxBusyError ||
    error instanceof TokenRevokedError ||
    error instanceof SandboxLimitError ||
    error instanceof BudgetError
  ) {
    return error;
  }
  return new StoreUnavailableError((error as Error)?.message ?? String(error));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
