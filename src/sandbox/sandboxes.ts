import type { Clock } from '../lib/clock.js';
import type { Ids } from '../lib/ids.js';
import { Faults } from './faults.js';
import { Journal } from './journal.js';
import { type ByteAccount, type MemoryBudget, SANDBOX_OVERHEAD_BYTES } from './memory-budget.js';
import { Revision } from './revision.js';
import { SandboxClock } from './sandbox-clock.js';
import type { SharedSandboxGate } from './sandbox-work.js';

/** Thrown when a new token arrives and every sandbox is in use; each partner maps it to its envelope. */
export class SandboxLimitError extends Error {
  constructor(readonly limit: number) {
    super(
      `Sandbox limit reached: this simulator holds ${limit} sandboxes (SIM_MAX_SANDBOXES) and every one is serving a request. ` +
        'Retry shortly, reuse a token you already use, or raise SIM_MAX_SANDBOXES.',
    );
    this.name = 'SandboxLimitError';
  }
}

/**
 * One credential's private world, created on its first request: its clock, ids, request journal,
 * fault rules, byte account, and one store per partner. Once dropped (reset, eviction, expiry) it
 * is closed for good: requests that started in it finish in it, and touch no later sandbox.
 */
export interface Sandbox<Stores> {
  /** Its credential; a key rotation changes it (Sandboxes.rotate). */
  token: string;
  readonly clock: SandboxClock;
  readonly ids: Ids;
  readonly journal: Journal;
  readonly faults: Faults;
  readonly bytes: ByteAccount;
  /** Counts changes to what a shared store keeps of it (see Revision). */
  readonly revision: Revision;
  readonly stores: Stores;
  readonly createdAt: number;
  /** Real time of its last request, for eviction and SIM_SANDBOX_IDLE_TTL. */
  lastUsedAt: number;
  /** Requests being served right now: a sandbox in use is never evicted. */
  inFlight: number;
  closed: boolean;
}

export type EvictionReason = 'sandbox limit' | 'memory budget' | 'idle';

export interface SandboxesOptions<Stores> {
  /** Upper bound on live sandboxes; past it the least recently used idle one is evicted. */
  max: number;
  /** When set, the only tokens accepted. */
  tokens?: readonly string[] | undefined;
  /** Real time: every sandbox clock starts from it, and idleness is measured on it. */
  clock: Clock;
  /** When set, every new sandbox clock starts frozen at this instant (SIM_NOW). */
  frozenAt?: number | undefined;
  /**
   * A sandbox's ids (seeded per token with SIM_SEED). `generation` is the shared store's version
   * the sandbox was rebuilt from, so a rebuilt sandbox draws ids no earlier one drew.
   */
  idsFor: (token: string, generation: number) => Ids;
  /** Whether sandbox clocks fire work from real timers (not with a shared store: see SandboxClock). */
  timers?: boolean;
  /** Entries kept per sandbox journal (SIM_JOURNAL_SIZE). */
  journalSize: number;
  budget: MemoryBudget;
  /** A sandbox unused this long (ms) is dropped; 0: never for idleness (SIM_SANDBOX_IDLE_TTL). */
  idleTtlMs?: number;
  /** Reports work scheduled on a sandbox clock that failed. */
  onError?: (error: unknown) => void;
  /** Hears of every eviction (the app logs it). */
  onEvict?: (token: string, reason: EvictionReason) => void;
  /** Shapes each new sandbox once built (SIM_STATE_FILE's saved state); a throw drops it again. */
  initialize?: (sandbox: Sandbox<Stores>) => void;
  /** Builds fresh stores; must be cheap (no fixture I/O or parsing per token). */
  createStores: (sandbox: {
    token: string;
    clock: SandboxClock;
    ids: Ids;
    bytes: ByteAccount;
    revision: Revision;
  }) => Stores;
}

/** What partner plugins and hooks need of the sandboxes, whatever stores they hold. */
export interface SandboxDirectory<Stores = unknown> {
  accepts(token: string): boolean;
  get(token: string): Sandbox<Stores>;
  peek(token: string): Sandbox<Stores> | undefined;
  /** With a shared store (SIM_STORE=redis://…): requests take their sandbox through it. */
  readonly shared?: SharedSandboxGate<Sandbox<unknown>> | undefined;
  /** Whether only SIM_TOKENS are accepted. */
  readonly restricted: boolean;
  wasRotated(token: string): boolean;
}

/** A rotation's new token already names a sandbox, or was rotated away before. */
export class TokenInUseError extends Error {
  constructor(readonly token: string) {
    super('This token is already in use (or was rotated away): choose another.');
    this.name = 'TokenInUseError';
  }
}

/** Revoked tokens remembered: endless rotation keeps memory bounded. */
const MAX_REVOKED = 10_000;

/** How often, at most, idle sandboxes are looked for on the request path. */
const IDLE_SWEEP_INTERVAL_MS = 1000;

/** State namespaced by credential, as a partner sees only its own orders on the real platform. */
export class Sandboxes<Stores> implements SandboxDirectory<Stores> {
  /** In least-recently-used order: a used sandbox moves to the end. */
  readonly #byToken = new Map<string, Sandbox<Stores>>();
  readonly #allowed: Set<string> | undefined;
  /** Tokens rotated away: refused from then on, as a revoked key (at most MAX_REVOKED kept). */
  readonly #revoked = new Set<string>();
  readonly #options: SandboxesOptions<Stores>;
  readonly #evictions: Record<EvictionReason, number> = { 'sandbox limit': 0, 'memory budget': 0, idle: 0 };
  #lastSweep = 0;
  /** The token of the last sandbox used: already last in LRU order, so it need not move. */
  #mostRecent: string | undefined;
  /** With a shared store: what this process holds is a cache of it (set once, by the app). */
  shared: SharedSandboxGate<Sandbox<unknown>> | undefined;

  constructor(options: SandboxesOptions<Stores>) {
    this.#allowed = options.tokens && options.tokens.length > 0 ? new Set(options.tokens) : undefined;
    this.#options = options;
    options.budget.relieve = (bytes, asking) => this.#relieve(bytes, asking);
  }

  /** A token another replica rotated away (a shared store said so): refused here from now on. */
  markRevoked(token: string): void {
    this.drop(token);
    this.#allowed?.delete(token);
    this.#revoked.add(token);
  }

  /** A token another replica rotated to: accepted here too, whatever SIM_TOKENS says. */
  markAccepted(token: string): void {
    this.#allowed?.add(token);
  }

  /** Whether only SIM_TOKENS are accepted (a shared store may know of tokens rotated to since). */
  get restricted(): boolean {
    return this.#allowed !== undefined;
  }

  /** Whether a token was rotated away (POST /__admin/token/rotate): refused from then on. */
  wasRotated(token: string): boolean {
    return this.#revoked.has(token);
  }

  /** Whether a token may be used at all (SIM_TOKENS), independent of the sandbox bound. */
  accepts(token: string): boolean {
    return (this.#allowed === undefined || this.#allowed.has(token)) && !this.#revoked.has(token);
  }

  /**
   * A key rotation: the sandbox of `from` answers to `to` from now on, and `from` is refused
   * everywhere, as a partner blocks an old key the moment a new one is generated. With SIM_TOKENS
   * the new token joins the accepted ones in place of the old.
   */
  rotate(from: string, to: string): Sandbox<Stores> {
    if (this.#byToken.has(to) || this.#revoked.has(to) || to === from) {
      throw new TokenInUseError(to);
    }
    const sandbox = this.get(from);
    this.#byToken.delete(from);
    this.#byToken.set(to, sandbox);
    sandbox.token = to;
    this.#mostRecent = to;
    this.#allowed?.delete(from);
    this.#allowed?.add(to);
    this.#revoked.add(from);
    if (this.#revoked.size > MAX_REVOKED) {
      const oldest = this.#revoked.values().next().value;
      if (oldest !== undefined) this.#revoked.delete(oldest);
    }
    return sandbox;
  }

  /**
   * The token's sandbox, created on first use; marks it used. When SIM_MAX_SANDBOXES are live, the
   * least recently used idle one is evicted; SandboxLimitError only when every one is in use.
   */
  get(token: string): Sandbox<Stores> {
    const now = this.#options.clock.now();
    this.#sweepIdle(now);
    const existing = this.#byToken.get(token);
    if (existing) {
      existing.lastUsedAt = now;
      if (token !== this.#mostRecent) {
        this.#byToken.delete(token);
        this.#byToken.set(token, existing);
        this.#mostRecent = token;
      }
      return existing;
    }
    if (this.#byToken.size >= this.#options.max && !this.#evictOne('sandbox limit')) {
      throw new SandboxLimitError(this.#options.max);
    }
    const sandbox = this.#create(token, now, 0);
    this.#byToken.set(token, sandbox);
    this.#mostRecent = token;
    try {
      this.#options.initialize?.(sandbox);
    } catch (error) {
      this.drop(token);
      throw error;
    }
    return sandbox;
  }

  /**
   * A new sandbox for the token in place of the one held, shaped by `shape` (a shared store's
   * newer document) or, without it, as every new sandbox is (SIM_STATE_FILE).
   */
  renew(token: string, generation: number, shape?: (sandbox: Sandbox<Stores>) => void): Sandbox<Stores> {
    this.drop(token);
    if (this.#byToken.size >= this.#options.max && !this.#evictOne('sandbox limit')) {
      throw new SandboxLimitError(this.#options.max);
    }
    const sandbox = this.#create(token, this.#options.clock.now(), generation);
    this.#byToken.set(token, sandbox);
    this.#mostRecent = token;
    try {
      (shape ?? this.#options.initialize)?.(sandbox);
    } catch (error) {
      this.drop(token);
      throw error;
    }
    return sandbox;
  }

  /** The token's sandbox if it exists, without creating one or marking it used. */
  peek(token: string): Sandbox<Stores> | undefined {
    return this.#byToken.get(token);
  }

  get size(): number {
    return this.#byToken.size;
  }

  /** Evictions since start, by reason (health shows them). */
  get evictions(): Readonly<Record<EvictionReason, number>> {
    return this.#evictions;
  }

  all(): IterableIterator<Sandbox<Stores>> {
    return this.#byToken.values();
  }

  /** Drops a sandbox: its timers stop, its bytes are given back, its token starts afresh next time. */
  drop(token: string): void {
    const sandbox = this.#byToken.get(token);
    if (!sandbox) return;
    sandbox.closed = true;
    sandbox.clock.close();
    sandbox.bytes.close();
    sandbox.journal.close();
    this.#byToken.delete(token);
    if (this.#mostRecent === token) this.#mostRecent = undefined;
  }

  /** Drops every sandbox. */
  dropAll(): void {
    for (const token of [...this.#byToken.keys()]) this.drop(token);
  }

  /** Stops every sandbox's timers (app close). */
  dispose(): void {
    this.dropAll();
  }

  #create(token: string, now: number, generation: number): Sandbox<Stores> {
    const { clock: base, frozenAt, onError, journalSize, budget, timers } = this.#options;
    const revision = new Revision();
    const clock = new SandboxClock(base, { frozenAt, onError, timers, revision });
    const ids = this.#options.idsFor(token, generation);
    const bytes = budget.account();
    // Counted whatever the budget says: an over-full process evicts others to make room.
    bytes.force(SANDBOX_OVERHEAD_BYTES);
    return {
      token,
      clock,
      ids,
      journal: new Journal(journalSize, bytes),
      faults: new Faults(bytes, revision),
      bytes,
      revision,
      stores: this.#options.createStores({ token, clock, ids, bytes, revision }),
      createdAt: now,
      lastUsedAt: now,
      inFlight: 0,
      closed: false,
    };
  }

  /** Evicts the least recently used sandbox that serves no request; false when all do. */
  #evictOne(reason: EvictionReason, spare?: ByteAccount | undefined): boolean {
    for (const sandbox of this.#byToken.values()) {
      if (sandbox.inFlight > 0 || sandbox.bytes === spare) continue;
      this.#evict(sandbox, reason);
      return true;
    }
    return false;
  }

  #evict(sandbox: Sandbox<Stores>, reason: EvictionReason): void {
    this.drop(sandbox.token);
    this.#evictions[reason]++;
    this.#options.onEvict?.(sandbox.token, reason);
  }

  /** Frees room in the process budget by evicting idle sandboxes, least recently used first. */
  #relieve(bytes: number, asking: ByteAccount | undefined): void {
    const { budget } = this.#options;
    while (budget.total + bytes > budget.limits.process && this.#evictOne('memory budget', asking)) {}
  }

  #sweepIdle(now: number): void {
    const ttl = this.#options.idleTtlMs ?? 0;
    if (ttl <= 0 || now - this.#lastSweep < IDLE_SWEEP_INTERVAL_MS) return;
    this.#lastSweep = now;
    for (const sandbox of [...this.#byToken.values()]) {
      if (now - sandbox.lastUsedAt < ttl) break;
      if (sandbox.inFlight === 0) this.#evict(sandbox, 'idle');
    }
  }
}
