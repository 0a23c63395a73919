import { afterEach, describe, expect, it } from 'vitest';
import { storesOf, type TestApp, TOKEN, testApp } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { growCustomer } from '../../support/grow-customers.js';
import { growCatalogue, growProduct } from '../../support/grow-products.js';
import { Receiver, verifiedLikePhp, waitFor } from '../../support/receiver.js';

// Instalments (reference §8 `instalment.due`): a monthly policy's later premiums, noticed three
// days before each charge date; a 2xx authorises the charge to the wallet, anything else leaves it
// unpaid and the policy lapses.

const DAY = 24 * 60 * 60 * 1000;
let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

async function monthlyPolicy(clock: ManualClock) {
  receiver = await new Receiver().start();
  const sim = await testApp({
    clock,
    growWallets: [{ currency: 'GHS', balance: 10000 }],
    growCustomers: [growCustomer({ ref: 'CUS-1' })],
    growCatalogue: growCatalogue([
      growProduct({
        code: 'gadget-monthly',
        premium_type: 'fixed',
        price: 1000,
        premium_frequencies: ['monthly'],
      }),
    ]),
  });
  await sim.request({
    method: 'PUT',
    url: '/__admin/grow/webhook',
    payload: { url: receiver.url, secret: 's' },
  });
  const bought = await sim.request({
    method: 'POST',
    url: '/v1/orders',
    payload: {
      product_code: 'gadget-monthly',
      customer_ref: 'CUS-1',
      policy_start_date: '2024-06-01',
      premium_frequency: 'monthly',
      asset_value: 1000,
      trip_frequency: 'single',
      pickup_location: 'Accra',
      dropoff_location: 'Tema',
    },
  });
  expect(bought.statusCode, bought.body).toBe(200);
  clock.advance(2000);
  await waitFor(() => receiver?.received.length === 1, 'policy.created');
  return sim;
}

/**
 * Moves the clock to `iso`, then lets each delivery attempt arrive and be answered, moving the
 * clock to each retry, until `deliveries` requests have arrived.
 */
async function reach(sim: TestApp, clock: ManualClock, iso: string, deliveries: number) {
  clock.advance(Date.parse(iso) - clock.now());
  const arrived = () => receiver?.received.length ?? 0;
  while (arrived() < deliveries) {
    const before = arrived();
    await waitFor(() => arrived() > before, 'a delivery attempt');
    await waitFor(() => attemptsRecorded(sim) >= arrived(), 'its answer');
    const retry = nextRetry(sim);
    if (retry !== undefined && arrived() < deliveries) clock.advance(retry - clock.now());
  }
}
const deliveriesOf = (sim: TestApp) => storesOf(sim.app, TOKEN).growWebhooks.deliveries;
const attemptsRecorded = (sim: TestApp) =>
  deliveriesOf(sim).reduce((count, delivery) => count + delivery.attempts.length, 0);
const nextRetry = (sim: TestApp) => {
  const at = deliveriesOf(sim).find((delivery) => delivery.state === 'pending')?.next_attempt_at;
  return at ? Date.parse(at) : undefined;
};

describe('Grow instalments', () => {
  it('three months: instalment.due answered 200, 200, then 500: two charges, then unpaid and lapsed', async () => {
    const clock = new ManualClock('2024-05-20T09:00:00.000Z');
    const sim = await monthlyPolicy(clock);
    // policy.created took its 200; then the three notices: 200, 200, and 500 on every attempt.
    receiver?.answers.push(200, 200, 500, 500, 500, 500, 500);

    await reach(sim, clock, '2024-06-28T00:00:00.000Z', 2);
    await reach(sim, clock, '2024-07-29T00:00:00.000Z', 3);
    await reach(sim, clock, '2024-08-29T00:00:00.000Z', 8);
    clock.advance(5 * DAY);

    const stores = storesOf(sim.app, TOKEN);
    const notices = receiver?.received.filter((received) => received.body.event === 'instalment.due') ?? [];
    expect(notices.map((notice) => notice.body.data.instalment)).toEqual([2, 3, 4, 4, 4, 4, 4]);
    expect(notices.every((notice) => verifiedLikePhp(notice, 's'))).toBe(true);
    expect(notices[0]?.body.data).toEqual({
      id: 1,
      instalment: 2,
      instalments: 12,
      amount: 980,
      currency: 'GHS',
      due_date: '2024-07-01T00:00:00.000000Z',
      policy: { id: 1, number: 'AXA-GIT-2024-000001' },
      order: { id: 1, asset_ref: null, premium_frequency: 'monthly' },
      customer: { ref: 'CUS-1', first_name: 'Jane', last_name: 'Doe', email: 'string' },
    });
    expect(
      stores.grow.instalments
        .list()
        .slice(0, 4)
        .map((instalment) => instalment.status),
    ).toEqual(['paid', 'paid', 'unpaid', 'scheduled']);
    const debits = stores.grow.wallet_transactions
      .all()
      .map((transaction) => [transaction.description, transaction.created_at]);
    expect(debits).toEqual([
      ['Order 1', '2024-05-20T09:00:00.000000Z'],
      ['Instalment 2 of 12, order 1', '2024-07-01T00:00:00.000000Z'],
      ['Instalment 3 of 12, order 1', '2024-08-01T00:00:00.000000Z'],
    ]);
    const order = (await sim.request({ method: 'GET', url: '/v1/orders/1' })).json().order;
    expect(order.policy).toMatchObject({ status: 'lapsed', end_date: '2025-06-01T00:00:00.000000Z' });

    // A lapsed policy is charged no more: the fifth premium is not even noticed.
    clock.advance(40 * DAY);
    expect(stores.grow.instalments.find(4)?.status).toBe('unpaid');
    expect(receiver?.received.length).toBe(8);
  });

  it('without a webhook URL an instalment is not authorised: unpaid at its notice', async () => {
    const clock = new ManualClock('2024-05-20T09:00:00.000Z');
    const sim = await monthlyPolicy(clock);
    await sim.request({ method: 'PUT', url: '/__admin/grow/webhook', payload: { url: null } });

    clock.advance(Date.parse('2024-07-02T00:00:00.000Z') - clock.now());

    expect(storesOf(sim.app, TOKEN).grow.instalments.find(1)?.status).toBe('unpaid');
    expect(storesOf(sim.app, TOKEN).grow.wallet_transactions.size).toBe(1);
  });
});
