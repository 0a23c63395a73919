import { describe, expect, it } from 'vitest';
import { storesOf, type TestApp, TOKEN, testApp } from '../../support/app.js';
import { battlefaceProduct } from '../../support/battleface-products.js';
import { ManualClock } from '../../support/clock.js';

// The documented flow end to end (reference §3): quote → order (Pending) → payment → Approved,
// with the documents and emails approval produces, on a small product priced by hand:
// base 50 + cancel 5% of 1000 + gadget 12 × 1.5, each with 10% stamp duty = 129.80.

const QUOTE = {
  start_date: '2024-06-01',
  end_date: '2024-06-07',
  deposit_date: '2024-05-01',
  currency: 'AUD',
  destinations: ['JP'],
  applicants: [{ is_main: true, age: 30, trip_cost: 1000, email: 'ada@example.com' }],
  affiliate: '1',
  product: 5001,
  host_country: 'AU',
  host_country_state: 'NSW',
  packages: ['cancel', { id: 'gadget', limits: [{ type: 'benefit_limit', for: 'gadget', value: '1000' }] }],
};

const TRAVELLER = {
  first_name: 'Ada',
  middle_name: 'King',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  dob: '1993-12-10',
  contact_number: '0400000000',
  address: '1 TEST STREET',
  city: 'Sydney',
  post_code: '2000',
};

const CARD = {
  payment_type: 'card',
  card_exp_month: '12',
  card_exp_year: '2030',
  card_number: '4242424242424242',
  card_cvc: '123',
};

async function sim(): Promise<TestApp> {
  return testApp({ products: [battlefaceProduct()], clock: new ManualClock('2024-05-01T12:00:00.000Z') });
}

async function quote(app: TestApp, body: object = QUOTE) {
  return app.request({ method: 'POST', url: '/api/partner/quote', payload: body });
}

async function orderFrom(app: TestApp, quoteId: string, extra: object = {}) {
  return app.request({
    method: 'POST',
    url: '/api/partner/orders/condensed',
    payload: { order: { quote_id: quoteId, total: 129.8, applicants: [TRAVELLER], ...extra } },
  });
}

describe('battleface quotes', () => {
  it('saves a priced quote that can be loaded again by its id', async () => {
    const app = await sim();

    const created = await quote(app);
    const loaded = await app.request({ method: 'GET', url: `/api/partner/quote/${created.json().data.id}` });

    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      data: {
        _id: '000000000000000000000001',
        id: '000000000000000000000001',
        document_version: 1,
        quote_number: '1-MAY00002-5001',
        email: null,
        affiliate_id: 1,
        product_id: '5001',
        quoted_price: 129.8,
        taxes: { stamp_duty: 11.8, witholding: null },
        deductibles: { excess_fee: null },
        currency_id: 'AUD',
        host_country: 'AU',
        host_country_state: 'NSW',
        trip_length: 7,
        start_date: '2024-06-01',
        end_date: '2024-06-07',
        deposit_date: '2024-05-01',
        created_at: '2024-05-01 12:00:00',
        updated_at: '2024-05-01 12:00:00',
        deleted_at: null,
        details: [
          { package_id: 10, package_alias: 'base', amount: 55, type: 'Base', value: null, detail: null },
          { package_id: 11, package_alias: 'cancel', amount: 55, type: 'Cancel', value: null, detail: null },
          {
            package_id: 12,
            package_alias: 'gadget',
            amount: 19.8,
            type: 'Gadget',
            value: '1000',
            detail: null,
          },
        ],
        applicants: [
          {
            type: 'applicant',
            email: 'ada@example.com',
            is_main: true,
            age: 30,
            dob: '1994-01-01T00:00:00.000000Z',
            trip_cost: 1000,
          },
        ],
        destinations: [{ country: 'JP', risk_index: 1 }],
        reference: { employee_id: null, external: null },
      },
    });
    expect(loaded.body).toBe(created.body);
  });

  it('previews the same price without saving anything', async () => {
    const app = await sim();

    const preview = await app.request({ method: 'POST', url: '/api/partner/quote/preview', payload: QUOTE });

    expect(preview.statusCode).toBe(200);
    expect(preview.json().data).toMatchObject({
      product_id: '5001',
      product_uuid: '5001aaaa-0000-4000-8000-000000005001',
      quoted_price: 129.8,
      discounts: { amount: 0 },
      minimums: { amount: 0, value: 30 },
    });
    expect(storesOf(app.app, TOKEN).battleface.quotes.size).toBe(0);
  });

  it('answers one 406 naming every problem, in the partner voice, and saves nothing', async () => {
    const app = await sim();

    const missing = await app.request({
      method: 'POST',
      url: '/api/partner/quote',
      payload: { ...QUOTE, product: undefined },
    });
    const wrong = await quote(app, {
      ...QUOTE,
      start_date: '2024-04-01',
      end_date: '2024-03-01',
      host_country: 'NZ',
      host_country_state: 'NSW',
      destinations: ['FR'],
      packages: ['nope', 19],
    });
    const disabled = await quote(app, { ...QUOTE, host_country_state: 'VIC' });
    const badTypes = await quote(app, { ...QUOTE, applicants: [{ trip_cost: 'lots' }], start_date: 5 });

    expect([missing.statusCode, missing.json()]).toEqual([406, { error: 'Product ID not provided.' }]);
    expect([wrong.statusCode, wrong.json()]).toEqual([
      406,
      {
        error:
          'Host country state NSW is in AU, not NZ. Start date 2024-04-01 is in the past. End date must not be before the start date. Destination FR is not covered by product 5001. Unknown package nope for product 5001. Package id 19 has changed: send the alias base instead.',
      },
    ]);
    expect(disabled.json()).toEqual({ error: 'Host country state VIC is disabled for product 5001.' });
    expect([badTypes.statusCode, badTypes.json()]).toEqual([
      406,
      {
        error:
          'Start date must be a date like 2023-12-01. Applicant age not provided. Applicant trip_cost must be a number.',
      },
    ]);
    expect(storesOf(app.app, TOKEN).battleface.quotes.size).toBe(0);
  });

  it('dynamic: infers the one active product of the program, or says why it cannot', async () => {
    const app = await testApp({
      products: [
        battlefaceProduct(),
        battlefaceProduct({ id: 5002, uuid: '5002aaaa-0000-4000-8000-000000005002' }),
      ],
      clock: new ManualClock('2024-05-01T12:00:00.000Z'),
    });
    const { product: _product, ...fields } = QUOTE;

    const ambiguous = await app.request({
      method: 'POST',
      url: '/api/partner/quote/dynamic',
      payload: { ...fields, program_id: 7 },
    });
    const narrowed = await app.request({
      method: 'POST',
      url: '/api/partner/quote/dynamic',
      payload: { ...fields, program_id: 7, products: { uuids: ['5002aaaa-0000-4000-8000-000000005002'] } },
    });
    const none = await app.request({
      method: 'POST',
      url: '/api/partner/quote/dynamic',
      payload: { ...fields, program_id: 8 },
    });

    expect(ambiguous.json()).toEqual({
      error:
        '2 active products of program 7 cover host country state NSW (5001, 5002): choose one with products.ids or products.uuids.',
    });
    expect([narrowed.statusCode, narrowed.json().data.product_id]).toEqual([201, '5002']);
    expect(none.json()).toEqual({ error: 'No active product of program 8 covers host country state NSW.' });
  });

  it('refuses a discount above the commission', async () => {
    const app = await sim();

    const response = await quote(app, { ...QUOTE, discount: 30 });

    expect([response.statusCode, response.json()]).toEqual([
      406,
      { error: 'Discount 30 exceeds your commission of 23.6 on this quote.' },
    ]);
  });
});

describe('battleface orders and payments', () => {
  it('quote → order → charge → read back, with its document and email', async () => {
    const app = await sim();
    const quoteId = (await quote(app)).json().data.id;

    const created = await orderFrom(app, quoteId, {
      flags: { send_policy_emails: true, generate_policy_document: true },
    });
    const order = created.json().data;
    const charge = await app.request({
      method: 'POST',
      url: `/api/partner/orders/${order.order_number}/payment/charge`,
      payload: CARD,
    });
    const read = await app.request({ method: 'GET', url: `/api/partner/orders/${order.order_number}` });
    const documents = await app.request({ method: 'GET', url: '/__admin/battleface/documents' });
    const emails = await app.request({ method: 'GET', url: '/__admin/battleface/emails' });

    expect(created.statusCode).toBe(201);
    expect(order).toMatchObject({
      quote_id: quoteId,
      status: 'Pending',
      premium: 129.8,
      total: 129.8,
      currency_id: 'AUD',
      client_id: 123,
      status_updated_at: '2024-05-01T12:00:00.000000Z',
      ordered_at: '2024-05-01T12:00:00.000000Z',
      signed_at: '2024-05-01T00:00:00.000000Z',
      applicant: {
        ...TRAVELLER,
        age_at_travel: 30,
        country_code: 'AU',
        state_code: 'NSW',
        ip_address: '127.0.0.1',
      },
      affiliate: { id: 1, commission_amount: 23.6, commission_percentage: 20 },
      details: [
        { type: 'included_tax', detail: 'stamp_duty', amount: 11.8 },
        { type: 'included_breakdown_tax', detail: 'witholding', amount: 0 },
      ],
    });
    const [item] = order.items;
    expect(item).toMatchObject({
      product_id: 5001,
      program_id: 7,
      policy_file_id: null,
      start_at: '2024-06-01',
    });
    expect(item.policy_number).toMatch(/^1-MAY[0-9A-F]{4}-[0-9A-F]{12}-1$/);
    expect(item.details.map(({ id: _id, ...line }: { id: string }) => line)).toEqual([
      { type: 'package', detail: 'Base', amount: 55, product_package_id: 20 },
      { type: 'package', detail: 'Cancel', amount: 55, product_package_id: 21 },
      { type: 'package', detail: 'Gadget', amount: 19.8, product_package_id: 22 },
      { type: 'level-condition', detail: 'level', amount: 0, value: '1000', product_package_id: 22 },
      { type: 'trip_cost', amount: 1000 },
      { type: 'included_tax', detail: 'stamp_duty', amount: 11.8 },
      { type: 'included_breakdown_tax', detail: 'witholding', amount: 0 },
      { type: 'premium', detail: 'Policy premium', amount: 129.8 },
      { type: 'total', detail: 'Policy total', amount: 129.8 },
    ]);
    expect(charge.statusCode).toBe(200);
    expect(charge.json().data).toMatchObject({ name: 'Stripe', status: 'Approved' });
    expect(charge.json().data.id).toMatch(/^ch_[A-Za-z0-9]{24}$/);
    expect(read.json().data).toMatchObject({
      status: 'Approved',
      approved_at: '2024-05-01T12:00:00.000000Z',
      items: [{ policy_file_id: 11250 }],
    });
    expect(documents.json().documents.map((document: { file_id: number }) => document.file_id)).toEqual([
      11250,
    ]);
    expect(emails.json().emails).toHaveLength(1);
  });

  it('answers the documented 400 when the total differs from the re-priced quote, creating nothing', async () => {
    const app = await sim();
    const quoteId = (await quote(app)).json().data.id;

    const response = await orderFrom(app, quoteId, { total: 120 });

    expect([response.statusCode, response.json()]).toEqual([
      400,
      { error: 'Different premium value provided.' },
    ]);
    expect(storesOf(app.app, TOKEN).battleface.orders.size).toBe(0);
  });

  it('order-level details override the quote: another package set is priced anew', async () => {
    const app = await sim();
    const quoteId = (await quote(app)).json().data.id;

    // Only base (55), with the deductible 100: 50 × 0.9 = 45 + 4.50 duty.
    const response = await orderFrom(app, quoteId, {
      total: 49.5,
      details: [
        { type: 'package', product_package_id: 'base' },
        { type: 'deductible', detail: 'excess_fee', amount: 100 },
      ],
    });

    expect(response.statusCode).toBe(201);
    expect(response.json().data.items[0].details[0]).toMatchObject({
      type: 'deductible',
      detail: 'excess_fee',
      amount: 100,
    });
    expect(response.json().data.total).toBe(49.5);
  });

  it('quote → order → intent → the customer pays: Approved, the same intent on every call', async () => {
    const app = await sim();
    const quoteId = (await quote(app)).json().data.id;
    const { order_number } = (await orderFrom(app, quoteId)).json().data;

    const intent = await app.request({
      method: 'GET',
      url: `/api/partner/orders/${order_number}/payment/intent`,
    });
    const again = await app.request({
      method: 'GET',
      url: `/api/partner/orders/${order_number}/payment/intent`,
    });
    const failed = await app.request({
      method: 'POST',
      url: `/__admin/battleface/orders/${order_number}/payment/intent`,
      payload: { outcome: 'failed' },
    });
    const paid = await app.request({
      method: 'POST',
      url: `/__admin/battleface/orders/${order_number}/payment/intent`,
      payload: { outcome: 'succeeded' },
    });

    expect(intent.json().data.client_secret).toMatch(/^pi_[A-Za-z0-9]{24}_secret_[A-Za-z0-9]{25}$/);
    expect(again.body).toBe(intent.body);
    expect(failed.json().data.status).toBe('Pending');
    expect(paid.json().data.status).toBe('Approved');
  });

  it('an intent succeeds by itself after SIM_BATTLEFACE_INTENT_SUCCEED_MS of sandbox time', async () => {
    const clock = new ManualClock('2024-05-01T12:00:00.000Z');
    const app = await testApp({
      products: [battlefaceProduct()],
      clock,
      config: { battlefaceIntentSucceedMs: 5000 },
    });
    const quoteId = (await quote(app)).json().data.id;
    const { order_number } = (await orderFrom(app, quoteId)).json().data;
    await app.request({ method: 'GET', url: `/api/partner/orders/${order_number}/payment/intent` });

    clock.advance(4999);
    const before = await app.request({ method: 'GET', url: `/api/partner/orders/${order_number}` });
    clock.advance(1);
    const after = await app.request({ method: 'GET', url: `/api/partner/orders/${order_number}` });

    expect(before.json().data.status).toBe('Pending');
    expect(after.json().data.status).toBe('Approved');
  });

  it('an open intent of a loaded state still succeeds by itself when it is due', async () => {
    const clock = new ManualClock('2024-05-01T12:00:00.000Z');
    const app = await testApp({
      products: [battlefaceProduct()],
      clock,
      config: { battlefaceIntentSucceedMs: 5000 },
    });
    const quoteId = (await quote(app)).json().data.id;
    const { order_number } = (await orderFrom(app, quoteId)).json().data;
    await app.request({ method: 'GET', url: `/api/partner/orders/${order_number}/payment/intent` });
    const saved = await app.request({ method: 'GET', url: '/__admin/state' });

    await app.request({ method: 'PUT', url: '/__admin/state', token: 'loaded', payload: saved.json() });
    clock.advance(5000);
    const loaded = await app.request({
      method: 'GET',
      url: `/api/partner/orders/${order_number}`,
      token: 'loaded',
    });

    expect(saved.json().battleface.payments[0].succeeds_at).toBe('2024-05-01T12:00:05.000000Z');
    expect(loaded.json().data.status).toBe('Approved');
  });

  it('with payment: Approved when the card is charged; a declined card creates nothing', async () => {
    const app = await sim();
    const order = {
      product_id: 5001,
      start_at: '2024-06-01',
      end_at: '2024-06-07',
      deposit_at: '2024-05-01',
      destinations: ['JP'],
      host_country_state: 'NSW',
      applicants: [{ ...TRAVELLER, trip_cost: 1000 }],
      total: 55,
    };

    const declined = await app.request({
      method: 'POST',
      url: '/api/partner/orders/with-payment',
      payload: { order, ...CARD, card_number: '4000000000000002' },
    });
    const countAfterDecline = storesOf(app.app, TOKEN).battleface.orders.size;
    const approved = await app.request({
      method: 'POST',
      url: '/api/partner/orders/with-payment',
      payload: { order, ...CARD },
    });

    expect([declined.statusCode, declined.json()]).toEqual([422, { error: 'Incorrect card details.' }]);
    expect(countAfterDecline).toBe(0);
    expect(approved.statusCode).toBe(201);
    expect(approved.json().data).toMatchObject({ status: 'Approved', total: 55 });
  });

  it.each([
    ['4000000000000002', 422, 'Incorrect card details.'],
    ['4000000000009995', 422, 'Incorrect card details.'],
    ['4000000000000069', 422, 'Incorrect card details.'],
    ['4000000000000127', 422, 'Incorrect card details.'],
    ['4000000000000119', 502, 'The payment could not be processed. Please try again later.'],
    ['4242424242424241', 422, 'Incorrect card details.'],
  ])('test card %s answers %i and leaves the order Pending', async (number, status, error) => {
    const app = await sim();
    const quoteId = (await quote(app)).json().data.id;
    const { order_number } = (await orderFrom(app, quoteId)).json().data;

    const response = await app.request({
      method: 'POST',
      url: `/api/partner/orders/${order_number}/payment/charge`,
      payload: { ...CARD, card_number: number },
    });
    const read = await app.request({ method: 'GET', url: `/api/partner/orders/${order_number}` });

    expect([response.statusCode, response.json()]).toEqual([status, { error }]);
    expect(read.json().data.status).toBe('Pending');
  });

  it('an expired card is declined on the sandbox clock; an approved order cannot be charged again', async () => {
    const app = await sim();
    const quoteId = (await quote(app)).json().data.id;
    const { order_number } = (await orderFrom(app, quoteId)).json().data;
    const url = `/api/partner/orders/${order_number}/payment/charge`;

    const expired = await app.request({
      method: 'POST',
      url,
      payload: { ...CARD, card_exp_month: '04', card_exp_year: '2024' },
    });
    await app.request({ method: 'POST', url, payload: CARD });
    const twice = await app.request({ method: 'POST', url, payload: CARD });

    expect(expired.json()).toEqual({ error: 'Incorrect card details.' });
    expect([twice.statusCode, twice.json()]).toEqual([
      406,
      { error: `Order ${order_number} is Approved: only a Pending order can be paid.` },
    ]);
  });

  it('a traveller who fails the sanction search answers the documented 400', async () => {
    const app = await sim();
    const quoteId = (await quote(app)).json().data.id;

    const response = await orderFrom(app, quoteId, {
      applicants: [{ ...TRAVELLER, last_name: 'Sanctioned' }],
      flags: { trigger_sanction_search: true },
    });

    expect([response.statusCode, response.json()]).toEqual([
      400,
      { error: 'Sanction search failed for Ada Sanctioned.' },
    ]);
  });

  it('the control plane cancels an order as battleface does: premium and total 0', async () => {
    const app = await sim();
    const quoteId = (await quote(app)).json().data.id;
    const { order_number } = (await orderFrom(app, quoteId)).json().data;

    app.clock.advance(60_000);
    const cancelled = await app.request({
      method: 'POST',
      url: `/__admin/battleface/orders/${order_number}/cancel`,
    });

    expect(cancelled.json().data).toMatchObject({
      status: 'Cancelled',
      premium: 0,
      total: 0,
      status_updated_at: '2024-05-01T12:01:00.000000Z',
    });
  });
});

describe('battleface registered IPs (SIM_BATTLEFACE_ALLOWED_IPS)', () => {
  it('answers only the registered addresses, in the partner envelope', async () => {
    const elsewhere = await testApp({
      products: [battlefaceProduct()],
      config: { battlefaceAllowedIps: ['203.0.113.0/24'] },
    });
    const registered = await testApp({
      products: [battlefaceProduct()],
      config: { battlefaceAllowedIps: ['203.0.113.0/24', '127.0.0.1'] },
    });

    const refused = await elsewhere.request({ method: 'GET', url: '/api/partner/product/5001/countries' });
    const served = await registered.request({ method: 'GET', url: '/api/partner/product/5001/countries' });

    expect([refused.statusCode, refused.json()]).toEqual([
      401,
      { error: 'Requests from 127.0.0.1 are not allowed: this IP is not registered.' },
    ]);
    expect(served.statusCode).toBe(200);
  });
});
