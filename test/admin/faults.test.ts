import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { battlefaceSeed } from '../../src/partners/battleface/fixtures.js';
import { growSeed } from '../../src/partners/grow/fixtures.js';
import { testApp, testConfig } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { growOrder } from '../support/grow-orders.js';

const approvePath = (orderNumber: string) => `/api/partner/orders/${orderNumber}/payment/status`;

describe('/__admin/faults', () => {
  it('adds a rule (201), lists it with its remaining count, and an error fault changes no state', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });

    const created = await sim.request({
      method: 'POST',
      url: '/__admin/faults',
      payload: {
        match: { partner: 'battleface', method: 'post', order: order.order_number },
        action: { status: 500 },
        times: 1,
      },
    });

    expect(created.statusCode).toBe(201);
    const rule = {
      id: 'id1',
      match: { partner: 'battleface', method: 'POST', order: order.order_number },
      action: { status: 500 },
      times: 1,
      remaining: 1,
      probability: 1,
      fired: 0,
    };
    expect(created.json()).toEqual(rule);

    const failed = await sim.request({
      method: 'POST',
      url: approvePath(order.order_number),
      payload: { status: 'Approved' },
    });
    expect(failed.statusCode).toBe(500);
    expect(failed.body).toBe('{"error":"Internal server error."}');
    expect(
      (await sim.request({ method: 'GET', url: `/api/partner/orders/${order.order_number}` })).json(),
    ).toEqual({
      data: order,
    });
    expect((await sim.request({ method: 'GET', url: '/__admin/faults' })).json()).toEqual({
      faults: [{ ...rule, remaining: 0, fired: 1 }],
    });

    const retried = await sim.request({
      method: 'POST',
      url: approvePath(order.order_number),
      payload: { status: 'Approved' },
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().data.status).toBe('Approved');
  });

  it('answers in the partner envelope by default, or with the body given', async () => {
    const sim = await testApp({ grow: [growOrder()] });
    await sim.request({
      method: 'POST',
      url: '/__admin/faults',
      payload: { match: { path: '/v1/orders/*' }, action: { status: 503 }, times: 1 },
    });
    await sim.request({
      method: 'POST',
      url: '/__admin/faults',
      payload: {
        match: { path: '/v1/orders/*' },
        action: { status: 429, body: { message: 'Too Many Attempts.' } },
        times: 1,
      },
    });

    const first = await sim.request({ method: 'GET', url: '/v1/orders/10', unchecked: true });
    const second = await sim.request({ method: 'GET', url: '/v1/orders/10', unchecked: true });
    const third = await sim.request({ method: 'GET', url: '/v1/orders/10' });

    expect([first.statusCode, first.body]).toEqual([503, '{"message":"Service Unavailable"}']);
    expect([second.statusCode, second.body]).toEqual([429, '{"message":"Too Many Attempts."}']);
    expect(third.statusCode).toBe(200);
  });

  it('answers a broken body for malformed_body, and matches wildcard paths only', async () => {
    const sim = await testApp({ grow: [growOrder()] });
    await sim.request({
      method: 'POST',
      url: '/__admin/faults',
      payload: { match: { path: '/api/v1/*' }, action: { malformed_body: true } },
    });

    const broken = await sim.request({ method: 'GET', url: '/api/v1/orders/10', unchecked: true });
    const fine = await sim.request({ method: 'GET', url: '/v1/orders/10' });

    expect(broken.statusCode).toBe(200);
    // Grow answers as Laravel does: no charset (README, "Laravel wire").
    expect(broken.headers['content-type']).toBe('application/json');
    expect(broken.body).toBe('{"order":{"id":');
    expect(() => JSON.parse(broken.body)).toThrow();
    expect(fine.statusCode).toBe(200);
  });

  it('delays by delay_ms and then answers normally', async () => {
    const sim = await testApp({ grow: [growOrder()] });
    await sim.request({ method: 'POST', url: '/__admin/faults', payload: { action: { delay_ms: 40 } } });

    const started = performance.now();
    const response = await sim.request({ method: 'GET', url: '/v1/orders/10' });

    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(response.statusCode).toBe(200);
  });

  it('fires with the given probability, from the sandbox random stream', async () => {
    // The rule takes test id 1; the coin flips that follow run 0.5, 0.7, 0.9, 0.1, 0.3.
    const sim = await testApp({ grow: [growOrder()] });
    await sim.request({
      method: 'POST',
      url: '/__admin/faults',
      payload: { action: { status: 500 }, probability: 0.6 },
    });

    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await sim.request({ method: 'GET', url: '/v1/orders/10' })).statusCode);

    expect(statuses).toEqual([500, 200, 200, 500, 500]);
  });

  it('deletes one rule or all, and answers 404 for an unknown one', async () => {
    const sim = await testApp();
    const { id } = (
      await sim.request({ method: 'POST', url: '/__admin/faults', payload: { action: { status: 500 } } })
    ).json();
    await sim.request({ method: 'POST', url: '/__admin/faults', payload: { action: { status: 502 } } });

    expect((await sim.request({ method: 'DELETE', url: `/__admin/faults/${id}` })).statusCode).toBe(204);
    const missing = await sim.request({ method: 'DELETE', url: `/__admin/faults/${id}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: `No fault rule ${id} in this sandbox.` });
    expect((await sim.request({ method: 'GET', url: '/__admin/faults' })).json().faults).toHaveLength(1);
    expect((await sim.request({ method: 'DELETE', url: '/__admin/faults' })).statusCode).toBe(204);
    expect((await sim.request({ method: 'GET', url: '/__admin/faults' })).json()).toEqual({ faults: [] });
  });

  it('rejects an invalid rule listing the issues', async () => {
    const sim = await testApp();

    const response = await sim.request({
      method: 'POST',
      url: '/__admin/faults',
      payload: { match: { partner: 'acme' }, action: { status: 500 }, probability: 2 },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'Invalid input.',
      issues: [
        'match.partner: Invalid option: expected one of "battleface"|"grow"',
        'probability: Too big: expected number to be <=1',
      ],
    });
  });

  it('stays in its sandbox', async () => {
    const sim = await testApp({ grow: [growOrder()] });
    await sim.request({
      token: 'a',
      method: 'POST',
      url: '/__admin/faults',
      payload: { action: { status: 500 } },
    });

    expect((await sim.request({ token: 'b', method: 'GET', url: '/v1/orders/10' })).statusCode).toBe(200);
  });

  it('drops the connection for reset_connection', async () => {
    const app = await buildApp(testConfig(), {
      seeds: {
        battleface: battlefaceSeed([]),
        grow: growSeed([{ order: growOrder() }]),
      },
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      await app.inject({
        method: 'POST',
        url: '/__admin/faults',
        headers: { authorization: 'Bearer t' },
        payload: { action: { reset_connection: true }, times: 1 },
      });
      const request = fetch(`${base}/v1/orders/10`, { headers: { authorization: 'Bearer t' } });
      await expect(request).rejects.toThrow();
      const after = await fetch(`${base}/v1/orders/10`, { headers: { authorization: 'Bearer t' } });
      expect(after.status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('X-Sim-* request headers', () => {
  it('X-Sim-Status answers that status in the partner envelope without touching state', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order], grow: [growOrder()] });

    const bf = await sim.request({
      method: 'POST',
      url: approvePath(order.order_number),
      headers: { 'x-sim-status': '502' },
      payload: { status: 'Approved' },
      unchecked: true,
    });
    const grow = await sim.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      headers: { 'x-sim-status': '500' },
      payload: { id: 10 },
    });

    expect([bf.statusCode, bf.body]).toEqual([502, '{"error":"Bad Gateway."}']);
    expect([grow.statusCode, grow.body]).toEqual([500, '{"message":"Server Error"}']);
    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).json().order.status).toBe('pending');
    expect(
      (await sim.request({ method: 'GET', url: `/api/partner/orders/${order.order_number}` })).json().data
        .status,
    ).toBe('Pending');
  });

  it('X-Sim-Delay-Ms delays the real answer', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const started = performance.now();
    const response = await sim.request({
      method: 'GET',
      url: '/v1/orders/10',
      headers: { 'x-sim-delay-ms': '30' },
    });

    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(response.statusCode).toBe(200);
  });

  it('rejects unusable values with a 400 saying what they accept', async () => {
    const sim = await testApp();

    const status = await sim.request({
      method: 'GET',
      url: '/v1/orders/10',
      headers: { 'x-sim-status': '200' },
    });
    const delay = await sim.request({
      method: 'GET',
      url: '/api/partner/orders/X',
      headers: { 'x-sim-delay-ms': 'soon' },
    });

    expect([status.statusCode, status.json()]).toEqual([
      400,
      { message: 'X-Sim-Status must be an HTTP error status from 400 to 599.' },
    ]);
    expect([delay.statusCode, delay.json()]).toEqual([
      400,
      { error: 'X-Sim-Delay-Ms must be a whole number of milliseconds from 0 to 60000.' },
    ]);
  });
});
