import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/lib/version.js';
import { storesOf, testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { growOrder } from '../support/grow-orders.js';

describe('GET /__admin/health', () => {
  it('reports readiness, version, uptime and sandboxes', async () => {
    const sim = await testApp();
    sim.app.sandboxes.get('a');
    sim.clock.advance(1500);

    const response = await sim.request({ token: null, method: 'GET', url: '/__admin/health' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      version: VERSION,
      uptime_s: 1.5,
      sandboxes: 1,
      memory: { bytes: 4096, limit: 192 * 1024 * 1024, sandbox_limit: 8 * 1024 * 1024 },
      evictions: { sandbox_limit: 0, memory_budget: 0, idle: 0 },
      store: { kind: 'memory', available: true },
    });
  });
});

describe('SIM_ADMIN_TOKEN', () => {
  it.each([
    ['POST', '/%5F%5Fadmin/reset'],
    ['POST', '/%5f_admin/reset?all=1'],
    ['GET', '/__admin/%72equests'],
    ['GET', 'http://x/__admin/requests'],
  ])('decides on the route the router matched, not the URL text: %s %s', async (method, url) => {
    const sim = await testApp({ config: { adminToken: 's3cret' } });
    sim.app.sandboxes.get('someone');

    const response = await sim.request({ token: null, method: method as 'GET', url, unchecked: true });

    expect([response.statusCode, response.json()]).toEqual([
      401,
      { error: 'Missing or wrong X-Admin-Token: this simulator sets SIM_ADMIN_TOKEN.' },
    ]);
    expect(sim.app.sandboxes.size).toBe(1);
  });

  it('guards every admin call but health and the documents', async () => {
    const sim = await testApp({ config: { adminToken: 's3cret' } });

    const denied = await sim.request({ method: 'GET', url: '/__admin/state' });
    const wrong = await sim.request({
      method: 'GET',
      url: '/__admin/state',
      headers: { 'x-admin-token': 'nope' },
    });
    const allowed = await sim.request({
      method: 'GET',
      url: '/__admin/state',
      headers: { 'x-admin-token': 's3cret' },
    });
    const health = await sim.request({ token: null, method: 'GET', url: '/__admin/health' });
    const doc = await sim.request({ token: null, method: 'GET', url: '/__admin/openapi/admin.json' });

    expect(denied.statusCode).toBe(401);
    expect(denied.json()).toEqual({
      error: 'Missing or wrong X-Admin-Token: this simulator sets SIM_ADMIN_TOKEN.',
    });
    expect(wrong.statusCode).toBe(401);
    expect(allowed.statusCode).toBe(200);
    expect(health.statusCode).toBe(200);
    expect(doc.statusCode).toBe(200);
  });

  it('leaves partner routes to their own tokens', async () => {
    const sim = await testApp({ grow: [growOrder()], config: { adminToken: 's3cret' } });

    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).statusCode).toBe(200);
  });
});

describe('admin addressing', () => {
  it('asks for a bearer token where the call acts on one sandbox', async () => {
    const sim = await testApp();

    const response = await sim.request({ token: null, method: 'GET', url: '/__admin/clock' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error:
        'This call acts on one sandbox: send Authorization: Bearer <token>, the token your partner requests use.',
    });
  });

  it('rejects a malformed Authorization header and a token outside SIM_TOKENS', async () => {
    const sim = await testApp({ config: { tokens: ['ci'] } });

    const malformed = await sim.request({
      token: null,
      method: 'GET',
      url: '/__admin/clock',
      headers: { authorization: 'Basic x' },
    });
    const refused = await sim.request({ token: 'other', method: 'GET', url: '/__admin/clock' });

    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual({
      error: 'The Authorization header must be "Bearer <token>", the token of the sandbox to act on.',
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ error: 'This token is not accepted: it is not in SIM_TOKENS.' });
  });
});

describe('POST /__admin/reset', () => {
  async function approvedIn(token: string, sim: Awaited<ReturnType<typeof testApp>>, orderNumber: string) {
    await sim.request({
      token,
      method: 'POST',
      url: `/api/partner/orders/${orderNumber}/payment/status`,
      payload: { status: 'Approved' },
    });
  }
  const statusIn = async (token: string, sim: Awaited<ReturnType<typeof testApp>>, orderNumber: string) =>
    (await sim.request({ token, method: 'GET', url: `/api/partner/orders/${orderNumber}` })).json().data
      .status;

  it("puts the token's sandbox back to the fixtures, and only that one", async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });
    await approvedIn('a', sim, order.order_number);
    await approvedIn('b', sim, order.order_number);

    const response = await sim.request({ token: 'a', method: 'POST', url: '/__admin/reset' });

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(await statusIn('a', sim, order.order_number)).toBe('Pending');
    expect(await statusIn('b', sim, order.order_number)).toBe('Approved');
    expect(storesOf(sim.app, 'a').battleface.emails.all()).toEqual([]);
  });

  it('without a token puts every sandbox back', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });
    await approvedIn('a', sim, order.order_number);
    await approvedIn('b', sim, order.order_number);

    expect((await sim.request({ token: null, method: 'POST', url: '/__admin/reset' })).statusCode).toBe(204);

    expect(await statusIn('a', sim, order.order_number)).toBe('Pending');
    expect(await statusIn('b', sim, order.order_number)).toBe('Pending');
  });

  it('forgets scheduled work: a policy due before the reset is not issued after it', async () => {
    const sim = await testApp({ grow: [growOrder()] });
    await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });

    await sim.request({ method: 'POST', url: '/__admin/reset' });
    sim.clock.advance(10_000);

    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).json().order.status).toBe('pending');
    expect(sim.clock.pendingTimers).toBe(0);
  });
});
