import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.js';
import { battlefaceOrder } from '../../support/battleface-orders.js';

const UNAUTHENTICATED = '{"error":"Expired or Invalid JWT Token."}';

describe('battleface authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer token', 'Bearer '],
    ['a bare token', 'abc'],
    ['a token with a space inside', 'Bearer two words'],
  ])('answers 401 for %s, before reading the body', async (_name, authorization) => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });

    const response = await sim.request({
      token: null,
      method: 'POST',
      url: `/api/partner/orders/${order.order_number}/payment/status`,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      payload: 'not json',
    });

    expect(response.statusCode).toBe(401);
    expect(response.body).toBe(UNAUTHENTICATED);
  });

  it('accepts the scheme in any case', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });

    const response = await sim.request({
      token: null,
      method: 'GET',
      url: `/api/partner/orders/${order.order_number}`,
      headers: { authorization: 'bearer lower-case-scheme' },
    });

    expect(response.statusCode).toBe(200);
  });

  it('accepts only the SIM_TOKENS tokens when they are set', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order], config: { tokens: ['ci-1', 'ci-2'] } });
    const get = (token: string) =>
      sim.request({ token, method: 'GET', url: `/api/partner/orders/${order.order_number}` });

    expect((await get('ci-1')).statusCode).toBe(200);
    expect((await get('ci-2')).statusCode).toBe(200);
    const other = await get('ci-3');
    expect(other.statusCode).toBe(401);
    expect(other.body).toBe(UNAUTHENTICATED);
  });

  it('answers an unknown route with the partner envelope, token or not', async () => {
    const sim = await testApp();

    const response = await sim.request({ token: null, method: 'GET', url: '/api/partner/nope?x=1' });

    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('{"error":"Route not found: GET /api/partner/nope."}');
  });
});
