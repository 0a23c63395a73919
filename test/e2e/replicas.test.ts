import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client.js';
import { freePort, redisAvailable, TestRedis } from '../support/redis.js';
import { RoundRobinProxy } from '../support/round-robin-proxy.js';
import { failedStart, type RunningServer, startServer } from '../support/server-process.js';

// Three real replicas on one Redis behind a round-robin proxy: what a team's shared simulator
// runs. Every request of a token may land on any replica.

// biome-ignore lint/suspicious/noExplicitAny: partner responses, read field by field below.
type Json = any;

const REPLICA_ENV = { SIM_GROW_POLICY_DELAY_MS: '300', SIM_STORE_PREFIX: 'e2e:' };

describe.runIf(redisAvailable)('three replicas on one Redis', () => {
  let redis: TestRedis;
  let replicas: RunningServer[] = [];
  let proxy: RoundRobinProxy;

  const startReplicas = async () => {
    replicas = await Promise.all([1, 2, 3].map(() => startServer({ ...REPLICA_ENV, SIM_STORE: redis.url })));
    proxy.targets = replicas.map((replica) => replica.url);
  };

  beforeAll(async () => {
    redis = await TestRedis.start({ durable: true });
    proxy = await RoundRobinProxy.start([]);
    await startReplicas();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop('SIGKILL')));
    await proxy?.close();
    await redis?.stop();
  });

  async function call(token: string, method: string, path: string, body?: unknown, base = proxy.url) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: Json = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed };
  }

  it('serves a CI suite through the proxy as one process would: seed, approve, authorize, a policy on a flowing clock, the journal', async () => {
    const sim = createClient({ url: proxy.url, token: 'suite-a' });
    await sim.reset();
    const order = await sim.battleface.orders.seed({ status: 'Pending' });
    const approved = await call(
      'suite-a',
      'POST',
      `/api/partner/orders/${order.order_number}/payment/status`,
      {
        status: 'Approved',
        generate_docs: true,
      },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.data.status).toBe('Approved');
    // Each replica, asked directly, reads the same order.
    for (const replica of replicas) {
      const read = await call(
        'suite-a',
        'GET',
        `/api/partner/orders/${order.order_number}`,
        undefined,
        replica.url,
      );
      expect(read.body.data).toEqual(approved.body.data);
    }
    expect(await sim.battleface.documents()).toHaveLength(order.items.length);

    const growOrder = await sim.grow.orders.seed({ status: 'pending' });
    const authorized = await call('suite-a', 'POST', '/api/v1/orders/authorize', { id: growOrder.id });
    expect(authorized.status).toBe(200);
    // No request moves the clock: some replica's scheduler issues the policy on time.
    let issued: Json;
    for (let i = 0; i < 50; i++) {
      issued = await call('suite-a', 'GET', `/api/v1/orders/${growOrder.id}`);
      if (issued.body.order.status === 'policy_created') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(issued.body.order.status).toBe('policy_created');

    // The journal holds every replica's records of the token.
    const [approval] = await sim.requests.waitFor({
      partner: 'battleface',
      path: '/api/partner/orders/*/payment/status',
    });
    expect(approval?.status).toBe(200);
    expect(await sim.requests.count({ partner: 'grow', path: '*/orders/authorize' })).toBe(1);
    expect(await sim.requests.count({ partner: 'grow', method: 'GET' })).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('makes 500 concurrent approvals of one order over three replicas one transition: one approved_at, one set of documents, one email', async () => {
    const sim = createClient({ url: proxy.url, token: 'race-bf' });
    await sim.reset();
    const order = await sim.battleface.orders.seed({ status: 'Pending' });
    const answers = await Promise.all(
      Array.from({ length: 500 }, () =>
        call('race-bf', 'POST', `/api/partner/orders/${order.order_number}/payment/status`, {
          status: 'Approved',
          generate_docs: true,
          send_email: true,
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    const approvedAt = new Set(
      answers.filter((answer) => answer.status === 200).map((answer) => answer.body.data.approved_at),
    );
    expect(approvedAt.size).toBe(1);
    expect(await sim.battleface.documents()).toHaveLength(order.items.length);
    expect(await sim.battleface.emails()).toHaveLength(1);
  }, 60_000);

  it('makes 500 concurrent authorizations of one Grow order exactly one 200', async () => {
    const sim = createClient({ url: proxy.url, token: 'race-grow' });
    await sim.reset();
    const order = await sim.grow.orders.seed({ status: 'pending' });
    const answers = await Promise.all(
      Array.from({ length: 500 }, () =>
        call('race-grow', 'POST', '/api/v1/orders/authorize', { id: order.id }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  }, 60_000);

  it('fires a fault with times: 1 once across every replica', async () => {
    const sim = createClient({ url: proxy.url, token: 'fault-once' });
    await sim.reset();
    await sim.faults.add({
      match: { partner: 'grow', path: '*/orders/*' },
      action: { status: 503 },
      times: 1,
    });
    const answers = [];
    for (let i = 0; i < 9; i++) answers.push((await call('fault-once', 'GET', '/api/v1/orders/1')).status);
    expect(answers.filter((status) => status === 503)).toHaveLength(1);
    expect(answers[0]).toBe(503);
  }, 30_000);

  it('carries on when a replica is killed mid-run (SIGKILL): every approval that answered 200 is kept', async () => {
    const sim = createClient({ url: proxy.url, token: 'kill-run' });
    await sim.reset();
    const orders = [];
    for (let i = 0; i < 30; i++) orders.push(await sim.battleface.orders.seed({ status: 'Pending' }));
    const approvedOk: string[] = [];
    await Promise.all(
      orders.map(async (order, index) => {
        if (index === 10) await replicas[1]?.stop('SIGKILL');
        const answer = await call(
          'kill-run',
          'POST',
          `/api/partner/orders/${order.order_number}/payment/status`,
          {
            status: 'Approved',
          },
        );
        if (answer.status === 200) approvedOk.push(order.order_number);
      }),
    );
    proxy.targets = [replicas[0]?.url ?? '', replicas[2]?.url ?? ''];
    // Those the dead replica was serving got no answer (the proxy's 502); every other one is kept.
    expect(approvedOk.length).toBeGreaterThan(0);
    for (const number of approvedOk) {
      const read = await call('kill-run', 'GET', `/api/partner/orders/${number}`);
      expect(read.body.data.status).toBe('Approved');
    }
    // The survivors serve the token (a lease the dead replica held ran out), and the approvals
    // that got no answer can be made again.
    for (const order of orders) {
      const again = await call(
        'kill-run',
        'POST',
        `/api/partner/orders/${order.order_number}/payment/status`,
        {
          status: 'Approved',
        },
      );
      expect(again.status).toBe(200);
      expect(again.body.data.status).toBe('Approved');
    }
  }, 60_000);

  it('keeps every sandbox when every replica restarts', async () => {
    const before = await call('suite-a', 'GET', '/__admin/state');
    expect(before.status).toBe(200);
    await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
    await startReplicas();
    const after = await call('suite-a', 'GET', '/__admin/state');
    expect(after.body.battleface).toEqual(before.body.battleface);
    expect(after.body.grow).toEqual(before.body.grow);
  }, 60_000);

  it("answers the partner's 503 envelope while Redis is down, says degraded, and recovers by itself", async () => {
    await redis.stop();
    const started = Date.now();
    const down = await call('suite-a', 'GET', '/api/v1/orders/1');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ message: expect.stringContaining('shared store is unavailable') });
    const bf = await call('suite-a', 'GET', '/api/partner/orders/nope');
    expect(bf.status).toBe(503);
    const health = await (await fetch(`${replicas[0]?.url}/__admin/health`)).json();
    expect(health).toMatchObject({ status: 'degraded', store: { kind: 'redis', available: false } });

    await redis.start();
    let back: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 40; i++) {
      back = await call('suite-a', 'GET', '/__admin/state');
      if (back.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(back?.status).toBe(200);
    expect(back?.body.battleface.orders.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('SIM_STORE at start-up', () => {
  it('stops with one line naming the URL (password masked) when Redis is unreachable', async () => {
    const port = await freePort();
    const { code, stderr } = await failedStart({ SIM_STORE: `redis://:hunter2@127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `partner-sim: SIM_STORE: cannot reach Redis at redis://:****@127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}); start Redis, or check the URL.\n`,
    );
  });

  it('refuses a SIM_STORE that is neither memory nor a Redis URL, in one line', async () => {
    const { code, stderr } = await failedStart({ SIM_STORE: 'postgres://db' });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'partner-sim: Invalid SIM_STORE="postgres://db": expected memory, or a Redis URL like redis://127.0.0.1:6379 (rediss:// for TLS).\n',
    );
  });
});
