import { describe, expect, it } from 'vitest';
import type { Order } from '../../../src/partners/grow/schemas/orders.js';
import { storesOf, testApp } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { growOrder } from '../../support/grow-orders.js';

const PAID_AT = '2024-05-01T12:00:00.000000Z';

describe('Grow policy issuance', () => {
  it('issues the policy of an authorized order after SIM_GROW_POLICY_DELAY_MS of sandbox time, without a request', async () => {
    const pending = growOrder();
    const sim = await testApp({ grow: [pending], config: { growPolicyDelayMs: 2000 } });
    const store = () => storesOf(sim.app, 'test-token').grow;
    await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: pending.id } });

    sim.clock.advance(1999);
    expect(store().orders.find(pending.id)?.status).toBe('paid');

    sim.clock.advance(1);
    const issued: Order = {
      ...pending,
      status: 'policy_created',
      payment_made_at: PAID_AT,
      policy: {
        id: 1,
        number: 'AXA-GIT-2024-000001',
        start_date: '2024-05-10T00:00:00.000000Z',
        end_date: '2025-05-10T00:00:00.000000Z',
        status: 'active',
        document_url: 'http://localhost:80/api/v1/policies/1/doc',
      },
    };
    expect(store().orders.find(pending.id)).toEqual(issued);
    expect((await sim.request({ method: 'GET', url: `/v1/orders/${pending.id}` })).json()).toEqual({
      order: issued,
    });
  });

  it('numbers policies after the fixtures and covers a year, a monthly one too', async () => {
    const withPolicy = growOrder({
      id: 1,
      status: 'policy_created',
      payment_made_at: PAID_AT,
      policy: {
        id: 41,
        number: 'X',
        start_date: PAID_AT,
        end_date: PAID_AT,
        status: 'active',
        document_url: 'http://x/api/v1/policies/41/doc',
      },
    });
    const monthly = growOrder({ id: 2, product: { ...growOrder().product, premium_frequency: 'monthly' } });
    const sim = await testApp({ grow: [withPolicy, monthly], config: { growPolicyDelayMs: 0 } });

    await sim.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      headers: { host: 'sim.example:4010' },
      payload: { id: 2 },
    });

    expect(storesOf(sim.app, 'test-token').grow.orders.find(2)?.policy).toEqual({
      id: 42,
      number: 'AXA-GIT-2024-000042',
      start_date: '2024-05-10T00:00:00.000000Z',
      end_date: '2025-05-10T00:00:00.000000Z',
      status: 'active',
      document_url: 'http://sim.example:4010/api/v1/policies/42/doc',
    });
  });

  it('issues no policy for an order cancelled before the insurer got to it', async () => {
    const pending = growOrder();
    const sim = await testApp({ grow: [pending] });
    await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: pending.id } });
    await sim.request({ method: 'POST', url: `/v1/orders/${pending.id}/cancel` });

    sim.clock.advance(5000);

    expect(storesOf(sim.app, 'test-token').grow.orders.find(pending.id)).toEqual({
      ...pending,
      status: 'cancelled',
      payment_made_at: PAID_AT,
    });
  });
});

describe('GET /v1/orders/{id}', () => {
  it('returns the order', async () => {
    const order = growOrder();
    const sim = await testApp({ grow: [order] });

    const response = await sim.request({ method: 'GET', url: '/api/v1/orders/10' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ order });
  });

  it.each(['999', 'abc', '1.5', '-1', '%20', '9'.repeat(40)])('answers 404 for id %s', async (id) => {
    const sim = await testApp({ grow: [growOrder()] });

    const response = await sim.request({ method: 'GET', url: `/v1/orders/${id}` });

    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('{"message":"Order not found"}');
  });
});

describe('POST /v1/orders/{id}/cancel', () => {
  it.each<[string, Partial<Order>]>([
    ['pending', {}],
    ['paid', { status: 'paid', payment_made_at: PAID_AT }],
  ])('cancels a %s order', async (_status, overrides) => {
    const order = growOrder(overrides);
    const sim = await testApp({ grow: [order] });

    const response = await sim.request({
      method: 'POST',
      url: `/v1/orders/${order.id}/cancel`,
      payload: { reason: 'Customer changed their mind' },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ order: { ...order, status: 'cancelled' } });
  });

  it('accepts a bodiless request, with or without a JSON content type', async () => {
    const sim = await testApp({ grow: [growOrder({ id: 1 }), growOrder({ id: 2 })] });

    const bare = await sim.request({ method: 'POST', url: '/v1/orders/1/cancel' });
    const typed = await sim.request({
      method: 'POST',
      url: '/v1/orders/2/cancel',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });

    expect([bare.statusCode, typed.statusCode]).toEqual([200, 200]);
  });

  it.each<[string, Partial<Order>, string]>([
    [
      'with a policy',
      { status: 'policy_created', payment_made_at: PAID_AT },
      'Order 10 cannot be cancelled: its policy has already been issued.',
    ],
    ['already cancelled', { status: 'cancelled' }, 'Order 10 is already cancelled.'],
  ])('refuses an order %s with 422', async (_name, overrides, message) => {
    const order = growOrder(overrides);
    const sim = await testApp({ grow: [order] });

    const response = await sim.request({ method: 'POST', url: '/v1/orders/10/cancel' });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ message, errors: { id: [message] } });
    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).json()).toEqual({ order });
  });

  it('answers 404 for an unknown order', async () => {
    const sim = await testApp();

    const response = await sim.request({ method: 'POST', url: '/v1/orders/77/cancel' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: 'Order not found' });
  });

  it('validates the reason', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const response = await sim.request({
      method: 'POST',
      url: '/v1/orders/10/cancel',
      payload: { reason: 5 },
    });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({
      message: 'The given data was invalid',
      errors: { reason: ['The reason must be a string.'] },
    });
  });
});

describe('Grow errors', () => {
  it.each([
    ['no Authorization header', {}],
    ['another scheme', { authorization: 'Token abc' }],
    ['an empty token', { authorization: 'Bearer' }],
  ])('answers 401 for %s', async (_name, headers) => {
    const sim = await testApp({ grow: [growOrder()] });

    const response = await sim.request({
      token: null,
      method: 'POST',
      url: '/v1/orders/authorize',
      headers,
      payload: {},
    });

    expect(response.statusCode).toBe(401);
    expect(response.body).toBe('{"message":"Unauthenticated."}');
  });

  it('answers 401 for a token outside SIM_TOKENS', async () => {
    const sim = await testApp({ grow: [growOrder()], config: { tokens: ['only'] } });

    const response = await sim.request({ token: 'other', method: 'GET', url: '/api/v1/orders/10' });

    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ message: 'Unauthenticated.' });
  });

  it("answers an unknown route in Laravel's words", async () => {
    const sim = await testApp();

    const response = await sim.request({ method: 'GET', url: '/api/v1/nothing/here?page=2' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: 'The route api/v1/nothing/here could not be found.' });
  });

  it('answers an unexpected failure with Server Error and no details', async () => {
    class BrokenClock extends ManualClock {
      broken = false;
      override now(): number {
        if (this.broken) throw new Error('clock exploded');
        return super.now();
      }
    }
    const clock = new BrokenClock();
    const sim = await testApp({ grow: [growOrder()], clock });
    sim.app.sandboxes.get('test-token');
    clock.broken = true;

    const response = await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });

    expect(response.statusCode).toBe(500);
    expect(response.body).toBe('{"message":"Server Error"}');
    clock.broken = false;
    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).json().order.status).toBe('pending');
  });
});
