import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PartnerSim, PartnerSimError, startPartnerSim } from '../../src/index.js';

// Every client method against a real simulator on 127.0.0.1: each test its own sandbox (token).
let sim: PartnerSim;
beforeAll(async () => {
  sim = await startPartnerSim({ logLevel: 'silent', now: '2024-05-01T12:00:00Z', seed: 'client-tests' });
});
afterAll(() => sim.close());

/** A partner request as the code under test would send it. */
async function partner(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('the admin client', () => {
  it('saves, loads and resets the sandbox state', async () => {
    const client = sim.client('state');
    const saved = await client.state.save();
    const seeded = await client.grow.orders.seed({});
    expect((await client.state.save()).grow.orders).toContainEqual(seeded);
    expect(await client.state.load(saved)).toEqual(saved);
    expect(await client.state.save()).toEqual(saved);
    await client.grow.orders.seed({});
    await client.reset();
    expect(await client.state.save()).toEqual(saved);
  });

  it('seeds and patches battleface orders and quotes, settles and cancels', async () => {
    const client = sim.client('battleface');
    const order = await client.battleface.orders.seed({ status: 'Pending' });
    expect((await client.state.save()).battleface.orders).toContainEqual(order);
    const patched = await client.battleface.orders.patch(order.order_number, { currency_id: 'EUR' });
    expect(patched).toEqual({ ...order, currency_id: 'EUR' });
    expect(
      await failure(client.battleface.orders.settleIntent(order.order_number, 'succeeded')),
    ).toMatchObject({
      status: 409,
      issues: [],
    });
    const cancelled = await client.battleface.orders.cancel(order.order_number);
    expect(cancelled.status).toBe('Cancelled');

    const quote = await client.battleface.quotes.seed({});
    expect((await client.state.save()).battleface.quotes).toContainEqual(quote);
    const addressed = await client.battleface.quotes.patch(quote.id, { email: 'qa@example.com' });
    expect(addressed).toEqual({ ...quote, email: 'qa@example.com' });
    expect(await client.battleface.emails()).toEqual([]);
    expect(await client.battleface.documents()).toEqual([]);
  });

  it("throws the simulator's message and issues as a PartnerSimError", async () => {
    const client = sim.client('errors');
    const missing = await failure(client.battleface.orders.patch('NOPE-1', {}));
    expect(missing).toBeInstanceOf(PartnerSimError);
    expect({ ...(missing as PartnerSimError), message: (missing as Error).message }).toEqual({
      status: 404,
      error: 'No battleface order NOPE-1 in this sandbox.',
      issues: [],
      method: 'PATCH',
      path: '/__admin/battleface/orders/NOPE-1',
      name: 'PartnerSimError',
      message:
        'partner-sim answered 404 to PATCH /__admin/battleface/orders/NOPE-1: No battleface order NOPE-1 in this sandbox.',
    });
    const invalid = (await failure(client.grow.orders.seed({ id: -1 } as never))) as PartnerSimError;
    expect(invalid.status).toBe(400);
    expect(invalid.error).toBe('Invalid input.');
    expect(invalid.issues).toEqual(['id: Too small: expected number to be >0']);
    expect(await failure(client.grow.claims.step(999, 'settled'))).toMatchObject({
      status: 404,
      error: 'No Grow claim 999 in this sandbox.',
    });
    expect(await failure(client.grow.wallet.payTopup('TOP-NONE'))).toMatchObject({
      status: 404,
      error: 'No Grow top-up TOP-NONE in this sandbox.',
    });
  });

  it('seeds, patches and pays Grow orders', async () => {
    const client = sim.client('grow');
    const order = await client.grow.orders.seed({ status: 'pending' });
    expect(await client.grow.orders.patch(order.id, { status: 'pending' })).toEqual(order);
    const paid = await client.grow.orders.pay(order.id);
    expect(paid).toEqual((await client.state.save()).grow.orders.find((o) => o.id === order.id));
    expect(paid.status).toBe('paid');
  });

  it('moves a Grow claim to settled and pays a wallet top-up', async () => {
    const client = sim.client('grow-claims');
    const policy = {
      id: 901,
      number: 'AXA-GIT-2024-000901',
      start_date: '2024-05-10T00:00:00.000000Z',
      end_date: '2025-05-10T00:00:00.000000Z',
      status: 'active',
      document_url: `${sim.url}/api/v1/policies/901/doc`,
    };
    await client.grow.orders.seed({ status: 'policy_created', policy });
    const attachment = await partner('grow-claims', 'POST', '/v1/attachments', {
      file_url: 'https://example.com/a.pdf',
    });
    const filed = await partner('grow-claims', 'POST', '/v1/claims', {
      policy_number: policy.number,
      amount: 700,
      attachments: [(attachment.body as { attachment: { id: number } }).attachment.id],
      payment_details: { bank_name: 'First Bank', account_number: '1', sort_code: '2' },
    });
    expect(filed.status).toBe(201);

    const claimId = (filed.body as { claim: { id: number } }).claim.id;
    const settled = await client.grow.claims.step(claimId, 'settled', { amountApproved: 650 });
    const topup = await partner('grow-claims', 'POST', '/v1/partners/wallet/init-topup', {
      amount: 50,
      currency: 'NGN',
    });
    const code = (topup.body as { payment_link: string }).payment_link.split('/').pop() ?? '';
    const paid = await client.grow.wallet.payTopup(code);

    expect(settled).toMatchObject({
      status: 'settled',
      amount_requested: '700.00',
      amount_approved: '650.00',
    });
    expect(paid).toMatchObject({ code, currency: 'NGN', amount: 50, status: 'paid' });
  });

  it('settles a battleface payment intent: the order is Approved', async () => {
    const client = sim.client('battleface-intent');
    const order = await client.battleface.orders.seed({ status: 'Pending' });
    const intent = await partner(
      'battleface-intent',
      'GET',
      `/api/partner/orders/${order.order_number}/payment/intent`,
    );
    expect(intent.status).toBe(200);

    const approved = await client.battleface.orders.settleIntent(order.order_number, 'succeeded');

    expect(approved.status).toBe('Approved');
  });

  it('lists, counts, waits for and clears recorded requests', async () => {
    const client = sim.client('journal');
    const authorize = await partner('journal', 'POST', '/api/v1/orders/authorize', { id: 3 });
    const [entry] = await client.requests.list({ partner: 'grow' });
    expect(entry).toEqual({
      id: expect.any(String),
      time: expect.any(String),
      sandbox: '****',
      partner: 'grow',
      method: 'POST',
      path: '/api/v1/orders/authorize',
      query: {},
      headers: expect.objectContaining({ authorization: '****rnal', 'content-type': 'application/json' }),
      body: { id: 3 },
      status: authorize.status,
      response_body: authorize.body,
      duration_ms: expect.any(Number),
    });
    expect(await client.requests.count({ path: '*/orders/authorize', body: { id: 3 } })).toBe(1);
    expect(await client.requests.waitFor({ method: 'post', body: { id: 3 } })).toEqual([entry]);
    await client.requests.clear();
    expect(await client.requests.list()).toEqual([]);
  });

  it('adds, lists, removes and clears fault rules', async () => {
    const client = sim.client('faults');
    const rule = await client.faults.add({
      match: { partner: 'grow', path: '/api/v1/orders/*' },
      action: { status: 503 },
    });
    expect(rule).toEqual({
      id: expect.any(String),
      match: { partner: 'grow', path: '/api/v1/orders/*' },
      action: { status: 503 },
      times: null,
      remaining: null,
      probability: 1,
      fired: 0,
    });
    expect(await client.faults.list()).toEqual([rule]);
    await client.faults.remove(rule.id);
    await client.faults.add({ match: {}, action: { status: 500 } });
    await client.faults.clear();
    expect(await client.faults.list()).toEqual([]);
  });

  it('sets and reads where webhooks go, and rotates the sandbox key', async () => {
    const client = sim.client('settings');
    const settings = {
      url: 'http://127.0.0.1:9999/hooks',
      secret: 'whsec_long_enough_1234',
      deliver_twice: true,
    };
    const masked = { ...settings, secret: '****1234' };
    expect(await client.webhooks.configure(settings)).toEqual(masked);
    expect(await client.webhooks.settings()).toEqual(masked);
    expect(await client.webhooks.list()).toEqual([]);
    expect(await client.rotateToken('settings-2')).toEqual({ token: 'settings-2' });
    expect(await sim.client('settings-2').webhooks.settings()).toEqual(masked);
    expect(await failure(client.webhooks.settings())).toMatchObject({
      status: 401,
      error: 'This token was rotated away (POST /__admin/token/rotate): use the token it was rotated to.',
    });
  });

  it('freezes, advances and resumes the clock', async () => {
    const client = sim.client('clock');
    expect(await client.clock.freeze('2025-01-01T00:00:00Z')).toEqual({
      now: '2025-01-01T00:00:00.000Z',
      frozen: true,
    });
    expect(await client.clock.advance(60_000)).toEqual({ now: '2025-01-01T00:01:00.000Z', frozen: true });
    expect((await client.clock.resume()).frozen).toBe(false);
  });
});
