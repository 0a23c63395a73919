import { describe, expect, it } from 'vitest';
import { storesOf, TOKEN, testApp } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { growCustomer } from '../../support/grow-customers.js';
import { growCatalogue, growProduct } from '../../support/grow-products.js';
import { publishedGrow } from '../../support/grow-published.js';
import { scriptedIds } from '../../support/ids.js';

// The wallet (reference §4 /partners/wallet; examples §28–§30): the published bodies byte for
// byte, and every debit and credit as a transaction.

const published = publishedGrow;

const PUBLISHED_WALLETS = [
  { currency: 'NGN', balance: 855765.29 },
  { currency: 'GHS', balance: -4372.58 },
  { currency: 'USD', balance: 0 },
  { currency: 'KES', balance: 100 },
];

async function walletApp(wallets = PUBLISHED_WALLETS, alphanumeric: string[] = []) {
  return testApp({
    growWallets: wallets,
    growCustomers: [growCustomer({ ref: 'CUS-1' })],
    growCatalogue: growCatalogue([growProduct({ code: 'git-test', currency: 'GHS' })]),
    clock: new ManualClock('2023-01-10T08:00:00.000Z'),
    deps: { ids: scriptedIds({ alphanumeric }) },
  });
}

describe('Grow wallet', () => {
  it('balance: the published bare array, balances as strings, in currency order', async () => {
    const sim = await walletApp();

    const all = await sim.request({ method: 'GET', url: '/api/v1/partners/wallet/balance' });
    const one = await sim.request({ method: 'GET', url: '/v1/partners/wallet/balance?wallet=ngn' });

    expect(all.body).toBe(published('balance-200.json'));
    expect(one.body).toBe('[{"currency":"NGN","balance":"855765.29"}]');
  });

  it('init-topup: the published 200; paying the link credits the wallet and records a transaction', async () => {
    const sim = await walletApp(PUBLISHED_WALLETS, ['hpq3a1iw9exaj66']);

    const topup = await sim.request({
      method: 'POST',
      url: '/api/v1/partners/wallet/init-topup',
      payload: { amount: 10000.2, currency: 'NGN' },
    });
    const paid = await sim.request({ method: 'POST', url: '/__admin/grow/wallet/topups/hpq3a1iw9exaj66' });
    const again = await sim.request({ method: 'POST', url: '/__admin/grow/wallet/topups/hpq3a1iw9exaj66' });
    const balance = await sim.request({ method: 'GET', url: '/v1/partners/wallet/balance?wallet=NGN' });

    expect(topup.body).toBe(published('topup-200.json'));
    expect(paid.json().topup).toMatchObject({ status: 'paid', amount: 10000.2 });
    expect(again.statusCode).toBe(409);
    expect(balance.json()).toEqual([{ currency: 'NGN', balance: '865765.49' }]);
  });

  it('init-topup: the published 422 (both fields at once) and 400 (a wallet the gateway cannot fund)', async () => {
    const sim = await walletApp([...PUBLISHED_WALLETS, { currency: 'EUR', balance: 0 }]);

    const invalid = await sim.request({
      method: 'POST',
      url: '/v1/partners/wallet/init-topup',
      payload: { currency: 'ZAR' },
    });
    const unsupported = await sim.request({
      method: 'POST',
      url: '/v1/partners/wallet/init-topup',
      payload: { amount: 50, currency: 'EUR' },
    });

    expect([invalid.statusCode, invalid.body]).toEqual([422, published('topup-422.json')]);
    expect([unsupported.statusCode, unsupported.body]).toEqual([400, published('topup-400.json')]);
    expect(storesOf(sim.app, TOKEN).grow.topups.size).toBe(0);
  });

  it('transactions: every purchase debit, top-up and refund, newest first, filtered', async () => {
    const sim = await walletApp(PUBLISHED_WALLETS, ['topupcode000001']);
    const bought = await sim.request({
      method: 'POST',
      url: '/v1/orders',
      payload: {
        product_code: 'git-test',
        customer_ref: 'CUS-1',
        policy_start_date: '2023-02-01',
        asset_value: 100000,
        trip_frequency: 'single',
        pickup_location: 'Accra',
        dropoff_location: 'Kumasi',
      },
    });
    expect(bought.statusCode, bought.body).toBe(200);
    await sim.request({ method: 'POST', url: `/v1/orders/${bought.json().order.id}/cancel` });
    await sim.request({
      method: 'POST',
      url: '/v1/partners/wallet/init-topup',
      payload: { amount: 500, currency: 'GHS' },
    });
    await sim.request({ method: 'POST', url: '/__admin/grow/wallet/topups/topupcode000001' });

    const all = await sim.request({ method: 'GET', url: '/v1/partners/wallet/transactions' });
    const credits = await sim.request({ method: 'GET', url: '/v1/partners/wallet/transactions?type=credit' });
    const outside = await sim.request({
      method: 'GET',
      url: `/v1/partners/wallet/transactions?dateRange=${encodeURIComponent('{"start":"2022-12-01","end":"2023-01-09"}')}`,
    });
    const searched = await sim.request({
      method: 'GET',
      url: '/v1/partners/wallet/transactions?search=top-up',
    });
    const badRange = await sim.request({
      method: 'GET',
      url: '/v1/partners/wallet/transactions?dateRange=soon',
    });

    expect(all.json().data).toEqual([
      {
        reference: 'TRX-00000003',
        type: 'credit',
        amount: '500.00',
        opening_balance: '-4372.58',
        closing_balance: '-3872.58',
        narration: 'Wallet top-up topupcode000001',
        currency: 'GHS',
        created_at: '2023-01-10T08:00:00.000000Z',
      },
      {
        reference: 'TRX-00000002',
        type: 'credit',
        amount: '980.00',
        opening_balance: '-5352.58',
        closing_balance: '-4372.58',
        narration: 'Refund for order 1',
        currency: 'GHS',
        created_at: '2023-01-10T08:00:00.000000Z',
      },
      {
        reference: 'TRX-00000001',
        type: 'debit',
        amount: '980.00',
        opening_balance: '-4372.58',
        closing_balance: '-5352.58',
        narration: 'Order 1',
        currency: 'GHS',
        created_at: '2023-01-10T08:00:00.000000Z',
      },
    ]);
    expect(all.json().meta).toMatchObject({ per_page: 16, total: 3 });
    expect(credits.json().data.map((item: { reference: string }) => item.reference)).toEqual([
      'TRX-00000003',
      'TRX-00000002',
    ]);
    expect(outside.json().data).toEqual([]);
    expect(searched.json().data).toHaveLength(1);
    expect(badRange.json()).toEqual({
      message: 'The given data was invalid',
      errors: { dateRange: ['The date range must be a valid JSON string.'] },
    });
  });
});
