import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/sandbox/store/memory-store.js';
import { type TestApp, testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { ManualClock } from '../support/clock.js';
import { growOrder } from '../support/grow-orders.js';

const ORDER = '1-APR0001-000000000001';

/** Two apps on one in-process store: two replicas as they share a Redis, on one clock. */
async function replicas(options: Parameters<typeof testApp>[0] = {}) {
  const clock = options.clock ?? new ManualClock();
  const store = new MemoryStore(clock);
  const make = () => testApp({ ...options, clock, deps: { store } });
  return { clock, store, a: await make(), b: await make() };
}

const approve = (sim: TestApp, body: object = { status: 'Approved' }) =>
  sim.request({ method: 'POST', url: `/api/partner/orders/${ORDER}/payment/status`, payload: body });
const read = (sim: TestApp) => sim.request({ method: 'GET', url: `/api/partner/orders/${ORDER}` });

describe('sandboxes in a shared store', () => {
  it('shows each replica the change another made, whole', async () => {
    const { a, b } = await replicas({ battleface: [battlefaceOrder()] });
    expect((await read(b)).json().data.status).toBe('Pending');
    const approved = await approve(a);
    expect(approved.statusCode).toBe(200);
    expect((await read(b)).json()).toEqual(approved.json());
  });

  it('numbers records on every replica from one sequence: no id is handed out twice', async () => {
    const { a, b } = await replicas();
    const ids = [];
    for (const sim of [a, b, a, b]) {
      const seeded = await sim.request({ method: 'POST', url: '/__admin/grow/orders', payload: {} });
      ids.push(seeded.json().order.id);
    }
    expect(new Set(ids).size).toBe(4);
  });

  it('gives a fault with times: 1 to one request across replicas', async () => {
    const { a, b } = await replicas({ battleface: [battlefaceOrder()] });
    await a.request({
      method: 'POST',
      url: '/__admin/faults',
      payload: { match: { partner: 'battleface' }, action: { status: 503 }, times: 1 },
    });
    const statuses = [];
    for (const sim of [b, a, b]) statuses.push((await read(sim)).statusCode);
    expect(statuses).toEqual([503, 200, 200]);
  });

  it('refuses a change whose lease ran out before it was saved: the partner 503, and nothing changed', async () => {
    const { a, b, store, clock } = await replicas({ battleface: [battlefaceOrder()] });
    await read(a);
    // Another holder takes the sandbox while the store says a's lease is over: a's commit is refused.
    const originalCommit = store.commit.bind(store);
    store.commit = async (token, owner, commit, idle, keep) => {
      clock.advance(10_000);
      await store.acquire(token, 'someone-else', 60_000, -1);
      store.commit = originalCommit;
      return originalCommit(token, owner, commit, idle, keep);
    };
    const refused = await approve(a);
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toEqual({
      error:
        "The simulator's shared store is unavailable (the sandbox's lease ran out before its change was saved); nothing was changed. Retry shortly: service resumes by itself when the store is back.",
    });
    await originalCommit('test-token', 'someone-else', { kind: 'release' }, 0);
    expect((await read(b)).json().data.status).toBe('Pending');
    expect((await read(a)).json().data.status).toBe('Pending');
  });

  it("answers the partner's 503 while the store is down, and serves again once it is back", async () => {
    const { a, store } = await replicas({ grow: [growOrder({ id: 7 })] });
    store.available = false;
    const down = await a.request({ method: 'GET', url: '/v1/orders/7', unchecked: true });
    expect(down.statusCode).toBe(503);
    expect(down.json().message).toMatch(/^The simulator's shared store is unavailable \(the store is down\)/);
    const health = await a.request({ method: 'GET', url: '/__admin/health', token: null });
    expect(health.json()).toMatchObject({ status: 'degraded', store: { kind: 'redis', available: false } });
    store.available = true;
    expect((await a.request({ method: 'GET', url: '/v1/orders/7' })).statusCode).toBe(200);
  });

  it('lists the same sandboxes on every replica, whichever served them', async () => {
    const { a, b, clock } = await replicas({ battleface: [battlefaceOrder()] });
    await approve(a);
    clock.advance(1000);
    await b.request({ token: 'other-token-0001', method: 'GET', url: '/v1/orders/1', unchecked: true });
    const listings = [];
    for (const sim of [a, b])
      listings.push((await sim.request({ method: 'GET', url: '/__admin/sandboxes' })).json());
    expect(listings[0]).toEqual(listings[1]);
    const listed = listings[0].sandboxes;
    expect(listed.map((sandbox: { token: string }) => sandbox.token)).toEqual(['****0001', '****']);
    expect(listed[1].requests).toBe(1);
    expect(listed[1].records.battleface.orders).toBe(1);
  });

  it("counts Grow's throttle in one window across replicas (SIM_GROW_THROTTLE)", async () => {
    const { a, b, clock } = await replicas({
      grow: [growOrder({ id: 7 })],
      config: { growThrottlePerMinute: 3 },
    });
    const get = (sim: TestApp) => sim.request({ method: 'GET', url: '/v1/orders/7', unchecked: true });
    const answers = [];
    for (const sim of [a, b, a, b]) answers.push(await get(sim));
    expect(answers.map((answer) => [answer.statusCode, answer.headers['x-ratelimit-remaining']])).toEqual([
      [200, '2'],
      [200, '1'],
      [200, '0'],
      [429, '0'],
    ]);
    expect(answers[3]?.headers['retry-after']).toBe('60');
    clock.advance(60_000);
    expect((await get(b)).headers['x-ratelimit-remaining']).toBe('2');
  });

  it('runs due work once, on whichever replica serves the sandbox next', async () => {
    const { a, b, clock } = await replicas({
      grow: [growOrder({ id: 7, status: 'pending' })],
      config: { growPolicyDelayMs: 1000 },
    });
    await a.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 7 } });
    clock.advance(1500);
    const fromB = (await b.request({ method: 'GET', url: '/v1/orders/7' })).json();
    const fromA = (await a.request({ method: 'GET', url: '/v1/orders/7' })).json();
    expect(fromB.order.status).toBe('policy_created');
    expect(fromA).toEqual(fromB);
    const state = (await a.request({ method: 'GET', url: '/__admin/state' })).json();
    expect(state.grow.pending_policies).toEqual([]);
  });

  it('resets a sandbox for every replica, and every sandbox without a token', async () => {
    const { a, b } = await replicas({ battleface: [battlefaceOrder()] });
    await approve(a);
    await b.request({ method: 'POST', url: '/__admin/reset' });
    expect((await read(a)).json().data.status).toBe('Pending');
    await approve(a);
    await b.request({ method: 'POST', url: '/__admin/reset', token: null });
    expect((await read(a)).json().data.status).toBe('Pending');
  });

  it('shares the journal: either replica lists every request of the token', async () => {
    const { a, b } = await replicas({ battleface: [battlefaceOrder()] });
    await read(a);
    await read(b);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const listed = (await a.request({ method: 'GET', url: '/__admin/requests' })).json().requests;
    expect(listed.map((entry: { path: string }) => entry.path)).toEqual([
      `/api/partner/orders/${ORDER}`,
      `/api/partner/orders/${ORDER}`,
    ]);
  });

  it('lists, loads and deletes a scenario saved on another replica', async () => {
    const { a, b } = await replicas({ battleface: [battlefaceOrder()] });
    await approve(a);
    const saved = await a.request({
      method: 'PUT',
      url: '/__admin/scenarios/approved',
      payload: { description: 'One approved order' },
    });
    expect(saved.statusCode).toBe(201);
    const listed = (await b.request({ method: 'GET', url: '/__admin/scenarios', token: null })).json()
      .scenarios;
    expect(listed.filter((scenario: { source: string }) => scenario.source === 'saved')).toEqual([
      { name: 'approved', description: 'One approved order', source: 'saved' },
    ]);
    const loaded = await b.request({
      method: 'POST',
      url: '/__admin/scenarios/approved/load',
      token: 'another',
    });
    expect(loaded.statusCode).toBe(200);
    expect((await read(a)).json().data.status).toBe('Approved');
    const otherToken = await a.request({
      method: 'GET',
      url: `/api/partner/orders/${ORDER}`,
      token: 'another',
    });
    expect(otherToken.json().data.status).toBe('Approved');
    expect(
      (await b.request({ method: 'DELETE', url: '/__admin/scenarios/approved', token: null })).statusCode,
    ).toBe(204);
    expect(
      (await a.request({ method: 'GET', url: '/__admin/scenarios/approved', token: null })).statusCode,
    ).toBe(404);
  });

  it('rotates a key for every replica: the new token sees the sandbox, the old one gets each partner 401 everywhere', async () => {
    const { a, b } = await replicas({ battleface: [battlefaceOrder()], config: { tokens: ['test-token'] } });
    await approve(a);
    const rotated = await a.request({
      method: 'POST',
      url: '/__admin/token/rotate',
      payload: { token: 'next-key' },
    });
    expect(rotated.json()).toEqual({ token: 'next-key' });
    // b never saw the rotation, and next-key is not in its SIM_TOKENS: the store tells it.
    const onB = await b.request({ method: 'GET', url: `/api/partner/orders/${ORDER}`, token: 'next-key' });
    expect(onB.json().data.status).toBe('Approved');
    const old = await b.request({ method: 'GET', url: `/api/partner/orders/${ORDER}`, unchecked: true });
    expect(old.statusCode).toBe(401);
    const oldAdmin = await b.request({ method: 'GET', url: '/__admin/state' });
    expect(oldAdmin.statusCode).toBe(401);
    expect(oldAdmin.json().error).toBe(
      'This token was rotated away (POST /__admin/token/rotate): use the token it was rotated to.',
    );
    const again = await b.request({
      method: 'POST',
      url: '/__admin/token/rotate',
      token: 'next-key',
      payload: { token: 'test-token' },
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('a client that leaves while its request waits for the sandbox', () => {
  it('leaves the token free for the next request (its turn and lease go back)', async () => {
    const clock = new ManualClock();
    const sim = await testApp({
      battleface: [battlefaceOrder()],
      clock,
      deps: { store: new MemoryStore(clock) },
    });
    const address = await sim.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `${address}/api/partner/orders/${ORDER}`;
    const headers = { authorization: 'Bearer test-token', accept: 'application/json' };
    // The first request holds the sandbox for 300 ms (a fault delay); five more queue behind it and give up.
    const slow = fetch(url, { headers: { ...headers, 'x-sim-delay-ms': '300' } });
    const leaving = Array.from({ length: 5 }, () => {
      const controller = new AbortController();
      const request = fetch(`${url}/payment/status`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'Approved' }),
        signal: controller.signal,
      }).catch(() => 'aborted');
      setTimeout(() => controller.abort(), 50);
      return request;
    });
    expect(await Promise.all(leaving)).toEqual(Array(5).fill('aborted'));
    expect((await slow).status).toBe(200);
    const next = await Promise.race([
      fetch(url, { headers }).then((response) => response.status),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2000)),
    ]);
    expect(next).toBe(200);
  });
});
