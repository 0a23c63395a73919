import { describe, expect, it } from 'vitest';
import { storesOf, TOKEN, testApp } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { growCustomer } from '../../support/grow-customers.js';
import { growCatalogue, growProduct } from '../../support/grow-products.js';

// Purchase (reference §4 POST /orders): the wallet pays, the insurer issues the policy on the
// sandbox clock; a web-link order waits for its payment.

const CUSTOMER = growCustomer({
  id: 1,
  ref: 'CUS-1',
  first_name: 'Ama',
  last_name: 'Mensah',
  email: 'ama@example.com',
  phone: '+233200000000',
  created_at: '2024-04-01T09:00:00.000000Z',
});

const GIT_ORDER = {
  product_code: 'git-test',
  customer_ref: 'CUS-1',
  policy_start_date: '2024-05-10',
  asset_ref: 'TRUCK-7',
  asset_value: '500000',
  trip_frequency: 'single',
  pickup_location: 'Tema',
  dropoff_location: 'Kumasi',
};

async function app() {
  const clock = new ManualClock('2024-05-01T12:00:00.000Z');
  const sim = await testApp({
    clock,
    config: { growPolicyDelayMs: 2000 },
    growCustomers: [CUSTOMER],
    growCatalogue: growCatalogue([growProduct()]),
    growWallets: [{ currency: 'GHS', balance: 1000 }],
  });
  return { sim, clock };
}

describe('Grow purchase', () => {
  it('wallet: the order is paid, the wallet debited (below zero), the policy issued on the clock', async () => {
    const { sim, clock } = await app();

    const response = await sim.request({ method: 'POST', url: '/api/v1/orders', payload: GIT_ORDER });

    // 0.5 % of 500 000 = 2 500; 2 % commission = 50; 2 450 due.
    expect([response.statusCode, response.json()]).toEqual([
      200,
      {
        order: {
          id: 1,
          asset_ref: 'TRUCK-7',
          product_price: 2500,
          partner_commission: 50,
          amount_due: 2450,
          currency: 'GHS',
          payment_instructions: { message: 'Payment successful', success: true },
          payment_gateway_charge: null,
          status: 'paid',
          country: 'NG',
          meta: {
            broker_premium_rate: null,
            broker_taxes: null,
            premium_frequency: null,
            trips_per_day: null,
            trip_days_per_year: null,
            trip_frequency: 'single',
            pickup_location: 'Tema',
            dropoff_location: 'Kumasi',
            asset_value: 500000,
          },
        },
      },
    ]);
    const stores = storesOf(sim.app, TOKEN);
    expect(stores.grow.wallets.find('GHS')).toEqual({ currency: 'GHS', balance: -1450 });
    expect(stores.grow.wallet_transactions.all()).toEqual([
      {
        id: 1,
        reference: 'TRX-00000001',
        type: 'debit',
        currency: 'GHS',
        amount: 2450,
        opening_balance: 1000,
        balance_after: -1450,
        description: 'Order 1',
        order_id: 1,
        created_at: '2024-05-01T12:00:00.000000Z',
      },
    ]);

    clock.advance(2000);
    const order = (await sim.request({ method: 'GET', url: '/v1/orders/1' })).json().order;
    expect(order).toMatchObject({
      status: 'policy_created',
      amount_due: 2450,
      payment_method: 'wallet',
      payment_made_at: '2024-05-01T12:00:00.000000Z',
      customer: {
        ref: 'CUS-1',
        email: 'ama@example.com',
        phone: '+233200000000',
        first_name: 'Ama',
        last_name: 'Mensah',
      },
    });
    expect(order.policy.number).toBe('AXA-GIT-2024-000001');
    const listed = await sim.request({ method: 'GET', url: '/v1/orders' });
    expect(listed.json().orders.map((o: { id: number }) => o.id)).toEqual([1]);
  });

  it('web link: pending until the control plane completes the payment', async () => {
    const { sim, clock } = await app();

    const response = await sim.request({
      method: 'POST',
      url: '/v1/orders',
      payload: { ...GIT_ORDER, payment_type: 'web_link' },
    });
    const paid = await sim.request({ method: 'POST', url: '/__admin/grow/orders/1/payment' });
    const again = await sim.request({ method: 'POST', url: '/__admin/grow/orders/1/payment' });
    clock.advance(2000);
    const read = await sim.request({ method: 'GET', url: '/v1/orders/1' });

    expect(response.json().order).toMatchObject({
      status: 'pending',
      payment_instructions: { message: 'Awaiting payment by web link', success: false },
      payment_gateway_charge: 36.75,
    });
    expect(storesOf(sim.app, TOKEN).grow.wallets.find('GHS')?.balance).toBe(1000);
    expect(paid.json().order.status).toBe('paid');
    expect([again.statusCode, again.json()]).toEqual([
      409,
      { error: 'Order 1 is paid: only a pending order can be paid.' },
    ]);
    expect(read.json().order.status).toBe('policy_created');
  });

  it("answers Laravel's 422 naming every problem, and changes nothing", async () => {
    const { sim } = await app();

    const missing = await sim.request({
      method: 'POST',
      url: '/v1/orders',
      payload: { payment_type: 'cash' },
    });
    const wrong = await sim.request({
      method: 'POST',
      url: '/v1/orders',
      payload: {
        product_code: 'git-test',
        customer_ref: 'nobody',
        policy_start_date: '2024-05-10',
        trip_days_per_year: 400,
      },
    });

    expect([missing.statusCode, missing.json()]).toEqual([
      422,
      {
        message: 'The given data was invalid',
        errors: {
          product_code: ['The product code field is required.'],
          customer_ref: ['The customer ref field is required.'],
          payment_type: ['The selected payment type is invalid.'],
          policy_start_date: ['The policy start date field is required.'],
        },
      },
    ]);
    expect(wrong.json()).toEqual({
      message: 'The given data was invalid',
      errors: {
        customer_ref: ['The selected customer ref is invalid.'],
        asset_value: ['The asset value field is required.'],
        trips_per_day: ['The trips per day field is required when trip frequency is recurring.'],
        trip_days_per_year: ['The trip days per year must be between 1 and 365.'],
        pickup_location: ['The pickup location field is required.'],
        dropoff_location: ['The dropoff location field is required.'],
      },
    });
    expect(storesOf(sim.app, TOKEN).grow.orders.size).toBe(0);
  });
});
