import { describe, expect, it } from 'vitest';
import { ensureRoom, MAX_ORDERS } from '../../src/admin/order-input.js';
import { OrderSchema as BattlefaceOrderSchema } from '../../src/partners/battleface/schemas/orders.js';
import { OrderSchema as GrowOrderSchema } from '../../src/partners/grow/schemas/orders.js';
import { testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { growOrder } from '../support/grow-orders.js';

const NOW_MICROS = '2024-05-01T12:00:00.000000Z';

describe('POST /__admin/battleface/orders', () => {
  it('fills a whole Pending order from {} in the partner formats', async () => {
    const sim = await testApp();

    const response = await sim.request({ method: 'POST', url: '/__admin/battleface/orders', payload: {} });

    expect(response.statusCode).toBe(201);
    const { data } = response.json();
    expect(BattlefaceOrderSchema.parse(data)).toEqual(data);
    expect(data).toMatchObject({
      order_number: '1-MAY8000-000000000002',
      status: 'Pending',
      status_updated_at: NOW_MICROS,
      ordered_at: NOW_MICROS,
      premium: 84.5,
      total: 84.5,
    });
    expect(data.approved_at).toBeUndefined();
    expect(data.items).toHaveLength(1);
    expect(data.items[0]).toMatchObject({
      policy_file_id: null,
      policy_number: `1-MAY${data.items[0].id.slice(19, 23).toUpperCase()}-${data.items[0].id.slice(24).toUpperCase()}-1`,
      start_at: '2024-05-15',
      end_at: '2024-05-29',
      deposit_at: '2024-05-01',
    });
    expect(data.items[0].order).toMatchObject({
      order_number: data.order_number,
      status: 'Pending',
      premium: 84.5,
    });
    expect((await sim.request({ method: 'GET', url: `/api/partner/orders/${data.order_number}` })).body).toBe(
      response.body,
    );
  });

  it('keeps what it is given and derives the rest from it', async () => {
    const sim = await testApp();

    const response = await sim.request({
      method: 'POST',
      url: '/__admin/battleface/orders',
      payload: {
        order_number: '1-MAY0000-00000000CAFE',
        status: 'Approved',
        premium: 200,
        currency_id: 'USD',
        applicant: { email: 'qa@example.com' },
        items: [{ policy_file_id: 7 }, { is_main: false }],
      },
    });

    const { data } = response.json();
    expect(response.statusCode).toBe(201);
    expect(data).toMatchObject({
      order_number: '1-MAY0000-00000000CAFE',
      status: 'Approved',
      approved_at: NOW_MICROS,
      premium: 200,
      total: 200,
      currency_id: 'USD',
    });
    expect(data.applicant.email).toBe('qa@example.com');
    expect(data.applicant.first_name).toBe('Alex');
    expect(data.items.map((item: { policy_file_id: number | null }) => item.policy_file_id)).toEqual([
      7,
      null,
    ]);
    expect(data.items[1].policy_number).toMatch(/-2$/);
    expect(data.items[1].order).toMatchObject({
      status: 'Approved',
      approved_at: NOW_MICROS,
      currency_id: 'USD',
    });
  });

  it('refuses an order that breaks the schema, listing each issue', async () => {
    const sim = await testApp();

    const response = await sim.request({
      method: 'POST',
      url: '/__admin/battleface/orders',
      payload: { status: 'Paid', premium: 'ten', colour: 'red' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchInlineSnapshot(`
      {
        "error": "Invalid input.",
        "issues": [
          "status: Invalid option: expected one of "Pending"|"Approved"|"Cancelled"",
          "premium: Invalid input: expected number, received string",
          "items[0].order.status: Invalid option: expected one of "Pending"|"Approved"|"Cancelled"",
          "items[0].order.premium: Invalid input: expected number, received string",
          "(root): Unrecognized key: "colour"",
        ],
      }
    `);
  });

  it('refuses an order number that exists, and a body that is not an object', async () => {
    const existing = battlefaceOrder();
    const sim = await testApp({ battleface: [existing] });

    const duplicate = await sim.request({
      method: 'POST',
      url: '/__admin/battleface/orders',
      payload: { order_number: existing.order_number },
    });
    const array = await sim.request({
      method: 'POST',
      url: '/__admin/battleface/orders',
      payload: '[1]',
      headers: { 'content-type': 'application/json' },
    });

    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toEqual({
      error: `Order ${existing.order_number} already exists in this sandbox.`,
    });
    expect(array.statusCode).toBe(400);
    expect(array.json()).toEqual({
      error: 'Invalid input.',
      issues: ['body: The body must be a JSON object: any part of a battleface order.'],
    });
  });
});

describe('PATCH /__admin/battleface/orders/{order_number}', () => {
  it('changes any field, even into a state no transition reaches, and null removes an optional one', async () => {
    const approved = battlefaceOrder({ status: 'Approved', fileIds: [11000] });
    const sim = await testApp({ battleface: [approved] });

    const response = await sim.request({
      method: 'PATCH',
      url: `/__admin/battleface/orders/${approved.order_number}`,
      payload: {
        status: 'Pending',
        approved_at: null,
        items: [{ ...approved.items[0], policy_file_id: null }],
      },
    });

    const expected = structuredClone(approved);
    expected.status = 'Pending';
    delete expected.approved_at;
    if (expected.items[0]) expected.items[0].policy_file_id = null;
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ data: expected });
    expect(
      (await sim.request({ method: 'GET', url: `/api/partner/orders/${approved.order_number}` })).json(),
    ).toEqual({
      data: expected,
    });
  });

  it('answers 404 for an unknown order and 400 for an invalid change', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });

    const missing = await sim.request({
      method: 'PATCH',
      url: '/__admin/battleface/orders/NOPE',
      payload: {},
    });
    const invalid = await sim.request({
      method: 'PATCH',
      url: `/__admin/battleface/orders/${order.order_number}`,
      payload: { client_id: 'seven' },
    });

    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'No battleface order NOPE in this sandbox.' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toEqual({
      error: 'Invalid input.',
      issues: ['client_id: Invalid input: expected number, received string'],
    });
  });
});

describe('outbox and documents', () => {
  it('list what approvals produced in the sandbox', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });
    await sim.request({
      method: 'POST',
      url: `/api/partner/orders/${order.order_number}/payment/status`,
      payload: { status: 'Approved', generate_docs: true },
    });

    const emails = await sim.request({ method: 'GET', url: '/__admin/battleface/emails' });
    const documents = await sim.request({ method: 'GET', url: '/__admin/battleface/documents' });
    const otherSandbox = await sim.request({
      token: 'other',
      method: 'GET',
      url: '/__admin/battleface/emails',
    });

    expect(emails.json()).toEqual({
      emails: [
        {
          id: 'id1',
          to: 'ada@example.com',
          subject: 'Your battleface policy 1-APR8000-000000000100-1',
          order_number: order.order_number,
          policy_numbers: ['1-APR8000-000000000100-1'],
          sent_at: NOW_MICROS,
        },
      ],
    });
    expect(documents.json()).toEqual({
      documents: [
        {
          file_id: 11250,
          order_number: order.order_number,
          item_id: order.items[0]?.id,
          policy_number: '1-APR8000-000000000100-1',
          created_at: NOW_MICROS,
        },
      ],
    });
    expect(otherSandbox.json()).toEqual({ emails: [] });
  });

  it('open each email as plain text and each document as a PDF; an unknown one is a 404', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({ battleface: [order] });
    await sim.request({
      method: 'POST',
      url: `/api/partner/orders/${order.order_number}/payment/status`,
      payload: { status: 'Approved', generate_docs: true },
    });

    const email = await sim.request({ method: 'GET', url: '/__admin/battleface/emails/id1' });
    const document = await sim.request({ method: 'GET', url: '/__admin/battleface/documents/11250' });
    const noEmail = await sim.request({ method: 'GET', url: '/__admin/battleface/emails/nope' });
    const noDocument = await sim.request({ method: 'GET', url: '/__admin/battleface/documents/1' });

    expect(email.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(email.body).toBe(
      [
        'To: ada@example.com',
        'Subject: Your battleface policy 1-APR8000-000000000100-1',
        `Date: ${NOW_MICROS}`,
        '',
        `Thank you for your order ${order.order_number}.`,
        'Policies: 1-APR8000-000000000100-1',
        'Attached: policy document 11250 (1-APR8000-000000000100-1)',
        '',
        '(partner-sim: an email battleface would have sent; nothing left the simulator.)',
        '',
      ].join('\n'),
    );
    expect(document.headers['content-type']).toBe('application/pdf');
    expect(document.headers['content-disposition']).toBe('inline; filename="1-APR8000-000000000100-1.pdf"');
    expect(document.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(document.body).toContain('battleface policy 1-APR8000-000000000100-1 \\(partner-sim\\)');
    expect(noEmail.statusCode).toBe(404);
    expect(noEmail.json()).toEqual({ error: 'No battleface email nope in this sandbox.' });
    expect(noDocument.statusCode).toBe(404);
    expect(noDocument.json()).toEqual({ error: 'No battleface policy document 1 in this sandbox.' });
  });
});

describe('POST /__admin/grow/orders', () => {
  it('fills a whole pending order from {} with the next id', async () => {
    const sim = await testApp({ grow: [growOrder({ id: 41 })] });

    const response = await sim.request({ method: 'POST', url: '/__admin/grow/orders', payload: {} });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      order: {
        id: 42,
        status: 'pending',
        amount_due: 1470,
        policy_start_date: '2024-05-02T00:00:00.000000Z',
        asset_ref: 'ASSET-000001',
        currency: 'GHS',
        channel: 'API',
        created_at: NOW_MICROS,
        payment_made_at: null,
        payment_method: 'wallet',
        product: {
          title: 'Goods in Transit Cover',
          code: 'axa-git-single',
          id: 4,
          insurer: { code: 'AXA', name: 'Axa Mansard', logo_url: null, terms_conditions: null },
          'product type': { name: 'Goods in Transit', slug: 'GIT' },
          'cover-benefits': {},
          'created-at': '2021-09-14T08:00:00.000000Z',
          price: 1500,
          'premium-type': 'relative',
          'premium-rate-unit': 0,
          'premium-rate': 0.5,
          premium: 1500,
          'partner-commision-rate': 2,
          'min-premium': '1000.00',
          'premium-rules': "0.5% of the goods' value, minimum 1000.00",
          premium_frequency: 'annually',
        },
        customer: {
          ref: 'CUS-000002',
          email: 'customer@example.com',
          phone: '+233201234567',
          first_name: 'Ama',
          last_name: 'Mensah',
        },
        policy: null,
      },
    });
    const authorized = await sim.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      payload: { id: 42 },
    });
    expect(authorized.json().order.status).toBe('paid');
  });

  it('issues a policy for a policy_created order and keeps the fields given', async () => {
    const sim = await testApp();

    const response = await sim.request({
      method: 'POST',
      url: '/__admin/grow/orders',
      payload: { status: 'policy_created', currency: 'NGN', customer: { first_name: 'Tunde' } },
    });

    const { order } = response.json();
    expect(GrowOrderSchema.parse(order)).toEqual(order);
    expect(order).toMatchObject({
      id: 1,
      status: 'policy_created',
      currency: 'NGN',
      payment_made_at: NOW_MICROS,
    });
    expect(order.customer.first_name).toBe('Tunde');
    expect(order.policy).toEqual({
      id: 1,
      number: 'AXA-GIT-2024-000001',
      start_date: '2024-05-02T00:00:00.000000Z',
      end_date: '2025-05-02T00:00:00.000000Z',
      status: 'active',
      document_url: 'http://localhost:80/api/v1/policies/1/doc',
    });
  });

  it('refuses an invalid order and a taken id', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const invalid = await sim.request({
      method: 'POST',
      url: '/__admin/grow/orders',
      payload: { status: 'lost' },
    });
    const taken = await sim.request({ method: 'POST', url: '/__admin/grow/orders', payload: { id: 10 } });

    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toEqual({
      error: 'Invalid input.',
      issues: ['status: Invalid option: expected one of "pending"|"paid"|"policy_created"|"cancelled"'],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ error: 'Order 10 already exists in this sandbox.' });
  });
});

describe('PATCH /__admin/grow/orders/{id}', () => {
  it('changes any field', async () => {
    const order = growOrder();
    const sim = await testApp({ grow: [order] });

    const response = await sim.request({
      method: 'PATCH',
      url: '/__admin/grow/orders/10',
      payload: {
        status: 'paid',
        payment_made_at: NOW_MICROS,
        product: { insurer: { name: 'AXA Mansard Plc' } },
      },
    });

    const expected = {
      ...order,
      status: 'paid',
      payment_made_at: NOW_MICROS,
      product: { ...order.product, insurer: { ...order.product.insurer, name: 'AXA Mansard Plc' } },
    };
    expect(response.json()).toEqual({ order: expected });
    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).json()).toEqual({ order: expected });
    expect(
      (await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } })).statusCode,
    ).toBe(422);
  });

  it('answers 404 for an unknown order', async () => {
    const sim = await testApp();

    const response = await sim.request({ method: 'PATCH', url: '/__admin/grow/orders/9', payload: {} });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'No Grow order 9 in this sandbox.' });
  });

  it("does not touch another token's sandbox", async () => {
    const order = growOrder();
    const sim = await testApp({ grow: [order] });

    await sim.request({
      token: 'a',
      method: 'PATCH',
      url: '/__admin/grow/orders/10',
      payload: { status: 'cancelled' },
    });

    expect((await sim.request({ token: 'b', method: 'GET', url: '/v1/orders/10' })).json()).toEqual({
      order,
    });
  });
});

describe('order bound', () => {
  it('refuses seeding past MAX_ORDERS orders per partner, so memory stays bounded', () => {
    expect(() => ensureRoom(MAX_ORDERS - 1)).not.toThrow();
    expect(() => ensureRoom(MAX_ORDERS)).toThrow(
      'A sandbox holds at most 10000 orders per partner; reset it or remove some first.',
    );
  });
});
