import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { growOrder } from '../support/grow-orders.js';

describe('/__admin/token/rotate', () => {
  it('moves the sandbox to the new token; the old one gets each partner 401 from then on', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order], grow: [growOrder()] });
    await sim.request({ token: 'old-key', method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });

    const rotated = await sim.request({
      token: 'old-key',
      method: 'POST',
      url: '/__admin/token/rotate',
      payload: { token: 'new-key' },
    });
    const grow = await sim.request({ token: 'old-key', method: 'GET', url: '/v1/orders/10' });
    const battleface = await sim.request({
      token: 'old-key',
      method: 'GET',
      url: `/api/partner/orders/${order.order_number}`,
    });
    const seen = await sim.request({ token: 'new-key', method: 'GET', url: '/v1/orders/10' });
    const generated = await sim.request({ token: 'new-key', method: 'POST', url: '/__admin/token/rotate' });
    const reuse = await sim.request({
      token: generated.json().token,
      method: 'POST',
      url: '/__admin/token/rotate',
      payload: { token: 'old-key' },
    });

    expect(rotated.json()).toEqual({ token: 'new-key' });
    expect([grow.statusCode, grow.json()]).toEqual([401, { message: 'Unauthenticated.' }]);
    expect([battleface.statusCode, battleface.json()]).toEqual([
      401,
      { error: 'Expired or Invalid JWT Token.' },
    ]);
    expect(seen.json().order.status).toBe('paid');
    expect(generated.json().token).toMatch(/^sim_[0-9a-f]{32}$/);
    expect([reuse.statusCode, reuse.json()]).toEqual([
      409,
      { error: 'This token is already in use (or was rotated away): choose another.' },
    ]);
  });
});
