import { describe, expect, it } from 'vitest';
import { battlefaceRecords } from '../../src/partners/battleface/records.js';
import { storesOf, testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';

describe('sandboxes', () => {
  it('keeps what one token changes invisible to another', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });
    const url = `/api/partner/orders/${order.order_number}`;

    await sim.request({
      token: 'alice',
      method: 'POST',
      url: `${url}/payment/status`,
      payload: { status: 'Approved' },
    });

    expect((await sim.request({ token: 'alice', method: 'GET', url })).json().data.status).toBe('Approved');
    expect((await sim.request({ token: 'bob', method: 'GET', url })).json()).toEqual({ data: order });
    expect(storesOf(sim.app, 'bob').battleface.documents.all()).toEqual([]);
  });

  it('evicts the least recently used idle sandbox past SIM_MAX_SANDBOXES, and counts it', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order], config: { maxSandboxes: 2 } });
    const url = `/api/partner/orders/${order.order_number}`;
    const approve = (token: string) =>
      sim.request({ token, method: 'POST', url: `${url}/payment/status`, payload: { status: 'Approved' } });
    await approve('one');
    await approve('two');
    // "one" is used again, so "two" is now the least recently used.
    await sim.request({ token: 'one', method: 'GET', url });

    const third = await sim.request({ token: 'three', method: 'GET', url });

    expect(third.statusCode).toBe(200);
    expect([...sim.app.sandboxes.all()].map((sandbox) => sandbox.token)).toEqual(['one', 'three']);
    expect((await sim.request({ token: 'one', method: 'GET', url })).json().data.status).toBe('Approved');
    const health = await sim.request({ token: null, method: 'GET', url: '/__admin/health' });
    expect(health.json().evictions).toEqual({ sandbox_limit: 1, memory_budget: 0, idle: 0 });
  });

  it('answers 503 for a new token only while every sandbox is serving a request', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order], config: { maxSandboxes: 1 } });
    const url = `/api/partner/orders/${order.order_number}`;
    await sim.request({ token: 'busy', method: 'GET', url });
    sim.app.sandboxes.get('busy').inFlight++;

    const refused = await sim.request({ token: 'new', method: 'GET', url });

    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toEqual({
      error:
        'Sandbox limit reached: this simulator holds 1 sandboxes (SIM_MAX_SANDBOXES) and every one is serving a request. ' +
        'Retry shortly, reuse a token you already use, or raise SIM_MAX_SANDBOXES.',
    });
    sim.app.sandboxes.get('busy').inFlight--;
    expect((await sim.request({ token: 'new', method: 'GET', url })).statusCode).toBe(200);
  });

  it('drops a sandbox left idle for SIM_SANDBOX_IDLE_TTL', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order], config: { sandboxIdleTtlMs: 60_000 } });
    const url = `/api/partner/orders/${order.order_number}`;
    await sim.request({ token: 'old', method: 'GET', url });
    sim.clock.advance(30_000);
    await sim.request({ token: 'recent', method: 'GET', url });
    sim.clock.advance(31_000);

    await sim.request({ token: 'recent', method: 'GET', url });

    expect([...sim.app.sandboxes.all()].map((sandbox) => sandbox.token)).toEqual(['recent']);
    const health = await sim.request({ token: null, method: 'GET', url: '/__admin/health' });
    expect(health.json().evictions).toEqual({ sandbox_limit: 0, memory_budget: 0, idle: 1 });
  });

  it('changes nothing for a rejected request', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });

    await sim.request({
      token: 'x',
      method: 'POST',
      url: `/api/partner/orders/${order.order_number}/payment/status`,
      payload: {},
    });

    expect(battlefaceRecords.snapshot(storesOf(sim.app, 'x').battleface)).toEqual({
      orders: [order],
      documents: [],
      emails: [],
      next_file_id: 11250,
      quotes: [],
      payments: [],
      next_client_id: 123,
      claims: [],
    });
  });

  it('shares the parsed fixtures between sandboxes instead of copying them', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });

    const a = storesOf(sim.app, 'a').battleface.orders.find(order.order_number);
    const b = storesOf(sim.app, 'b').battleface.orders.find(order.order_number);

    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
