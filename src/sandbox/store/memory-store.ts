import type { Clock } from '../../lib/clock.js';
import type { Commit, JournalEntry, Lease, SharedStore, StoredJournalEntry, StoredSandbox } from './store.js';

interface Held {
  version: number;
  /** Undefined for a sandbox whose leases only ever ended with nothing to write. */
  document: string | undefined;
  expiresAt: number;
  createdAt: number;
  usedAt: number;
}

/**
 * The shared-store contract in process memory: what several apps in one test process share as
 * their "Redis", and the reference the Redis store is checked against. Time is the given clock's,
 * so lease expiry and idle TTLs are tested without waiting.
 */
export class MemoryStore implements SharedStore {
  readonly description = 'memory';
  available = true;
  readonly #clock: Clock;
  readonly #documents = new Map<string, Held>();
  readonly #leases = new Map<string, { owner: string; until: number }>();
  readonly #journals = new Map<string, StoredJournalEntry[]>();
  readonly #due = new Map<string, number>();
  readonly #revoked = new Set<string>();
  readonly #rotatedTo = new Set<string>();
  #versions = 0;
  #journalIds = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  #check(): void {
    if (!this.available) throw new Error('the store is down');
  }

  #document(token: string): Held | undefined {
    const held = this.#documents.get(token);
    if (held && held.expiresAt <= this.#clock.now()) {
      this.#documents.delete(token);
      this.#journals.delete(token);
      return undefined;
    }
    return held;
  }

  async acquire(
    token: string,
    owner: string,
    ttlMs: number,
    knownVersion: number,
  ): Promise<Lease | undefined | 'revoked'> {
    this.#check();
    if (this.#revoked.has(token)) return 'revoked';
    const now = this.#clock.now();
    const lease = this.#leases.get(token);
    if (lease && lease.until > now) return undefined;
    this.#leases.set(token, { owner, until: now + ttlMs });
    return this.read(token, knownVersion);
  }

  async extend(token: string, owner: string, ttlMs: number): Promise<boolean> {
    this.#check();
    const now = this.#clock.now();
    const lease = this.#leases.get(token);
    if (!lease || lease.owner !== owner || lease.until <= now) return false;
    lease.until = now + ttlMs;
    return true;
  }

  async read(token: string, knownVersion: number): Promise<Lease | 'revoked'> {
    this.#check();
    if (this.#revoked.has(token)) return 'revoked';
    const held = this.#document(token);
    const version = held?.version ?? 0;
    return { version, document: version === knownVersion ? undefined : held?.document };
  }

  async commit(
    token: string,
    owner: string,
    commit: Commit,
    idleTtlMs: number,
    keepMs?: number,
  ): Promise<number | undefined> {
    this.#check();
    const now = this.#clock.now();
    const lease = this.#leases.get(token);
    if (!lease || lease.owner !== owner || lease.until <= now) return undefined;
    if (keepMs === undefined || commit.kind === 'drop') this.#leases.delete(token);
    else lease.until = now + keepMs;
    const expiresAt = idleTtlMs > 0 ? now + idleTtlMs : Number.POSITIVE_INFINITY;
    if (commit.kind === 'drop') {
      this.#documents.delete(token);
      this.#journals.delete(token);
      this.#due.delete(token);
      return 0;
    }
    const held = this.#document(token);
    const createdAt = held?.createdAt ?? now;
    if (commit.kind === 'release') {
      if (held) Object.assign(held, { expiresAt, usedAt: now });
      else this.#documents.set(token, { version: 0, document: undefined, expiresAt, createdAt, usedAt: now });
      return held?.version ?? 0;
    }
    const version = ++this.#versions;
    this.#documents.set(token, { version, document: commit.document, expiresAt, createdAt, usedAt: now });
    if (commit.dueAt === undefined) this.#due.delete(token);
    else this.#due.set(token, commit.dueAt);
    return version;
  }

  async appendJournal(
    token: string,
    record: JournalEntry,
    limits: { maxCount: number; maxBytes: number },
  ): Promise<void> {
    this.#check();
    const journal = this.#journals.get(token) ?? [];
    const entry: StoredJournalEntry = { id: ++this.#journalIds, text: record.text };
    if (record.apart !== undefined) entry.apart = record.apart.toString('utf8');
    journal.push(entry);
    while (
      journal.length > 1 &&
      (journal.length > limits.maxCount || journalBytes(journal) > limits.maxBytes)
    ) {
      journal.shift();
    }
    this.#journals.set(token, journal);
  }

  async readJournal(token: string): Promise<StoredJournalEntry[]> {
    this.#check();
    return [...(this.#journals.get(token) ?? [])];
  }

  async clearJournal(token: string): Promise<void> {
    this.#check();
    this.#journals.delete(token);
  }

  readonly #scenarios = new Map<string, string>();

  async rotate(from: string, to: string, owner: string): Promise<'rotated' | 'in-use' | 'lease-lost'> {
    this.#check();
    const lease = this.#leases.get(from);
    if (!lease || lease.owner !== owner || lease.until <= this.#clock.now()) return 'lease-lost';
    if (this.#document(to) || this.#revoked.has(to) || this.#journals.has(to)) return 'in-use';
    const moves: Array<Map<string, unknown>> = [this.#documents, this.#journals, this.#due];
    for (const map of moves) {
      if (map.has(from)) map.set(to, map.get(from));
      map.delete(from);
    }
    this.#leases.delete(from);
    this.#revoked.add(from);
    this.#rotatedTo.add(to);
    return 'rotated';
  }

  async rotatedTo(token: string): Promise<boolean> {
    this.#check();
    return this.#rotatedTo.has(token);
  }

  async scenarios(): Promise<Array<{ name: string; text: string }>> {
    this.#check();
    return [...this.#scenarios].map(([name, text]) => ({ name, text }));
  }

  async putScenario(name: string, text: string): Promise<void> {
    this.#check();
    this.#scenarios.set(name, text);
  }

  async deleteScenario(name: string): Promise<void> {
    this.#check();
    this.#scenarios.delete(name);
  }

  async due(now: number, limit: number): Promise<string[]> {
    this.#check();
    return [...this.#due]
      .filter(([, at]) => at <= now)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([token]) => token);
  }

  async sandboxes(limit: number): Promise<StoredSandbox[]> {
    this.#check();
    const found: StoredSandbox[] = [];
    for (const token of [...this.#documents.keys()]) {
      const held = this.#document(token);
      if (held === undefined) continue;
      const journal = this.#journals.get(token) ?? [];
      found.push({
        token,
        createdAt: held.createdAt,
        usedAt: held.usedAt,
        requests: journal.length,
        bytes: Buffer.byteLength(held.document ?? '') + journalBytes(journal),
      });
    }
    return found.sort((a, b) => b.usedAt - a.usedAt).slice(0, limit);
  }

  async dropAll(): Promise<void> {
    this.#check();
    this.#documents.clear();
    this.#journals.clear();
    this.#due.clear();
    this.#leases.clear();
    this.#scenarios.clear();
  }

  async close(): Promise<void> {}
}

/** A journal's bytes as Redis counts them: each record's text, and each body kept apart once. */
function journalBytes(journal: readonly StoredJournalEntry[]): number {
  const apart = new Set<string>();
  let bytes = 0;
  for (const entry of journal) {
    bytes += Buffer.byteLength(entry.text);
    if (entry.apart !== undefined) apart.add(entry.apart);
  }
  for (const body of apart) bytes += Buffer.byteLength(body);
  return bytes;
}
