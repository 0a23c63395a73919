import { describe, expect, it } from 'vitest';
import type { Order } from '../../../src/partners/grow/schemas/orders.js';
import { type TestApp, testApp } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { growOrder } from '../../support/grow-orders.js';

// ManualClock starts at 2024-05-01T12:00:00.000Z.
const NOW_MICROS = '2024-05-01T12:00:00.000000Z';
const ID_INVALID = { message: 'The given data was invalid', errors: { id: ['The ID is invalid'] } };

function authorize(sim: TestApp, body: unknown, prefix = '/v1') {
  return sim.request({ method: 'POST', url: `${prefix}/orders/authorize`, payload: body as object });
}

function getOrder(sim: TestApp, id: number) {
  return sim.request({ method: 'GET', url: `/v1/orders/${id}` });
}

describe('POST /v1/orders/authorize', () => {
  it('marks a pending order paid now', async () => {
    const pending = growOrder();
    const sim = await testApp({ grow: [pending] });

    const response = await authorize(sim, { id: pending.id });

    expect(response.statusCode).toBe(200);
    const paid: Order = { ...pending, status: 'paid', payment_made_at: NOW_MICROS };
    expect(response.json()).toEqual({ order: paid });
    expect((await getOrder(sim, pending.id)).json()).toEqual({ order: paid });
  });

  it('stamps payment_made_at with second precision, as Laravel stores timestamps', async () => {
    const sim = await testApp({ grow: [growOrder()], clock: new ManualClock('2024-05-01T12:00:07.654Z') });

    const response = await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });

    expect(response.json().order.payment_made_at).toBe('2024-05-01T12:00:07.000000Z');
  });

  it('is served under /api/v1 too, on the same sandbox', async () => {
    const pending = growOrder();
    const sim = await testApp({ grow: [pending] });

    expect((await authorize(sim, { id: pending.id }, '/api/v1')).statusCode).toBe(200);
    expect((await authorize(sim, { id: pending.id }, '/v1')).json()).toEqual(ID_INVALID);
    expect(
      (await sim.request({ method: 'GET', url: `/api/v1/orders/${pending.id}` })).json().order.status,
    ).toBe('paid');
  });

  it.each<[string, Partial<Order>]>([
    ['paid', { status: 'paid', payment_made_at: '2024-05-01T11:30:00.000000Z' }],
    ['policy_created', { status: 'policy_created', payment_made_at: '2024-05-01T11:30:00.000000Z' }],
    ['cancelled', { status: 'cancelled' }],
  ])('answers the documented 422 for a %s order and leaves it alone', async (_status, overrides) => {
    const order = growOrder(overrides);
    const sim = await testApp({ grow: [order] });

    const response = await authorize(sim, { id: order.id });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual(ID_INVALID);
    expect((await getOrder(sim, order.id)).json()).toEqual({ order });
  });

  it('answers the documented 422 for an unknown id', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const response = await authorize(sim, { id: 999 });

    expect(response.statusCode).toBe(422);
    expect(response.body).toBe(
      '{"message":"The given data was invalid","errors":{"id":["The ID is invalid"]}}',
    );
  });

  describe('validates the body in Laravel style, changing nothing', () => {
    const required = { message: 'The given data was invalid', errors: { id: ['The id field is required.'] } };
    const notInteger = {
      message: 'The given data was invalid',
      errors: { id: ['The id must be an integer.'] },
    };
    const bodyMessage = (message: string) => ({ message, errors: { body: [message] } });
    const notObject = bodyMessage('The request body must be a JSON object like {"id": 2}.');
    const badJson = bodyMessage('The request body must be valid JSON (send Content-Type: application/json).');

    it.each<[string, string, string | undefined, object]>([
      ['id missing', '{}', undefined, required],
      ['id null', '{"id":null}', undefined, required],
      ['id a string with leading zero', '{"id":"010"}', undefined, notInteger],
      ['id a fraction string', '{"id":"10.0"}', undefined, notInteger],
      ['id a fraction', '{"id":1.5}', undefined, notInteger],
      ['id true', '{"id":true}', undefined, notInteger],
      ['id an object', '{"id":{"id":10}}', undefined, notInteger],
      ['id an array', '{"id":[10]}', undefined, notInteger],
      ['a JSON array', '[10]', undefined, notObject],
      ['a JSON number', '10', undefined, notObject],
      ['an empty body', '', undefined, notObject],
      ['invalid JSON', '{"id":', undefined, badJson],
      [
        // A form body is read as Laravel reads it (form-bodies.test.ts); XML is not input.
        'an XML body',
        '<id>10</id>',
        'application/xml',
        bodyMessage('The request body must be JSON, sent with Content-Type: application/json.'),
      ],
    ])('%s', async (_name, payload, contentType, expected) => {
      const pending = growOrder();
      const sim = await testApp({ grow: [pending] });

      const response = await sim.request({
        method: 'POST',
        url: '/v1/orders/authorize',
        headers: { 'content-type': contentType ?? 'application/json' },
        payload,
      });

      expect(response.statusCode).toBe(422);
      expect(response.json()).toEqual(expected);
      expect((await getOrder(sim, pending.id)).json()).toEqual({ order: pending });
    });
  });

  it('lets exactly one of many concurrent authorizations of one order succeed', async () => {
    const pending = growOrder();
    const sim = await testApp({ grow: [pending] });

    const responses = await Promise.all(Array.from({ length: 50 }, () => authorize(sim, { id: pending.id })));

    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 422)).toHaveLength(49);
  });

  it("keeps one token's Grow changes invisible to another", async () => {
    const pending = growOrder();
    const sim = await testApp({ grow: [pending] });

    await sim.request({
      token: 'alice',
      method: 'POST',
      url: '/v1/orders/authorize',
      payload: { id: pending.id },
    });

    expect(
      (await sim.request({ token: 'bob', method: 'GET', url: `/v1/orders/${pending.id}` })).json(),
    ).toEqual({
      order: pending,
    });
    const bobs = await sim.request({
      token: 'bob',
      method: 'POST',
      url: '/v1/orders/authorize',
      payload: { id: pending.id },
    });
    expect(bobs.statusCode).toBe(200);
  });
});

describe('authorize, as Laravel reads an integer', () => {
  it('takes a string of an integer as that integer ({"id":"10"} authorizes order 10)', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const response = await sim.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      payload: { id: '10' },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().order).toMatchObject({ id: 10, status: 'paid' });
  });
});
