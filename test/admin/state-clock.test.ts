import { describe, expect, it } from 'vitest';
import { storesOf, testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { growOrder } from '../support/grow-orders.js';

const NOW = '2024-05-01T12:00:00.000Z';

describe('/__admin/clock', () => {
  it('flows with real time by default', async () => {
    const sim = await testApp();
    sim.clock.advance(1000);

    const response = await sim.request({ method: 'GET', url: '/__admin/clock' });

    expect(response.json()).toEqual({ now: '2024-05-01T12:00:01.000Z', frozen: false });
  });

  it('freezes, advances (running what became due) and resumes', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const frozen = await sim.request({
      method: 'PUT',
      url: '/__admin/clock',
      payload: { now: '2030-01-01T00:00:00Z' },
    });
    expect(frozen.json()).toEqual({ now: '2030-01-01T00:00:00.000Z', frozen: true });

    const paid = await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });
    expect(paid.json().order.payment_made_at).toBe('2030-01-01T00:00:00.000000Z');
    sim.clock.advance(60_000);
    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).json().order.status).toBe('paid');

    const advanced = await sim.request({
      method: 'POST',
      url: '/__admin/clock/advance',
      payload: { ms: 2000 },
    });
    expect(advanced.json()).toEqual({ now: '2030-01-01T00:00:02.000Z', frozen: true });
    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).json().order.status).toBe(
      'policy_created',
    );

    const resumed = await sim.request({ method: 'POST', url: '/__admin/clock/resume' });
    expect(resumed.json()).toEqual({ now: '2030-01-01T00:00:02.000Z', frozen: false });
    sim.clock.advance(500);
    expect((await sim.request({ method: 'GET', url: '/__admin/clock' })).json()).toEqual({
      now: '2030-01-01T00:00:02.500Z',
      frozen: false,
    });
  });

  it('lists the work waiting on the clock, soonest first, with its due times', async () => {
    const sim = await testApp({ grow: [growOrder(), growOrder({ id: 11 })] });
    await sim.request({ method: 'PUT', url: '/__admin/clock', payload: { now: '2030-01-01T00:00:00Z' } });
    await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 11 } });
    await sim.request({ method: 'POST', url: '/__admin/clock/advance', payload: { ms: 1000 } });
    await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });

    const response = await sim.request({ method: 'GET', url: '/__admin/clock/pending' });
    await sim.request({ method: 'POST', url: '/__admin/clock/advance', payload: { ms: 5000 } });
    const after = await sim.request({ method: 'GET', url: '/__admin/clock/pending' });

    expect(response.json()).toEqual({
      now: '2030-01-01T00:00:01.000Z',
      frozen: true,
      scheduled: 2,
      work: [
        {
          partner: 'grow',
          kind: 'policy issuance',
          subject: 'order 11',
          due_at: '2030-01-01T00:00:02.000000Z',
        },
        {
          partner: 'grow',
          kind: 'policy issuance',
          subject: 'order 10',
          due_at: '2030-01-01T00:00:03.000000Z',
        },
      ],
    });
    expect(after.json()).toEqual({ now: '2030-01-01T00:00:06.000Z', frozen: true, scheduled: 0, work: [] });
  });

  it('rejects bad input with the issues', async () => {
    const sim = await testApp();

    const badNow = await sim.request({ method: 'PUT', url: '/__admin/clock', payload: { now: 'tomorrow' } });
    const badMs = await sim.request({ method: 'POST', url: '/__admin/clock/advance', payload: { ms: -5 } });

    expect(badNow.statusCode).toBe(400);
    expect(badNow.json()).toEqual({
      error: 'Invalid input.',
      issues: ['now: expected an ISO 8601 instant like 2024-05-01T12:00:00Z'],
    });
    expect(badMs.statusCode).toBe(400);
    expect(badMs.json()).toEqual({
      error: 'Invalid input.',
      issues: ['ms: Too small: expected number to be >=0'],
    });
  });

  it('starts every new sandbox frozen at SIM_NOW', async () => {
    const sim = await testApp({ config: { now: Date.parse('2022-04-06T10:34:20Z') } });

    const response = await sim.request({ method: 'GET', url: '/__admin/clock' });

    expect(response.json()).toEqual({ now: '2022-04-06T10:34:20.000Z', frozen: true });
  });

  it('is per sandbox', async () => {
    const sim = await testApp();
    await sim.request({
      token: 'a',
      method: 'PUT',
      url: '/__admin/clock',
      payload: { now: '2030-01-01T00:00:00Z' },
    });

    expect((await sim.request({ token: 'b', method: 'GET', url: '/__admin/clock' })).json()).toEqual({
      now: NOW,
      frozen: false,
    });
  });
});

describe('/__admin/state', () => {
  it("returns the sandbox's whole state for both partners", async () => {
    const bf = battlefaceOrder();
    const grow = growOrder();
    const sim = await testApp({ battleface: [bf], grow: [grow] });

    const response = await sim.request({ method: 'GET', url: '/__admin/state' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      version: 2,
      clock: { now: NOW, frozen: false },
      faults: [],
      battleface: {
        orders: [bf],
        documents: [],
        emails: [],
        next_file_id: 11250,
        quotes: [],
        payments: [],
        next_client_id: 123,
        claims: [],
      },
      grow: {
        orders: [grow],
        next_policy_id: 1,
        pending_policies: [],
        customers: [],
        next_customer_id: 1,
        quotes: [],
        wallets: [],
        wallet_transactions: [],
        claims: [],
        next_claim_id: 1,
        next_voucher_id: 1,
        attachments: [],
        next_attachment_id: 1,
        topups: [],
        instalments: [],
        next_instalment_id: 1,
        issued_policies: [],
        webhook: { url: null, secret: '', deliver_twice: false },
      },
    });
  });

  it('restores a saved state exactly, in another sandbox, pending work included', async () => {
    const bf = battlefaceOrder();
    const sim = await testApp({ battleface: [bf], grow: [growOrder(), growOrder({ id: 11 })] });
    await sim.request({
      token: 'qa',
      method: 'PUT',
      url: '/__admin/clock',
      payload: { now: '2030-01-01T00:00:00Z' },
    });
    await sim.request({
      token: 'qa',
      method: 'POST',
      url: `/api/partner/orders/${bf.order_number}/payment/status`,
      payload: { status: 'Approved' },
    });
    await sim.request({ token: 'qa', method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });
    await sim.request({
      token: 'qa',
      method: 'PATCH',
      url: '/__admin/grow/orders/11',
      payload: { status: 'cancelled' },
    });
    const saved = (await sim.request({ token: 'qa', method: 'GET', url: '/__admin/state' })).json();
    expect(saved.grow.pending_policies).toEqual([
      { order_id: 10, due_at: '2030-01-01T00:00:02.000000Z', base_url: 'http://localhost:80' },
    ]);

    const put = await sim.request({ token: 'ci', method: 'PUT', url: '/__admin/state', payload: saved });

    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual(saved);
    expect((await sim.request({ token: 'ci', method: 'GET', url: '/__admin/state' })).json()).toEqual(saved);
    await sim.request({ token: 'ci', method: 'POST', url: '/__admin/clock/advance', payload: { ms: 2000 } });
    expect(
      (await sim.request({ token: 'ci', method: 'GET', url: '/v1/orders/10' })).json().order.policy,
    ).toMatchObject({
      id: 1,
      status: 'active',
    });
  });

  it('drops orders a restored state does not hold', async () => {
    const sim = await testApp({ battleface: [battlefaceOrder()], grow: [growOrder()] });
    const empty = {
      version: 2,
      clock: { now: NOW, frozen: true },
      faults: [],
      battleface: {
        orders: [],
        documents: [],
        emails: [],
        next_file_id: 1,
        quotes: [],
        payments: [],
        next_client_id: 1,
        claims: [],
      },
      grow: {
        orders: [],
        next_policy_id: 1,
        pending_policies: [],
        customers: [],
        next_customer_id: 1,
        quotes: [],
        wallets: [],
        wallet_transactions: [],
        claims: [],
        next_claim_id: 1,
        next_voucher_id: 1,
        attachments: [],
        next_attachment_id: 1,
        topups: [],
        instalments: [],
        next_instalment_id: 1,
        issued_policies: [],
        webhook: { url: null, secret: '', deliver_twice: false },
      },
    };

    await sim.request({ method: 'PUT', url: '/__admin/state', payload: empty });

    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).statusCode).toBe(404);
    expect((await sim.request({ method: 'GET', url: '/__admin/state' })).json()).toEqual(empty);
  });

  it('rejects an invalid state listing the issues, changing nothing', async () => {
    const bf = battlefaceOrder();
    const sim = await testApp({ battleface: [bf] });
    const state = (await sim.request({ method: 'GET', url: '/__admin/state' })).json();
    state.battleface.orders[0].status = 'Paid';
    delete state.grow;

    const response = await sim.request({ method: 'PUT', url: '/__admin/state', payload: state });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'Invalid input.',
      issues: [
        'battleface.orders.0.status: Invalid option: expected one of "Pending"|"Approved"|"Cancelled"',
        'grow: Invalid input: expected object, received undefined',
      ],
    });
    expect(
      (await sim.request({ method: 'GET', url: `/api/partner/orders/${bf.order_number}` })).json(),
    ).toEqual({
      data: bf,
    });
  });

  it('rejects duplicates and due dates that are not real instants, changing nothing', async () => {
    const bf = battlefaceOrder();
    const sim = await testApp({ battleface: [bf], grow: [growOrder()] });
    const state = (await sim.request({ method: 'GET', url: '/__admin/state' })).json();
    state.battleface.orders.push(bf);
    state.grow.orders.push(growOrder());
    state.grow.pending_policies = [
      { order_id: 10, due_at: '2024-99-99T99:99:99.000000Z', base_url: 'http://localhost' },
      { order_id: 10, due_at: '2024-05-01T12:00:02.000000Z', base_url: 'http://localhost' },
    ];

    const response = await sim.request({ method: 'PUT', url: '/__admin/state', payload: state });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'Invalid input.',
      issues: [
        `battleface.orders.1: order_number ${bf.order_number} appears twice`,
        'grow.pending_policies.0.due_at: expected a real instant from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z',
        'grow.orders.1: id 10 appears twice',
        'grow.pending_policies.1: order_id 10 appears twice',
      ],
    });
    expect((await sim.request({ method: 'GET', url: '/v1/orders/10' })).json().order.status).toBe('pending');
  });

  it('refuses a clock instant outside 1970..9999', async () => {
    const sim = await testApp();
    const far = await sim.request({
      method: 'PUT',
      url: '/__admin/clock',
      payload: { now: '9999-12-31T23:59:59.999Z' },
    });
    const advance = await sim.request({ method: 'POST', url: '/__admin/clock/advance', payload: { ms: 1 } });
    const early = await sim.request({
      method: 'PUT',
      url: '/__admin/clock',
      payload: { now: '1969-12-31T23:59:59Z' },
    });

    expect(far.statusCode).toBe(200);
    expect([advance.statusCode, advance.json()]).toEqual([
      400,
      {
        error:
          'Advancing by 1 ms would move the clock past 9999-12-31T23:59:59.999Z; it shows 9999-12-31T23:59:59.999Z.',
      },
    ]);
    expect([early.statusCode, early.json()]).toEqual([
      400,
      {
        error: 'Invalid input.',
        issues: ['now: expected a real instant from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z'],
      },
    ]);
  });

  it('refuses a state of another version, saying which one it loads', async () => {
    const sim = await testApp();
    const state = (await sim.request({ method: 'GET', url: '/__admin/state' })).json();

    const old = await sim.request({
      method: 'PUT',
      url: '/__admin/state',
      payload: { ...state, version: 1 },
    });
    const none = await sim.request({
      method: 'PUT',
      url: '/__admin/state',
      payload: { ...state, version: undefined },
    });

    for (const response of [old, none]) {
      expect([response.statusCode, response.json()]).toEqual([
        400,
        {
          error: 'Invalid input.',
          issues: [
            'version: expected 2: this simulator loads states of version 2 (save one with GET /__admin/state)',
          ],
        },
      ]);
    }
  });

  it('saves and restores fault rules with their remaining counts', async () => {
    const sim = await testApp({ grow: [growOrder()] });
    await sim.request({
      token: 'qa',
      method: 'POST',
      url: '/__admin/faults',
      payload: { match: { partner: 'grow', path: '/v1/orders/*' }, action: { status: 503 }, times: 2 },
    });
    await sim.request({ token: 'qa', method: 'GET', url: '/v1/orders/10', unchecked: true });
    const saved = (await sim.request({ token: 'qa', method: 'GET', url: '/__admin/state' })).json();

    await sim.request({ token: 'ci', method: 'PUT', url: '/__admin/state', payload: saved });

    expect(saved.faults).toEqual([
      {
        id: 'id1',
        match: { partner: 'grow', path: '/v1/orders/*' },
        action: { status: 503 },
        times: 2,
        remaining: 1,
        probability: 1,
        fired: 1,
      },
    ]);
    expect((await sim.request({ token: 'ci', method: 'GET', url: '/__admin/faults' })).json()).toEqual({
      faults: saved.faults,
    });
    expect(
      (await sim.request({ token: 'ci', method: 'GET', url: '/v1/orders/10', unchecked: true })).statusCode,
    ).toBe(503);
    expect((await sim.request({ token: 'ci', method: 'GET', url: '/v1/orders/10' })).statusCode).toBe(200);
  });

  it('saves webhook settings with the secret masked, and a load keeps a masked secret', async () => {
    const sim = await testApp();
    await sim.request({
      token: 'qa',
      method: 'PUT',
      url: '/__admin/grow/webhook',
      payload: { url: 'http://127.0.0.1:9/hooks', secret: 'whsec_qa_scenario_1', deliver_twice: true },
    });
    const saved = (await sim.request({ token: 'qa', method: 'GET', url: '/__admin/state' })).json();
    await sim.request({
      token: 'qa',
      method: 'PUT',
      url: '/__admin/grow/webhook',
      payload: { url: null, deliver_twice: false },
    });

    await sim.request({ token: 'qa', method: 'PUT', url: '/__admin/state', payload: saved });

    expect(saved.grow.webhook).toEqual({
      url: 'http://127.0.0.1:9/hooks',
      secret: '****io_1',
      deliver_twice: true,
    });
    expect(storesOf(sim.app, 'qa').growWebhooks.settings).toEqual({
      url: 'http://127.0.0.1:9/hooks',
      secret: 'whsec_qa_scenario_1',
      deliverTwice: true,
    });
  });
});
