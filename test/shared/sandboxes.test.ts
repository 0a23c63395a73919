import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
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
    expect(sim.app.sandboxes.get('bob').stores.battleface.documents).toEqual([]);
  });

  it('refuses a new token past SIM_MAX_SANDBOXES with 503, keeping the existing sandboxes', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order], config: { maxSandboxes: 2 } });
    const url = `/api/partner/orders/${order.order_number}`;
    await sim.request({
      token: 'one',
      method: 'POST',
      url: `${url}/payment/status`,
      payload: { status: 'Approved' },
    });
    await sim.request({ token: 'two', method: 'GET', url });

    const third = await sim.request({ token: 'three', method: 'GET', url });

    expect(third.statusCode).toBe(503);
    expect(third.json()).toEqual({
      error:
        'Sandbox limit reached: this simulator already holds 2 sandboxes (SIM_MAX_SANDBOXES). ' +
        'Reuse a token you already use, or restart the simulator with a higher SIM_MAX_SANDBOXES.',
    });
    expect((await sim.request({ token: 'one', method: 'GET', url })).json().data.status).toBe('Approved');
    expect(sim.app.sandboxes.size).toBe(2);
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

    expect(sim.app.sandboxes.get('x').stores.battleface.snapshot()).toEqual({
      orders: [order],
      documents: [],
      emails: [],
      next_file_id: 11250,
    });
  });

  it('shares the parsed fixtures between sandboxes instead of copying them', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });

    const a = sim.app.sandboxes.get('a').stores.battleface.find(order.order_number);
    const b = sim.app.sandboxes.get('b').stores.battleface.find(order.order_number);

    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
