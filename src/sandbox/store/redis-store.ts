import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Commit, JournalEntry, Lease, SharedStore, StoredJournalEntry, StoredSandbox } from './store.js';

/**
 * Each step that must be atomic is one Lua script, so no replica ever sees half of another's
 * change, and each costs one round trip. Keys (prefix P, SIM_STORE_PREFIX):
 *   P sandbox:<token>  hash {v, doc}: the versioned document
 *   P lease:<token>    the lease holder, with its expiry (PX)
 *   P journal:<token>  list of records, oldest first; P journal-index:<token> the same length,
 *                      "<id> <bytes>[ <digest>]" per record (so no script copies or joins a record
 *                      to number or drop it); P journal-bytes:<token> their bytes;
 *                      P journal-apart:<token> hash of the responses kept apart (JournalEntry),
 *                      once per content: "b:<digest>" the body, "n:<digest>" the records using it
 *   P due              sorted set: token → real time its next work is due
 *   P scenarios        hash: name → a saved scenario's JSON
 *   P revoked, P rotated-to  sets: tokens rotated away (refused everywhere), and rotated to
 *   P version, P journal-id: counters, so a version or record id never repeats (even after a reset)
 */
const ACQUIRE = `
if redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 1 then return {'-1'} end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
local v = redis.call('HGET', KEYS[2], 'v')
if not v then return {'0'} end
if v == ARGV[3] then return {v} end
return {v, redis.call('HGET', KEYS[2], 'doc')}
`;

const READ = `
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then return {'-1'} end
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return {'0'} end
if v == ARGV[1] then return {v} end
return {v, redis.call('HGET', KEYS[1], 'doc')}
`;

// KEYS: lease from, then from/to pairs of sandbox, journal, journal index, journal bytes and
// journal apart, then due, revoked, rotated-to. ARGV: owner, from, to.
const ROTATE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'lease-lost' end
if redis.call('EXISTS', KEYS[3]) == 1 or redis.call('SISMEMBER', KEYS[13], ARGV[3]) == 1 then return 'in-use' end
for i = 2, 10, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('RENAME', KEYS[i], KEYS[i + 1]) end
end
local due = redis.call('ZSCORE', KEYS[12], ARGV[2])
if due then
  redis.call('ZADD', KEYS[12], due, ARGV[3])
  redis.call('ZREM', KEYS[12], ARGV[2])
end
redis.call('SADD', KEYS[13], ARGV[2])
redis.call('SADD', KEYS[14], ARGV[3])
redis.call('DEL', KEYS[1])
return 'rotated'
`;

const EXTEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

// KEYS: lease, sandbox, due, version counter, journal, journal index, journal bytes, journal apart.
// ARGV: owner, kind, document, due at ('' for none), idle ttl ms ('0' for none), token,
// keep ms ('' to end the lease).
const COMMIT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if ARGV[7] == '' or ARGV[2] == 'drop' then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[7]) end
if ARGV[2] == 'drop' then
  redis.call('DEL', KEYS[2], KEYS[5], KEYS[6], KEYS[7], KEYS[8])
  redis.call('ZREM', KEYS[3], ARGV[6])
  return 0
end
local v = tonumber(redis.call('HGET', KEYS[2], 'v') or '0')
if ARGV[2] == 'write' then
  v = redis.call('INCR', KEYS[4])
  redis.call('HSET', KEYS[2], 'v', v, 'doc', ARGV[3])
  if ARGV[4] == '' then redis.call('ZREM', KEYS[3], ARGV[6]) else redis.call('ZADD', KEYS[3], ARGV[4], ARGV[6]) end
end
local now = redis.call('TIME')
local ms = now[1] * 1000 + math.floor(now[2] / 1000)
redis.call('HSET', KEYS[2], 'used', ms)
redis.call('HSETNX', KEYS[2], 'created', ms)
if ARGV[5] ~= '0' then
  for _, i in ipairs({2, 5, 6, 7, 8}) do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
end
return v
`;

// KEYS: journal, journal index, journal bytes, id counter, journal apart.
// ARGV: max count, max bytes, idle ttl ms, then per record: its text, the digest of the response it
// keeps apart ('' for none) and that response ('' when the replica believes it is stored already).
// Records are pushed whole and dropped with one LTRIM; only the small index entries are built and
// read here. A response sent by digest alone that is not stored (another replica's records using
// it were dropped) appends nothing: the digests are answered, and the replica sends them again.
const APPEND = `
local n = (#ARGV - 3) / 3
local sent, missing = {}, {}
for i = 1, n do
  local digest, body = ARGV[3 * i + 2], ARGV[3 * i + 3]
  if digest ~= '' and body ~= '' then sent[digest] = body end
end
for i = 1, n do
  local digest = ARGV[3 * i + 2]
  if digest ~= '' and not sent[digest] and redis.call('HEXISTS', KEYS[5], 'b:' .. digest) == 0 then
    missing[#missing + 1] = digest
  end
end
if #missing > 0 then return missing end
local last = redis.call('INCRBY', KEYS[4], n)
local records, index, added = {}, {}, 0
for i = 1, n do
  local text, digest = ARGV[3 * i + 1], ARGV[3 * i + 2]
  records[i] = text
  index[i] = (last - n + i) .. ' ' .. #text
  added = added + #text
  if digest ~= '' then
    index[i] = index[i] .. ' ' .. digest
    if redis.call('HINCRBY', KEYS[5], 'n:' .. digest, 1) == 1 then
      redis.call('HSET', KEYS[5], 'b:' .. digest, sent[digest])
      added = added + #sent[digest]
    end
  end
end
redis.call('RPUSH', KEYS[1], unpack(records))
redis.call('RPUSH', KEYS[2], unpack(index))
local bytes = redis.call('INCRBY', KEYS[3], added)
local count = redis.call('LLEN', KEYS[2])
local max, maxBytes, dropped, freed = tonumber(ARGV[1]), tonumber(ARGV[2]), 0, 0
while count - dropped > 1 and (count - dropped > max or bytes - freed > maxBytes) do
  local size, digest = string.match(redis.call('LPOP', KEYS[2]), '^%d+ (%d+) ?(%S*)$')
  freed = freed + tonumber(size)
  if digest ~= '' and redis.call('HINCRBY', KEYS[5], 'n:' .. digest, -1) <= 0 then
    freed = freed + redis.call('HSTRLEN', KEYS[5], 'b:' .. digest)
    redis.call('HDEL', KEYS[5], 'n:' .. digest, 'b:' .. digest)
  end
  dropped = dropped + 1
end
if dropped > 0 then
  redis.call('LTRIM', KEYS[1], dropped, -1)
  redis.call('DECRBY', KEYS[3], freed)
end
if ARGV[3] ~= '0' then
  for _, i in ipairs({1, 2, 3, 5}) do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return count - dropped
`;

// KEYS: journal, journal index, journal apart. All at once, so records, ids and bodies match.
const READ_JOURNAL = `
return {redis.call('LRANGE', KEYS[1], 0, -1), redis.call('LRANGE', KEYS[2], 0, -1), redis.call('HGETALL', KEYS[3])}
`;

type Scripted = Redis & {
  simAcquire(
    lease: string,
    sandbox: string,
    revoked: string,
    owner: string,
    ttl: number,
    known: string,
    token: string,
  ): Promise<string[] | null>;
  simRead(sandbox: string, revoked: string, known: string, token: string): Promise<string[]>;
  simRotate(...args: string[]): Promise<'rotated' | 'in-use' | 'lease-lost'>;
  simExtend(lease: string, owner: string, ttl: number): Promise<number>;
  simCommit(...args: Array<string | number>): Promise<number>;
  simAppend(...args: Array<string | number | Buffer>): Promise<number | string[]>;
  simReadJournal(journal: string, index: string, apart: string): Promise<[string[], string[], string[]]>;
};

/** Records per append at most: a script's records are unpacked onto Lua's stack (8000 slots). */
const MAX_BATCH = 500;
/** Responses kept apart this replica remembers having stored, per token (oldest forgotten first). */
const APART_REMEMBERED = 4096;
/** How long one command may take before the request it serves answers the partner's 5xx. */
const COMMAND_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 2000;

/** Thrown at start-up: one line naming the URL, as the issue asks. */
export class StoreConnectError extends Error {
  constructor(description: string, cause: string) {
    super(`SIM_STORE: cannot reach Redis at ${description} (${cause}); start Redis, or check the URL.`);
    this.name = 'StoreConnectError';
  }
}

/** The URL as logs and health show it: any password masked. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'redis://(unparsable URL)';
  }
}

export class RedisStore implements SharedStore {
  readonly description: string;
  readonly #redis: Scripted;
  readonly #prefix: string;
  /** Per token: the records waiting to go in the next append, and the append on its way. */
  readonly #journalBatches = new Map<
    string,
    {
      records: JournalEntry[];
      limits: { maxCount: number; maxBytes: number; idleTtlMs: number };
      done: Promise<void>;
    }
  >();
  readonly #journalFlights = new Map<string, Promise<void>>();
  /** "<token> <digest>" of the responses this replica stored apart (it sends their digest alone). */
  readonly #apartStored = new Map<string, true>();
  #corking = false;

  private constructor(redis: Scripted, description: string, prefix: string) {
    this.#redis = redis;
    this.description = description;
    this.#prefix = prefix;
  }

  /** Connects, or throws StoreConnectError within CONNECT_TIMEOUT_MS and leaves nothing open. */
  static async connect(url: string, prefix: string): Promise<RedisStore> {
    const description = describeUrl(url);
    const redis = new Redis(url, {
      lazyConnect: true,
      // No auto-pipelining: it builds a Pipeline object per tick, which cost more than the one
      // command a request usually sends (payment/status on one token ran 20 % faster without).
      // Commands of one tick still go out in one write: see #corked.
      enableAutoPipelining: false,
      // A command while Redis is away fails at once: partner routes answer within a bounded
      // time instead of queueing behind a reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Reconnects for ever, every 250 ms at most: service resumes by itself when Redis returns.
      retryStrategy: (times) => Math.min(50 * times, 250),
    }) as Scripted;
    redis.defineCommand('simAcquire', { numberOfKeys: 3, lua: ACQUIRE });
    redis.defineCommand('simRead', { numberOfKeys: 2, lua: READ });
    redis.defineCommand('simRotate', { numberOfKeys: 14, lua: ROTATE });
    redis.defineCommand('simExtend', { numberOfKeys: 1, lua: EXTEND });
    redis.defineCommand('simCommit', { numberOfKeys: 8, lua: COMMIT });
    redis.defineCommand('simAppend', { numberOfKeys: 5, lua: APPEND });
    redis.defineCommand('simReadJournal', { numberOfKeys: 3, lua: READ_JOURNAL });
    // An error event without a listener would end the process; the state is read from `status`.
    let lastError: Error | undefined;
    redis.on('error', (error: Error) => {
      lastError = error;
    });
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      // The socket's own error (ECONNREFUSED…) says more than "Connection is closed".
      const cause = (lastError ?? (error as Error)).message.replace(/\.$/, '');
      throw new StoreConnectError(description, cause);
    }
    return new RedisStore(redis, description, prefix);
  }

  get available(): boolean {
    return this.#redis.status === 'ready';
  }

  /**
   * The client, its socket corked until the end of this tick: the commands a turn of the event
   * loop sends (one per sandbox under load) leave in one write, as auto-pipelining would send
   * them, without its per-tick objects.
   */
  get #corked(): Scripted {
    const socket = (this.#redis as { stream?: { cork(): void; uncork(): void } }).stream;
    if (!this.#corking && socket !== undefined && this.#redis.status === 'ready') {
      this.#corking = true;
      socket.cork();
      process.nextTick(() => {
        this.#corking = false;
        socket.uncork();
      });
    }
    return this.#redis;
  }

  #key(kind: string, token?: string): string {
    return token === undefined ? `${this.#prefix}${kind}` : `${this.#prefix}${kind}:${token}`;
  }

  async acquire(
    token: string,
    owner: string,
    ttlMs: number,
    knownVersion: number,
  ): Promise<Lease | undefined | 'revoked'> {
    const answer = await this.#corked.simAcquire(
      this.#key('lease', token),
      this.#key('sandbox', token),
      this.#key('revoked'),
      owner,
      ttlMs,
      String(knownVersion),
      token,
    );
    return answer === null ? undefined : leaseOf(answer);
  }

  async rotate(from: string, to: string, owner: string): Promise<'rotated' | 'in-use' | 'lease-lost'> {
    return this.#redis.simRotate(
      this.#key('lease', from),
      this.#key('sandbox', from),
      this.#key('sandbox', to),
      this.#key('journal', from),
      this.#key('journal', to),
      this.#key('journal-index', from),
      this.#key('journal-index', to),
      this.#key('journal-bytes', from),
      this.#key('journal-bytes', to),
      this.#key('journal-apart', from),
      this.#key('journal-apart', to),
      this.#key('due'),
      this.#key('revoked'),
      this.#key('rotated-to'),
      owner,
      from,
      to,
    );
  }

  async rotatedTo(token: string): Promise<boolean> {
    return (await this.#redis.sismember(this.#key('rotated-to'), token)) === 1;
  }

  async extend(token: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.#corked.simExtend(this.#key('lease', token), owner, ttlMs)) === 1;
  }

  async read(token: string, knownVersion: number): Promise<Lease | 'revoked'> {
    return leaseOf(
      await this.#corked.simRead(
        this.#key('sandbox', token),
        this.#key('revoked'),
        String(knownVersion),
        token,
      ),
    );
  }

  async commit(
    token: string,
    owner: string,
    commit: Commit,
    idleTtlMs: number,
    keepMs?: number,
  ): Promise<number | undefined> {
    const answer = await this.#corked.simCommit(
      this.#key('lease', token),
      this.#key('sandbox', token),
      this.#key('due'),
      this.#key('version'),
      this.#key('journal', token),
      this.#key('journal-index', token),
      this.#key('journal-bytes', token),
      this.#key('journal-apart', token),
      owner,
      commit.kind,
      commit.kind === 'write' ? commit.document : '',
      commit.kind === 'write' && commit.dueAt !== undefined ? Math.ceil(commit.dueAt) : '',
      idleTtlMs,
      token,
      keepMs ?? '',
    );
    return answer === -1 ? undefined : answer;
  }

  /**
   * Records of one token go out in batches: while one append is on its way, the next records
   * wait and then go in one script call, in order. Under load that is one call for many records
   * instead of one each, and each caller still learns when its own record is stored.
   */
  appendJournal(
    token: string,
    record: JournalEntry,
    limits: { maxCount: number; maxBytes: number; idleTtlMs: number },
  ): Promise<void> {
    let batch = this.#journalBatches.get(token);
    if (batch === undefined) {
      batch = { records: [], limits, done: undefined as unknown as Promise<void> };
      const mine = batch;
      this.#journalBatches.set(token, mine);
      const before = this.#journalFlights.get(token) ?? Promise.resolve();
      mine.done = before.then(async () => {
        // From here on, new records start the next batch.
        if (this.#journalBatches.get(token) === mine) this.#journalBatches.delete(token);
        const missing = await this.#append(token, mine.records, mine.limits, true);
        if (missing.length === 0) return;
        // Responses this replica believed stored were dropped since: sent again, in full.
        for (const digest of missing) this.#apartStored.delete(`${token} ${digest}`);
        if ((await this.#append(token, mine.records, mine.limits, false)).length > 0)
          throw new Error('the journal append found a response it was sent missing');
      });
      const flight = mine.done.catch(() => {});
      this.#journalFlights.set(token, flight);
      void flight.then(() => {
        if (this.#journalFlights.get(token) === flight) this.#journalFlights.delete(token);
      });
    }
    batch.records.push(record);
    // A full batch goes as it is; the next record starts another, sent after it.
    if (batch.records.length >= MAX_BATCH) this.#journalBatches.delete(token);
    return batch.done;
  }

  /**
   * One append script call; the digests it found missing (then nothing was appended). With
   * `byDigest`, a response this replica stored apart before goes as its digest alone.
   */
  async #append(
    token: string,
    records: readonly JournalEntry[],
    limits: { maxCount: number; maxBytes: number; idleTtlMs: number },
    byDigest: boolean,
  ): Promise<string[]> {
    const args: Array<string | number | Buffer> = [limits.maxCount, limits.maxBytes, limits.idleTtlMs];
    const inBatch = new Set<string>();
    for (const record of records) {
      // An empty body cannot go apart: '' is what "stored already" is sent as.
      if (record.apart === undefined || record.apart.length === 0) {
        args.push(record.text, '', '');
        continue;
      }
      const digest = digestOf(record.apart);
      const stored = inBatch.has(digest) || (byDigest && this.#apartStored.has(`${token} ${digest}`));
      inBatch.add(digest);
      args.push(record.text, digest, stored ? '' : record.apart);
    }
    const answer = await this.#corked.simAppend(
      this.#key('journal', token),
      this.#key('journal-index', token),
      this.#key('journal-bytes', token),
      this.#key('journal-id'),
      this.#key('journal-apart', token),
      ...args,
    );
    if (Array.isArray(answer)) return answer;
    for (const digest of inBatch) {
      const key = `${token} ${digest}`;
      this.#apartStored.delete(key);
      this.#apartStored.set(key, true);
    }
    for (const key of this.#apartStored.keys()) {
      if (this.#apartStored.size <= APART_REMEMBERED) break;
      this.#apartStored.delete(key);
    }
    return [];
  }

  async readJournal(token: string): Promise<StoredJournalEntry[]> {
    const [records, index, apart] = await this.#redis.simReadJournal(
      this.#key('journal', token),
      this.#key('journal-index', token),
      this.#key('journal-apart', token),
    );
    const bodies = new Map<string, string>();
    for (let at = 0; at + 1 < apart.length; at += 2) bodies.set(apart[at] ?? '', apart[at + 1] ?? '');
    return records.map((text, at) => {
      const [id = '0', , digest] = (index[at] ?? '').split(' ');
      const entry: StoredJournalEntry = { id: Number.parseInt(id, 10), text };
      const body = digest === undefined ? undefined : bodies.get(`b:${digest}`);
      if (body !== undefined) entry.apart = body;
      return entry;
    });
  }

  async clearJournal(token: string): Promise<void> {
    await this.#redis.del(
      this.#key('journal', token),
      this.#key('journal-index', token),
      this.#key('journal-bytes', token),
      this.#key('journal-apart', token),
    );
  }

  async scenarios(): Promise<Array<{ name: string; text: string }>> {
    const all = await this.#redis.hgetall(this.#key('scenarios'));
    return Object.entries(all).map(([name, text]) => ({ name, text }));
  }

  async putScenario(name: string, text: string): Promise<void> {
    await this.#redis.hset(this.#key('scenarios'), name, text);
  }

  async deleteScenario(name: string): Promise<void> {
    await this.#redis.hdel(this.#key('scenarios'), name);
  }

  async due(now: number, limit: number): Promise<string[]> {
    return this.#redis.zrangebyscore(this.#key('due'), '-inf', now, 'LIMIT', 0, limit);
  }

  async sandboxes(limit: number): Promise<StoredSandbox[]> {
    const start = this.#key('sandbox', '');
    const tokens: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', `${escapeGlob(start)}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) tokens.push(key.slice(start.length));
    } while (cursor !== '0');
    const reads = this.#redis.pipeline();
    for (const token of tokens) {
      reads.hmget(this.#key('sandbox', token), 'created', 'used');
      reads.hstrlen(this.#key('sandbox', token), 'doc');
      reads.llen(this.#key('journal-index', token));
      reads.get(this.#key('journal-bytes', token));
    }
    const answers = tokens.length === 0 ? [] : ((await reads.exec()) ?? []);
    const value = (at: number) => {
      const [error, answer] = answers[at] ?? [];
      if (error) throw error;
      return answer;
    };
    const found = tokens.map((token, n) => {
      const [created, used] = value(4 * n) as Array<string | null>;
      return {
        token,
        createdAt: Number(created ?? 0),
        usedAt: Number(used ?? 0),
        requests: Number(value(4 * n + 2)),
        bytes: Number(value(4 * n + 1)) + Number(value(4 * n + 3) ?? 0),
      };
    });
    return found.sort((a, b) => b.usedAt - a.usedAt).slice(0, limit);
  }

  async dropAll(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.scan(
        cursor,
        'MATCH',
        `${escapeGlob(this.#prefix)}*`,
        'COUNT',
        500,
      );
      cursor = next;
      // Counters stay (a version or journal id handed out is never handed out again), and so do
      // rotations: a key rotated away stays refused, as in process memory.
      const kept = new Set(['version', 'journal-id', 'revoked', 'rotated-to'].map((kind) => this.#key(kind)));
      const doomed = keys.filter((key) => !kept.has(key));
      if (doomed.length > 0) await this.#redis.del(...doomed);
    } while (cursor !== '0');
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}

function leaseOf(answer: string[]): Lease | 'revoked' {
  if (answer[0] === '-1') return 'revoked';
  return { version: Number(answer[0]), document: answer[1] };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Digests of responses kept apart, per Buffer: a stored record's bytes are one Buffer, answered again and again. */
const digests = new WeakMap<Buffer, string>();

/** A content digest naming a response kept apart (SHA-1 is plenty: nothing here is adversarial across tokens). */
function digestOf(bytes: Buffer): string {
  let digest = digests.get(bytes);
  if (digest === undefined) {
    digest = createHash('sha1').update(bytes).digest('base64');
    digests.set(bytes, digest);
  }
  return digest;
}
