import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/sandbox/store/memory-store.js';
import { RedisStore, StoreConnectError } from '../../src/sandbox/store/redis-store.js';
import type { SharedStore } from '../../src/sandbox/store/store.js';
import { ManualClock } from '../support/clock.js';
import { freePort, redisAvailable, TestRedis } from '../support/redis.js';

const limits = { maxCount: 3, maxBytes: 1000, idleTtlMs: 0 };

/** Every operation the shared sandboxes use, checked the same way against both backends. */
function contract(
  name: string,
  setup: () => Promise<{ store: SharedStore; expire: (ms: number) => Promise<void> }>,
) {
  describe(`the store contract: ${name}`, () => {
    let store: SharedStore;
    let expire: (ms: number) => Promise<void>;
    beforeEach(async () => {
      ({ store, expire } = await setup());
      await store.dropAll();
    });

    it('leases a sandbox to one holder at a time, and hands the document only to who lacks it', async () => {
      expect(await store.acquire('t', 'a', 5000, 0)).toEqual({ version: 0, document: undefined });
      expect(await store.acquire('t', 'b', 5000, 0)).toBeUndefined();
      const version = await store.commit(
        't',
        'a',
        { kind: 'write', document: '{"n":1}', dueAt: undefined },
        0,
      );
      expect(version).toBeGreaterThan(0);
      expect(await store.acquire('t', 'b', 5000, 0)).toEqual({ version, document: '{"n":1}' });
      expect(await store.commit('t', 'b', { kind: 'release' }, 0)).toBe(version);
      expect(await store.acquire('t', 'c', 5000, version ?? -1)).toEqual({ version, document: undefined });
      expect(await store.read('t', 0)).toEqual({ version, document: '{"n":1}' });
    });

    it('refuses the commit of a holder whose lease expired and was taken: its change did not happen', async () => {
      await store.acquire('t', 'a', 50, 0);
      await expire(60);
      expect(await store.acquire('t', 'b', 5000, 0)).toEqual({ version: 0, document: undefined });
      expect(
        await store.commit('t', 'a', { kind: 'write', document: 'late', dueAt: undefined }, 0),
      ).toBeUndefined();
      const version = await store.commit('t', 'b', { kind: 'write', document: 'kept', dueAt: undefined }, 0);
      expect(await store.read('t', 0)).toEqual({ version, document: 'kept' });
    });

    it('extends a lease only for its holder', async () => {
      await store.acquire('t', 'a', 50, 0);
      expect(await store.extend('t', 'b', 5000)).toBe(false);
      expect(await store.extend('t', 'a', 5000)).toBe(true);
      await expire(60);
      expect(await store.acquire('t', 'b', 5000, 0)).toBeUndefined();
      expect(await store.commit('t', 'a', { kind: 'release' }, 0)).toBe(0);
      expect(await store.extend('t', 'a', 5000)).toBe(false);
    });

    it('never repeats a version, even after a drop', async () => {
      await store.acquire('t', 'a', 5000, 0);
      const first = await store.commit('t', 'a', { kind: 'write', document: 'one', dueAt: undefined }, 0);
      await store.acquire('t', 'a', 5000, 0);
      expect(await store.commit('t', 'a', { kind: 'drop' }, 0)).toBe(0);
      expect(await store.read('t', first ?? 0)).toEqual({ version: 0, document: undefined });
      await store.acquire('t', 'a', 5000, 0);
      const second = await store.commit('t', 'a', { kind: 'write', document: 'two', dueAt: undefined }, 0);
      expect(second).toBeGreaterThan(first ?? 0);
    });

    it('lists the tokens whose work is due, soonest first, and forgets them when written without work', async () => {
      for (const [token, dueAt] of [
        ['late', 300],
        ['soon', 100],
        ['none', undefined],
      ] as const) {
        await store.acquire(token, 'a', 5000, 0);
        await store.commit(token, 'a', { kind: 'write', document: token, dueAt }, 0);
      }
      expect(await store.due(50, 10)).toEqual([]);
      expect(await store.due(1000, 10)).toEqual(['soon', 'late']);
      expect(await store.due(1000, 1)).toEqual(['soon']);
      await store.acquire('soon', 'a', 5000, 0);
      await store.commit('soon', 'a', { kind: 'write', document: 'done', dueAt: undefined }, 0);
      expect(await store.due(1000, 10)).toEqual(['late']);
      expect((await store.sandboxes(10)).map((sandbox) => sandbox.token).sort()).toEqual([
        'late',
        'none',
        'soon',
      ]);
    });

    it('keeps a journal capped by count and by bytes, with increasing ids', async () => {
      for (const record of ['a', 'b', 'c', 'd']) await store.appendJournal('t', { text: record }, limits);
      const kept = await store.readJournal('t');
      expect(kept.map((entry) => entry.text)).toEqual(['b', 'c', 'd']);
      expect(kept.map((entry) => entry.id)).toEqual([...kept.map((entry) => entry.id)].sort((x, y) => x - y));
      // 1 + 1 + 999 bytes is over 1000: the oldest goes, and 'd' with the 999 fit exactly.
      await store.appendJournal('t', { text: 'x'.repeat(999) }, limits);
      expect((await store.readJournal('t')).map((entry) => entry.text.length)).toEqual([1, 999]);
      await store.clearJournal('t');
      expect(await store.readJournal('t')).toEqual([]);
    });

    it('keeps concurrent appends in order, with their ids, and counts bytes as UTF-8', async () => {
      const wide = { maxCount: 1000, maxBytes: 10_000, idleTtlMs: 0 };
      // More than one batch's worth (500) at once, as a burst on one token sends them.
      const records = Array.from({ length: 700 }, (_, n) => `r${n}`);
      await Promise.all(records.map((record) => store.appendJournal('burst', { text: record }, wide)));
      const kept = await store.readJournal('burst');
      expect(kept.map((entry) => entry.text)).toEqual(records);
      const ids = kept.map((entry) => entry.id);
      expect(new Set(ids).size).toBe(700);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      // 'é' is two bytes: three of them and a 994-byte record are 1000 bytes, one more is over.
      const tight = { maxCount: 10, maxBytes: 1000, idleTtlMs: 0 };
      for (const record of ['é', 'é', 'é', 'x'.repeat(994)])
        await store.appendJournal('utf8', { text: record }, tight);
      expect((await store.readJournal('utf8')).length).toBe(4);
      await store.appendJournal('utf8', { text: 'y' }, tight);
      expect((await store.readJournal('utf8')).map((entry) => entry.text)).toEqual([
        'é',
        'é',
        'x'.repeat(994),
        'y',
      ]);
    });

    it('keeps a response kept apart once for every record sharing it, until the last of them goes', async () => {
      const body = '{"order":"Zoë"}';
      const bodyBytes = Buffer.byteLength(body);
      await store.acquire('t', 'a', 5000, 0);
      await store.commit('t', 'a', { kind: 'release' }, 0);
      const bytes = async () => (await store.sandboxes(1))[0]?.bytes;
      // Equal bytes in distinct Buffers: kept by content, not by object.
      for (const text of ['r1', 'r2', 'r3'])
        await store.appendJournal('t', { text, apart: Buffer.from(body) }, limits);
      expect(await store.readJournal('t')).toEqual([
        { id: expect.any(Number), text: 'r1', apart: body },
        { id: expect.any(Number), text: 'r2', apart: body },
        { id: expect.any(Number), text: 'r3', apart: body },
      ]);
      expect(await bytes()).toBe(6 + bodyBytes);
      await store.appendJournal('t', { text: 'r4' }, limits);
      await store.appendJournal('t', { text: 'r5' }, limits);
      expect((await store.readJournal('t')).map((entry) => entry.apart)).toEqual([
        body,
        undefined,
        undefined,
      ]);
      expect(await bytes()).toBe(6 + bodyBytes);
      await store.appendJournal('t', { text: 'r6' }, limits);
      expect(await bytes()).toBe(6);
      // Stored again after it was dropped, and after the journal was cleared: never lost.
      await store.appendJournal('t', { text: 'r7', apart: Buffer.from(body) }, limits);
      await store.clearJournal('t');
      await store.appendJournal('t', { text: 'r8', apart: Buffer.from(body) }, limits);
      expect(await store.readJournal('t')).toEqual([{ id: expect.any(Number), text: 'r8', apart: body }]);
      expect(await bytes()).toBe(2 + bodyBytes);
    });

    it('lists its sandboxes most recently used first, a read-only one included, with their journal and bytes', async () => {
      await store.acquire('written', 'a', 5000, 0);
      await store.commit('written', 'a', { kind: 'write', document: 'doc-é', dueAt: undefined }, 0);
      await store.appendJournal('written', { text: 'r1' }, limits);
      await store.appendJournal('written', { text: 'r22' }, limits);
      await expire(5);
      // A lease that ended with nothing to write (requests that only read) still marks it used.
      await store.acquire('read-only', 'b', 5000, 0);
      await store.commit('read-only', 'b', { kind: 'release' }, 0);
      await expire(5);
      await store.acquire('written', 'c', 5000, -1);
      await store.commit('written', 'c', { kind: 'release' }, 0);

      const listed = await store.sandboxes(10);
      expect(listed.map(({ token, requests, bytes }) => ({ token, requests, bytes }))).toEqual([
        { token: 'written', requests: 2, bytes: 6 + 2 + 3 },
        { token: 'read-only', requests: 0, bytes: 0 },
      ]);
      const [written, readOnly] = listed;
      expect(written?.usedAt).toBeGreaterThan(readOnly?.usedAt ?? Number.POSITIVE_INFINITY);
      expect(written?.createdAt).toBeLessThan(readOnly?.createdAt ?? 0);
      expect((await store.sandboxes(1)).map((sandbox) => sandbox.token)).toEqual(['written']);
      // A fresh lease's read sees no document for the read-only one.
      expect(await store.read('read-only', -1)).toEqual({ version: 0, document: undefined });
    });

    it('forgets an idle sandbox after its TTL, journal included', async () => {
      await store.acquire('t', 'a', 5000, 0);
      await store.commit('t', 'a', { kind: 'write', document: 'doc', dueAt: undefined }, 100);
      await store.appendJournal('t', { text: 'r' }, { ...limits, idleTtlMs: 100 });
      await expire(150);
      expect(await store.read('t', 0)).toEqual({ version: 0, document: undefined });
      expect(await store.readJournal('t')).toEqual([]);
    });

    it('rotates a key under its lease: document, journal and due work move; the old token is refused', async () => {
      await store.acquire('old', 'a', 5000, 0);
      const version = await store.commit('old', 'a', { kind: 'write', document: 'doc', dueAt: 100 }, 0);
      await store.appendJournal('old', { text: 'r', apart: Buffer.from('{"a":1}') }, limits);
      await store.acquire('taken', 'a', 5000, 0);
      await store.commit('taken', 'a', { kind: 'write', document: 'other', dueAt: undefined }, 0);
      expect(await store.rotate('old', 'new', 'a')).toBe('lease-lost');
      await store.acquire('old', 'a', 5000, 0);
      expect(await store.rotate('old', 'taken', 'a')).toBe('in-use');
      expect(await store.rotate('old', 'new', 'a')).toBe('rotated');
      expect(await store.read('new', 0)).toEqual({ version, document: 'doc' });
      expect(await store.readJournal('new')).toEqual([
        { id: expect.any(Number), text: 'r', apart: '{"a":1}' },
      ]);
      expect(await store.due(1000, 10)).toEqual(['new']);
      expect(await store.read('old', 0)).toBe('revoked');
      expect(await store.acquire('old', 'b', 5000, 0)).toBe('revoked');
      expect(await store.rotatedTo('new')).toBe(true);
      expect(await store.rotatedTo('old')).toBe(false);
    });

    it('keeps named scenarios by name: put, replace, delete', async () => {
      await store.putScenario('a', '{"n":1}');
      await store.putScenario('b', '{"n":2}');
      await store.putScenario('a', '{"n":3}');
      await store.deleteScenario('b');
      await store.deleteScenario('none');
      expect(await store.scenarios()).toEqual([{ name: 'a', text: '{"n":3}' }]);
    });

    it('drops everything on a reset of all sandboxes', async () => {
      await store.acquire('t', 'a', 5000, 0);
      await store.commit('t', 'a', { kind: 'write', document: 'doc', dueAt: 1 }, 0);
      await store.appendJournal('t', { text: 'r' }, limits);
      await store.dropAll();
      expect(await store.read('t', 0)).toEqual({ version: 0, document: undefined });
      expect(await store.due(10, 10)).toEqual([]);
      expect(await store.sandboxes(10)).toEqual([]);
    });
  });
}

const clock = new ManualClock();
contract('memory', async () => ({
  store: new MemoryStore(clock),
  expire: async (ms) => clock.advance(ms),
}));

describe.runIf(redisAvailable)('Redis', () => {
  let redis: TestRedis;
  let store: RedisStore;
  beforeAll(async () => {
    redis = await TestRedis.start();
    store = await RedisStore.connect(redis.url, 'contract:');
  });
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });
  contract('redis', async () => ({
    store,
    expire: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }));

  it('keeps a response two replicas both answered once, and sends it again when another replica dropped it', async () => {
    const other = await RedisStore.connect(redis.url, 'contract:');
    try {
      await store.dropAll();
      const tight = { maxCount: 1, maxBytes: 10_000, idleTtlMs: 0 };
      const body = '{"data":"the same order"}';
      await store.appendJournal('shared', { text: 'a1', apart: Buffer.from(body) }, tight);
      // The other replica's record pushes this one's out, and with it the body's last use but its own.
      await other.appendJournal('shared', { text: 'b1', apart: Buffer.from(body) }, tight);
      await other.appendJournal('shared', { text: 'b2' }, tight);
      // This replica believes the body stored and sends its digest alone: Redis says it is not, and
      // the record goes again with the body. Nothing is lost.
      await store.appendJournal('shared', { text: 'a2', apart: Buffer.from(body) }, tight);
      expect(await other.readJournal('shared')).toEqual([
        { id: expect.any(Number), text: 'a2', apart: body },
      ]);
    } finally {
      await other.close();
    }
  });

  it('stops start-up with one line naming the URL when Redis is unreachable', async () => {
    const port = await freePort();
    await expect(RedisStore.connect(`redis://:secret@127.0.0.1:${port}`, 'x:')).rejects.toThrow(
      StoreConnectError,
    );
    await expect(RedisStore.connect(`redis://:secret@127.0.0.1:${port}`, 'x:')).rejects.toThrow(
      new RegExp(
        `^SIM_STORE: cannot reach Redis at redis://:\\*\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(.*\\); start Redis, or check the URL\\.$`,
      ),
    );
  });
});
