import { describe, expect, it } from 'vitest';
import type { Order } from '../../../src/partners/battleface/schemas/orders.js';
import { storesOf, type TestApp, TOKEN, testApp } from '../../support/app.js';
import { battlefaceOrder } from '../../support/battleface-orders.js';
import { sequentialIds } from '../../support/ids.js';

// ManualClock starts at 2024-05-01T12:00:00.000Z.
const NOW_MICROS = '2024-05-01T12:00:00.000000Z';

function approve(
  sim: TestApp,
  orderNumber: string,
  body: unknown = { status: 'Approved', generate_docs: true },
) {
  return sim.request({
    method: 'POST',
    url: `/api/partner/orders/${orderNumber}/payment/status`,
    payload: body as object,
  });
}

function getOrder(sim: TestApp, orderNumber: string) {
  return sim.request({ method: 'GET', url: `/api/partner/orders/${orderNumber}` });
}

/** The order as an approval at NOW leaves it, built by hand from the input. */
function approvedAtNow(order: Order, fileIds: Array<number | null>): Order {
  const expected = structuredClone(order);
  expected.status = 'Approved';
  expected.status_updated_at = NOW_MICROS;
  expected.approved_at = NOW_MICROS;
  expected.items.forEach((item, index) => {
    item.policy_file_id = fileIds[index] ?? null;
    item.order.status = 'Approved';
    item.order.status_updated_at = NOW_MICROS;
    item.order.approved_at = NOW_MICROS;
    item.order.updated_at = NOW_MICROS;
  });
  return expected;
}

describe('POST /api/partner/orders/{order_number}/payment/status', () => {
  it('approves a Pending order, stamps now, updates every embedded copy and generates documents', async () => {
    const pending = battlefaceOrder({ fileIds: [null, null] });
    const sim = await testApp({ battleface: [pending] });

    const response = await approve(sim, pending.order_number);

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual({ data: approvedAtNow(pending, [11250, 11251]) });
    expect((await getOrder(sim, pending.order_number)).json()).toEqual({
      data: approvedAtNow(pending, [11250, 11251]),
    });
  });

  it('keeps the partner key order when approved_at is added', async () => {
    const pending = battlefaceOrder();
    const sim = await testApp({ battleface: [pending] });

    const { data } = (await approve(sim, pending.order_number)).json();

    expect(Object.keys(data)).toEqual([
      'schema_version',
      'site_id',
      'quote_id',
      'order_number',
      'client_id',
      'status',
      'premium',
      'total',
      'currency_id',
      'status_updated_at',
      'ordered_at',
      'approved_at',
      'items',
      'applicant',
      'affiliate',
      'details',
    ]);
    expect(Object.keys(data.items[0].order).slice(-4)).toEqual([
      'updated_at',
      'created_at',
      'approved_at',
      'meta',
    ]);
  });

  it('records the documents and the policy email in the sandbox', async () => {
    const pending = battlefaceOrder({ fileIds: [null, null] });
    const sim = await testApp({ battleface: [pending] });
    await approve(sim, pending.order_number);

    const store = (await sandboxStore(sim)).battleface;
    expect(store.documents.all()).toEqual([
      {
        file_id: 11250,
        order_number: pending.order_number,
        item_id: pending.items[0]?.id,
        policy_number: pending.items[0]?.policy_number,
        created_at: NOW_MICROS,
      },
      {
        file_id: 11251,
        order_number: pending.order_number,
        item_id: pending.items[1]?.id,
        policy_number: pending.items[1]?.policy_number,
        created_at: NOW_MICROS,
      },
    ]);
    expect(store.emails.all()).toEqual([
      {
        id: 'id1',
        to: 'ada@example.com',
        subject: 'Your battleface policy 1-APR8000-000000000100-1, 1-APR8000-000000000101-2',
        order_number: pending.order_number,
        policy_numbers: ['1-APR8000-000000000100-1', '1-APR8000-000000000101-2'],
        sent_at: NOW_MICROS,
      },
    ]);
  });

  it('generates no documents with generate_docs false, and sends no email when the flag is off', async () => {
    const pending = battlefaceOrder({ flags: { send_policy_emails: false } });
    const sim = await testApp({ battleface: [pending] });

    const response = await approve(sim, pending.order_number, { status: 'Approved', generate_docs: false });

    expect(response.json()).toEqual({ data: approvedAtNow(pending, [null]) });
    const store = (await sandboxStore(sim)).battleface;
    expect(store.documents.all()).toEqual([]);
    expect(store.emails.all()).toEqual([]);
  });

  it.each([
    [true, [11250]],
    [false, [null]],
  ])('follows flags.generate_policy_document=%s when generate_docs is omitted', async (flag, fileIds) => {
    const pending = battlefaceOrder({ flags: { generate_policy_document: flag } });
    const sim = await testApp({ battleface: [pending] });

    const response = await approve(sim, pending.order_number, { status: 'Approved' });

    expect(response.json()).toEqual({ data: approvedAtNow(pending, fileIds) });
  });

  it('answers an Approved order unchanged: approved_at does not move', async () => {
    const approved = battlefaceOrder({ status: 'Approved', fileIds: [11000] });
    const sim = await testApp({ battleface: [approved] });
    sim.clock.advance(60_000);

    const response = await approve(sim, approved.order_number);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ data: approved });
    expect((await sandboxStore(sim)).battleface.emails.all()).toEqual([]);
  });

  it('generates the missing documents of an Approved order when generate_docs is true', async () => {
    const approved = battlefaceOrder({ status: 'Approved', fileIds: [null] });
    const sim = await testApp({ battleface: [approved] });

    const response = await approve(sim, approved.order_number, { status: 'Approved', generate_docs: true });

    const expected = structuredClone(approved);
    if (expected.items[0]) expected.items[0].policy_file_id = 11250;
    expect(response.json()).toEqual({ data: expected });
    expect((await sandboxStore(sim)).battleface.emails.all()).toEqual([]);
  });

  it('leaves an Approved order without documents alone when generate_docs is false', async () => {
    const approved = battlefaceOrder({ status: 'Approved', fileIds: [null] });
    const sim = await testApp({ battleface: [approved] });

    const response = await approve(sim, approved.order_number, { status: 'Approved', generate_docs: false });

    expect(response.json()).toEqual({ data: approved });
  });

  it('answers a Cancelled order unchanged, even with documents missing', async () => {
    const cancelled = battlefaceOrder({ status: 'Cancelled', fileIds: [null] });
    const sim = await testApp({ battleface: [cancelled] });

    const response = await approve(sim, cancelled.order_number);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ data: cancelled });
    expect((await sandboxStore(sim)).battleface.documents.all()).toEqual([]);
  });

  it('answers 404 for an unknown order number', async () => {
    const sim = await testApp({ battleface: [battlefaceOrder()] });

    const response = await approve(sim, '1-JAN0000-000000000000');

    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('{"error":"Order not found."}');
  });

  it('ignores unknown fields in the body', async () => {
    const pending = battlefaceOrder();
    const sim = await testApp({ battleface: [pending] });

    const response = await approve(sim, pending.order_number, {
      status: 'Approved',
      generate_docs: true,
      note: 'x',
    });

    expect(response.json()).toEqual({ data: approvedAtNow(pending, [11250]) });
  });

  describe('rejects bad requests with 406 and changes nothing', () => {
    const cases: Array<[string, { payload?: string; contentType?: string }, string]> = [
      [
        'invalid JSON',
        { payload: '{"status": "Approved",' },
        'The request body must be valid JSON (send Content-Type: application/json).',
      ],
      [
        'an empty JSON body',
        { payload: '' },
        'The request body must be a JSON object like {"status": "Approved", "generate_docs": true}.',
      ],
      [
        'a JSON array',
        { payload: '[]' },
        'The request body must be a JSON object like {"status": "Approved", "generate_docs": true}.',
      ],
      [
        'a JSON string',
        { payload: '"Approved"' },
        'The request body must be a JSON object like {"status": "Approved", "generate_docs": true}.',
      ],
      [
        'JSON null',
        { payload: 'null' },
        'The request body must be a JSON object like {"status": "Approved", "generate_docs": true}.',
      ],
      [
        'no status',
        { payload: '{"generate_docs":true}' },
        'The status field is required and must be "Approved".',
      ],
      [
        'another status',
        { payload: '{"status":"Declined"}' },
        'The status field is required and must be "Approved".',
      ],
      [
        'a lower-case status',
        { payload: '{"status":"approved"}' },
        'The status field is required and must be "Approved".',
      ],
      [
        'generate_docs as a string',
        { payload: '{"status":"Approved","generate_docs":"true"}' },
        'The generate_docs field must be a boolean (true or false) when present.',
      ],
      [
        'generate_docs null',
        { payload: '{"status":"Approved","generate_docs":null}' },
        'The generate_docs field must be a boolean (true or false) when present.',
      ],
      [
        'two bad fields',
        { payload: '{"status":1,"generate_docs":1}' },
        'The status field is required and must be "Approved". The generate_docs field must be a boolean (true or false) when present.',
      ],
      [
        'a form body',
        { payload: 'status=Approved', contentType: 'application/x-www-form-urlencoded' },
        'The request body must be JSON, sent with Content-Type: application/json.',
      ],
      [
        'a text body',
        { payload: 'Approved', contentType: 'text/plain' },
        'The request body must be a JSON object like {"status": "Approved", "generate_docs": true}.',
      ],
    ];

    it.each(cases)('%s', async (_name, { payload, contentType = 'application/json' }, message) => {
      const pending = battlefaceOrder();
      const sim = await testApp({ battleface: [pending] });

      const response = await sim.request({
        method: 'POST',
        url: `/api/partner/orders/${pending.order_number}/payment/status`,
        headers: { 'content-type': contentType },
        ...(payload === undefined ? {} : { payload }),
      });

      expect(response.statusCode).toBe(406);
      expect(response.json()).toEqual({ error: message });
      expect((await getOrder(sim, pending.order_number)).json()).toEqual({ data: pending });
    });

    it('a POST without any body', async () => {
      const pending = battlefaceOrder();
      const sim = await testApp({ battleface: [pending] });

      const response = await sim.request({
        method: 'POST',
        url: `/api/partner/orders/${pending.order_number}/payment/status`,
      });

      expect(response.statusCode).toBe(406);
      expect(response.json()).toEqual({
        error: 'The request body must be a JSON object like {"status": "Approved", "generate_docs": true}.',
      });
    });
  });

  it('answers 413 in the partner envelope for a body over 1 MB', async () => {
    const pending = battlefaceOrder();
    const sim = await testApp({ battleface: [pending] });

    const response = await approve(sim, pending.order_number, {
      status: 'Approved',
      pad: 'x'.repeat(1_100_000),
    });

    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: 'The request body is larger than the 1 MB limit.' });
  });
});

async function sandboxStore(sim: TestApp) {
  return storesOf(sim.app, TOKEN);
}

describe('an unexpected failure', () => {
  it("answers the partner's 500 with no details and changes nothing", async () => {
    const pending = battlefaceOrder();
    const failingIds = {
      ...sequentialIds(),
      token: () => {
        throw new Error('id generator exploded');
      },
    };
    const sim = await testApp({ battleface: [pending], deps: { ids: failingIds } });

    const response = await sim.request({
      method: 'POST',
      url: `/api/partner/orders/${pending.order_number}/payment/status`,
      payload: { status: 'Approved' },
    });

    expect(response.statusCode).toBe(500);
    expect(response.body).toBe('{"error":"Internal server error."}');
    const after = await sim.request({ method: 'GET', url: `/api/partner/orders/${pending.order_number}` });
    expect(after.json()).toEqual({ data: pending });
  });
});
