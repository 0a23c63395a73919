import { describe, expect, it } from 'vitest';
import { storesOf, TOKEN, testApp } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { growCustomer } from '../../support/grow-customers.js';
import { growCatalogue, growProduct } from '../../support/grow-products.js';

// Quotes (reference §4 /quotes, examples §14–§18): quote → accept → order, on a small catalogue.

const CUSTOMER = growCustomer({
  id: 1,
  ref: 'CUS-1',
  first_name: 'Kofi',
  last_name: 'Asante',
  email: 'kofi@example.com',
  phone: null,
  created_at: '2024-04-01T09:00:00.000000Z',
});

const QUOTE = {
  product_code: 'git-test',
  customer_ref: 'CUS-1',
  policy_start_date: '2024-05-10',
  asset_ref: 'T2354354',
  asset_value: 300000,
  trip_frequency: 'single',
  pickup_location: 'Tema',
  dropoff_location: 'Kumasi',
};

async function app() {
  return testApp({
    clock: new ManualClock('2024-05-01T12:00:00.000Z'),
    growCustomers: [CUSTOMER],
    growCatalogue: growCatalogue([growProduct()]),
    growWallets: [{ currency: 'GHS', balance: 10000 }],
  });
}

describe('Grow quotes', () => {
  it('creates a quote priced as the purchase would be, without paying', async () => {
    const sim = await app();

    const created = await sim.request({ method: 'POST', url: '/v1/quotes', payload: QUOTE });

    // 0.5 % of 300 000 = 1 500; 2 % commission = 30.
    expect(created.json()).toEqual({
      message: 'Quote created successfully',
      quote: {
        id: 1,
        asset_ref: 'T2354354',
        product_price: 1500,
        partner_commission: 30,
        partner_commission_rate: 2,
        amount_due: 1470,
        currency: 'GHS',
        company_name: 'Curacel Inc.',
        description: 'Goods in Transit Cover (Goods in Transit)',
        policy_start_date: '2024-05-10T00:00:00.000000Z',
      },
    });
    expect(storesOf(sim.app, TOKEN).grow.wallets.find('GHS')?.balance).toBe(10000);
  });

  it('reads a quote by id or ref, lists and filters them', async () => {
    const sim = await app();
    await sim.request({ method: 'POST', url: '/v1/quotes', payload: QUOTE });

    const byId = await sim.request({ method: 'GET', url: '/v1/quotes/1' });
    const byRef = await sim.request({ method: 'GET', url: '/v1/quotes/q-curacel-inc-1?using_ref=1' });
    const pending = await sim.request({ method: 'GET', url: '/v1/quotes?status=pending&search=kofi' });
    const paid = await sim.request({ method: 'GET', url: '/v1/quotes?status=paid' });
    const missing = await sim.request({ method: 'GET', url: '/v1/quotes/9' });

    expect(byId.json()).toMatchObject({
      id: 1,
      ref: 'q-curacel-inc-1',
      status: 'pending',
      amount_due: 1470,
      policy_start_date: '2024-05-10T00:00:00.000000Z',
      product_price: 1500,
      asset_ref: 'T2354354',
      currency: 'GHS',
      created_at: '2024-05-01T12:00:00.000000Z',
      company_name: 'Curacel Inc.',
      customer: {
        ref: 'CUS-1',
        email: 'kofi@example.com',
        phone: '',
        first_name: 'Kofi',
        last_name: 'Asante',
      },
    });
    expect(Object.keys(byId.json())).toEqual([
      'id',
      'ref',
      'status',
      'amount_due',
      'policy_start_date',
      'product_price',
      'asset_ref',
      'currency',
      'created_at',
      'company_name',
      'product',
      'customer',
    ]);
    expect(byRef.body).toBe(byId.body);
    expect(pending.json().data).toHaveLength(1);
    expect(paid.json().data).toEqual([]);
    expect([missing.statusCode, missing.json()]).toEqual([404, { message: 'Quote not found' }]);
  });

  it('accept buys the quote from the wallet: an order as POST /orders returns it, the quote paid', async () => {
    const sim = await app();
    await sim.request({ method: 'POST', url: '/v1/quotes', payload: QUOTE });

    const accepted = await sim.request({
      method: 'POST',
      url: '/v1/quotes/accept',
      payload: { ref: 'q-curacel-inc-1' },
    });
    const twice = await sim.request({
      method: 'POST',
      url: '/v1/quotes/accept',
      payload: { ref: 'q-curacel-inc-1' },
    });
    const unknown = await sim.request({
      method: 'POST',
      url: '/v1/quotes/accept',
      payload: { ref: 'q-nope' },
    });

    expect(accepted.json().order).toMatchObject({
      id: 1,
      product_price: 1500,
      amount_due: 1470,
      status: 'paid',
      payment_instructions: { message: 'Payment successful', success: true },
    });
    expect(storesOf(sim.app, TOKEN).grow.wallets.find('GHS')?.balance).toBe(8530);
    expect(storesOf(sim.app, TOKEN).grow.quotes.find(1)?.status).toBe('paid');
    expect(twice.json()).toEqual({
      message: 'The given data was invalid',
      errors: { ref: ['The quote has already been paid.'] },
    });
    expect(unknown.json()).toEqual({
      message: 'The given data was invalid',
      errors: { ref: ['The selected ref is invalid.'] },
    });
  });

  it('PATCH re-prices a pending quote; DELETE removes it; the invoice is a PDF', async () => {
    const sim = await app();
    await sim.request({ method: 'POST', url: '/v1/quotes', payload: QUOTE });

    const patched = await sim.request({
      method: 'PATCH',
      url: '/v1/quotes',
      payload: { ref: 'q-curacel-inc-1', asset_value: 600000 },
    });
    const invoice = await sim.request({ method: 'GET', url: '/v1/quotes/q-curacel-inc-1/invoice' });
    const deleted = await sim.request({ method: 'DELETE', url: '/v1/quotes/q-curacel-inc-1' });
    const gone = await sim.request({ method: 'GET', url: '/v1/quotes/1' });

    expect(patched.json().quote).toMatchObject({ product_price: 3000, amount_due: 2940 });
    expect(invoice.headers['content-type']).toBe('application/pdf');
    expect(invoice.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(deleted.json()).toEqual({ message: 'Quote deleted successfully' });
    expect(gone.statusCode).toBe(404);
  });
});
