import { afterEach, describe, expect, it } from 'vitest';
import { storesOf, type TestApp, TOKEN, testApp } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { growOrder } from '../../support/grow-orders.js';
import { growCatalogue, growProduct } from '../../support/grow-products.js';
import { publishedGrow, publishedGrowFile, publishedGrowPartial } from '../../support/grow-published.js';
import { scriptedIds } from '../../support/ids.js';
import { Receiver, verifiedLikePhp, waitFor } from '../../support/receiver.js';

// Claims (reference §4 /claims; examples §21–§24, §33): the published bodies byte for byte, and
// the insurer's steps on the sandbox clock with every webhook, signed, in order.

const published = publishedGrow;
const partial = publishedGrowPartial;

const POLICY = {
  id: 8,
  number: 'PH-34243TF',
  description: 'Lorem ipsum...',
  start_date: '2022-03-24T00:00:00.000000Z',
  end_date: '2023-03-24T00:00:00.000000Z',
  status: 'active',
  document_url: 'http://localhost/api/v1/policies/8/doc',
};
const insuredOrder = growOrder({ id: 30, status: 'policy_created', currency: 'EUR', policy: POLICY });
const CLAIM = {
  policy_number: 'PH-34243TF',
  amount: 239832,
  attachments: [1],
  payment_details: { bank_name: 'First Bank', account_number: '3083137524', sort_code: '901290' },
};

/** Loads the sandbox's saved state with `change` applied: counters and records as a test needs them. */
async function withState(sim: TestApp, change: (grow: Record<string, unknown>) => void) {
  const state = (await sim.request({ method: 'GET', url: '/__admin/state' })).json();
  change(state.grow);
  const loaded = await sim.request({ method: 'PUT', url: '/__admin/state', payload: state });
  expect(loaded.statusCode).toBe(200);
}

async function claimsApp(options: { claimLimit?: number; clock?: ManualClock; offerMs?: number } = {}) {
  const sim = await testApp({
    grow: [insuredOrder],
    growCatalogue: growCatalogue([
      growProduct({ code: 'test-cover', claim_limit: options.claimLimit ?? null }),
    ]),
    clock: options.clock ?? new ManualClock('2022-03-12T14:19:50.000Z'),
    config: { growClaimDelays: { reviewMs: 0, offerMs: options.offerMs ?? 2000, payoutMs: 1000 } },
  });
  await sim.request({
    method: 'POST',
    url: '/v1/attachments',
    payload: { file_url: 'https://example.com/a.pdf' },
  });
  return sim;
}

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

describe('Grow claims: the published examples', () => {
  it('Create Claim: 201 with the published body, the offer capped at the product’s claim limit', async () => {
    const sim = await claimsApp({ claimLimit: 100000 });
    await withState(sim, (grow) => {
      grow.next_claim_id = 8;
    });

    const response = await sim.request({ method: 'POST', url: '/v1/claims', payload: CLAIM });

    expect(response.statusCode).toBe(201);
    expect(response.body).toBe(published('claim-create-201.json'));
  });

  it('Create Claim: the 422 names every missing field in the published order and wording', async () => {
    const sim = await claimsApp();

    const response = await sim.request({ method: 'POST', url: '/api/v1/claims', payload: {} });

    expect(response.statusCode).toBe(422);
    expect(response.body.startsWith(partial('claim-create-422.partial'))).toBe(true);
    expect(response.json()).toEqual({
      message: 'The given data was invalid',
      errors: {
        policy_number: ['The policy_number is required'],
        amount: ['The amount field is required'],
        payment_details: ['The payment_details field is required'],
        attachments: ['The attachments field is required'],
      },
    });
    expect(storesOf(sim.app, TOKEN).grow.claims.size).toBe(0);
  });

  it('an unknown policy number or attachment is invalid, and files nothing', async () => {
    const sim = await claimsApp();

    const response = await sim.request({
      method: 'POST',
      url: '/v1/claims',
      payload: { ...CLAIM, policy_number: 'NOPE', attachments: [1, 99] },
    });

    expect(response.json()).toEqual({
      message: 'The given data was invalid',
      errors: {
        policy_number: ['The selected policy_number is invalid'],
        'attachments.1': ['The selected attachments.1 is invalid'],
      },
    });
    expect(storesOf(sim.app, TOKEN).grow.next_claim_id.peek()).toBe(1);
  });

  it('List claims: the published item; the 400 for an unknown status, byte for byte', async () => {
    const sim = await claimsApp({ claimLimit: 100000 });
    await withState(sim, (grow) => {
      grow.next_claim_id = 8;
    });
    await sim.request({ method: 'POST', url: '/v1/claims', payload: CLAIM });

    const list = await sim.request({ method: 'GET', url: '/v1/claims?status=processing' });
    const bad = await sim.request({ method: 'GET', url: '/v1/claims?status=lost' });

    const example = JSON.parse(publishedGrowFile('claims-list-200.json'));
    expect(list.json().data).toEqual(example.data);
    expect(list.json().links).toEqual({
      first: 'http://localhost:80/v1/claims?page=1',
      last: 'http://localhost:80/v1/claims?page=1',
      prev: null,
      next: null,
    });
    expect(Object.keys(list.json())).toEqual(['data', 'links']);
    expect([bad.statusCode, bad.body]).toEqual([400, published('claims-list-400.json')]);
  });

  it('discharge_voucher.created: the published payload, typos and all, signed over its bytes', async () => {
    receiver = await new Receiver().start();
    const clock = new ManualClock('2022-08-05T06:17:17.000Z');
    const policy = {
      id: 16,
      number: '343473',
      start_date: '2022-08-24T00:00:00.000000Z',
      end_date: '2022-09-10T00:00:00.000000Z',
      status: null,
      document_url: 'https://api.playbox.grow.curacel.co/api/v1/policies/16/doc',
    };
    const sim = await testApp({
      grow: [
        growOrder({
          id: 129,
          status: 'policy_created',
          currency: 'NGN',
          payment_made_at: '2022-08-05T04:54:35.000000Z',
          policy,
        }),
      ],
      clock,
      deps: { ids: scriptedIds({ alphanumeric: ['GRu7W'] }) },
    });
    await sim.request({
      method: 'PUT',
      url: '/__admin/grow/webhook',
      payload: { url: receiver.url, secret: 'whsec_1' },
    });
    await withState(sim, (grow) => {
      grow.next_voucher_id = 7;
      grow.claims = [
        {
          id: 18,
          status: 'processing',
          order_id: 129,
          amount_requested: 55000,
          amount_approved: 45000,
          currency: 'NGN',
          attachments: [],
          payment_details: { bank_name: null, account_number: null, sort_code: null },
          child_partner_id: null,
          created_at: '2022-08-05T06:17:17.000000Z',
          decision: 'pay',
          vouchers: [],
          next_step_at: '2022-08-05T06:17:17.000000Z',
          base_url: 'https://api.playbox.grow.curacel.co',
        },
      ];
    });

    clock.advance(0);
    await waitFor(() => receiver?.received.length === 1, 'discharge_voucher.created');

    const [received] = receiver.received;
    expect(received?.raw).toBe(published('wh-dv-created.json'));
    expect(received && verifiedLikePhp(received, 'whsec_1')).toBe(true);
  });
});

describe('Grow claims: the insurer’s steps on the sandbox clock', () => {
  async function filed(amount: number) {
    receiver = await new Receiver().start();
    const clock = new ManualClock('2024-06-01T09:00:00.000Z');
    const sim = await claimsApp({ clock });
    await sim.request({
      method: 'PUT',
      url: '/__admin/grow/webhook',
      payload: { url: receiver.url, secret: 's' },
    });
    const created = await sim.request({ method: 'POST', url: '/v1/claims', payload: { ...CLAIM, amount } });
    expect(created.statusCode).toBe(201);
    return { sim, clock, id: created.json().claim.id as number };
  }
  const claimOf = async (sim: TestApp, id: number) =>
    (await sim.request({ method: 'GET', url: `/v1/claims/${id}` })).json().data;

  it('processing → offer → accept → paid and settled, each webhook signed and in order', async () => {
    const { sim, clock, id } = await filed(5000);
    expect((await claimOf(sim, id)).status).toBe('processing');

    clock.advance(2000);
    await waitFor(() => receiver?.received.length === 1, 'discharge_voucher.created');
    const offered = await claimOf(sim, id);
    const voucherId = receiver?.received[0]?.body.data.id;
    const accepted = await sim.request({
      method: 'PUT',
      url: `/v1/claims/${id}/discharge-voucher/${voucherId}`,
      payload: { status: 'accept', comment: 'Thanks' },
    });
    clock.advance(1000);
    await waitFor(() => receiver?.received.length === 3, 'discharge_voucher.paid and claim.settled');

    expect(offered).toMatchObject({ status: 'discharge_voucher', amount_approved: '5000.00' });
    expect(accepted.json().data).toMatchObject({ status: 'approved' });
    const events = receiver?.received.map((received) => received.body.event);
    expect(events).toEqual(['discharge_voucher.created', 'discharge_voucher.paid', 'claim.settled']);
    expect(receiver?.received.every((received) => verifiedLikePhp(received, 's'))).toBe(true);
    expect(receiver?.received[1]?.body.data.claim).toMatchObject({ status: 'settled' });
    expect(receiver?.received[2]?.body.data).toEqual({ ...(await claimOf(sim, id)), status: 'settled' });
  });

  it('a rejected offer goes back to the insurer, who offers halfway to the amount requested', async () => {
    const { sim, clock, id } = await filed(1000.02);
    clock.advance(2000);
    await waitFor(() => receiver?.received.length === 1, 'first offer');
    const first = receiver?.received[0]?.body.data as { id: number; amount: number };

    await sim.request({
      method: 'PUT',
      url: `/v1/claims/${id}/discharge-voucher/${first.id}`,
      payload: { status: 'reject', comment: 'Too low' },
    });
    const again = await sim.request({
      method: 'PUT',
      url: `/v1/claims/${id}/discharge-voucher/${first.id}`,
      payload: { status: 'accept' },
    });
    clock.advance(2000);
    await waitFor(() => receiver?.received.length === 2, 'second offer');

    expect(first.amount).toBe(500.01);
    expect([again.statusCode, again.body]).toEqual([404, '{"message":"Discharge voucher not found"}']);
    expect(receiver?.received[1]?.body.data.amount).toBe(750.02);
  });

  it('magic amounts: .01 is declined, .03 waits for documents until the control plane moves it', async () => {
    const { sim, clock, id } = await filed(100.01);
    const documents = await sim.request({
      method: 'POST',
      url: '/v1/claims',
      payload: { ...CLAIM, amount: 100.03 },
    });
    clock.advance(60_000);

    expect((await claimOf(sim, id)).status).toBe('declined');
    const waiting = await claimOf(sim, documents.json().claim.id);
    expect(waiting).toMatchObject({ status: 'pending', amount_approved: null });

    const moved = await sim.request({
      method: 'POST',
      url: `/__admin/grow/claims/${waiting.id}/step`,
      payload: { to: 'settled', amount_approved: 80 },
    });
    await waitFor(() => receiver?.received.length === 3, 'the three claim webhooks');

    expect(moved.json().data).toMatchObject({ status: 'settled', amount_approved: '80.00' });
    expect(receiver?.received.map((received) => received.body.event)).toEqual([
      'discharge_voucher.created',
      'discharge_voucher.paid',
      'claim.settled',
    ]);
    expect(receiver?.received[0]?.body.data.amount).toBe(80);
  });

  it('the list filters by status and searches the policy number and the customer', async () => {
    const { sim, clock } = await filed(10);
    clock.advance(2000);
    await sim.request({ method: 'POST', url: '/v1/claims', payload: { ...CLAIM, amount: 20 } });

    const offered = await sim.request({ method: 'GET', url: '/v1/claims?status=discharge_voucher' });
    const byName = await sim.request({ method: 'GET', url: '/v1/claims?search=jane%20doe' });
    const none = await sim.request({ method: 'GET', url: '/v1/claims?search=nobody' });

    expect(offered.json().data.map((claim: { amount_requested: string }) => claim.amount_requested)).toEqual([
      '10.00',
    ]);
    expect(byName.json().data.map((claim: { amount_requested: string }) => claim.amount_requested)).toEqual([
      '20.00',
      '10.00',
    ]);
    expect(none.json().data).toEqual([]);
  });

  it('a loaded state resumes the insurer’s next step', async () => {
    const { sim, clock, id } = await filed(300);
    const state = (await sim.request({ method: 'GET', url: '/__admin/state' })).json();

    await sim.request({ method: 'PUT', url: '/__admin/state', token: 'copy', payload: state });
    clock.advance(2000);

    const copy = await sim.request({ method: 'GET', url: `/v1/claims/${id}`, token: 'copy' });
    expect(copy.json().data.status).toBe('discharge_voucher');
  });
});

describe('Grow claims: timestamps', () => {
  it('stamps claims and attachments with second precision, as Laravel stores timestamps', async () => {
    const sim = await claimsApp({ clock: new ManualClock('2024-06-01T09:00:00.987Z') });

    const claim = await sim.request({ method: 'POST', url: '/v1/claims', payload: CLAIM });
    const attachment = await sim.request({ method: 'GET', url: '/v1/attachments/1' });

    expect(claim.json().claim.created_at).toBe('2024-06-01T09:00:00.000000Z');
    expect(attachment.json().attachment.created_at).toBe('2024-06-01T09:00:00.000000Z');
  });
});

describe('Grow claims: payment details', () => {
  it('names a payment detail that is not text, in the endpoint’s style', async () => {
    const sim = await claimsApp();

    const response = await sim.request({
      method: 'POST',
      url: '/v1/claims',
      payload: { ...CLAIM, payment_details: { bank_name: { nested: true }, sort_code: 901290 } },
    });

    expect(response.json()).toEqual({
      message: 'The given data was invalid',
      errors: { 'payment_details.bank_name': ['The payment_details.bank_name must be a string'] },
    });
  });
});
