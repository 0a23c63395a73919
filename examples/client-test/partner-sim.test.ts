// A partner's own integration test against partner-sim: copy this folder into your repository and
// run `npx vitest run` (partner-sim starts in-process), or point SIM_URL at a running simulator.
import { createClient } from 'partner-sim/client';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const url = inject('simUrl');
// One token per suite: its own sandbox, so suites sharing a simulator never see each other.
const token = process.env.SIM_TOKEN ?? 'client-test-suite';
const sim = createClient({ url, token });

// biome-ignore lint/suspicious/noExplicitAny: a partner's response, read field by field below.
type Json = any;

/** The code under test would make these calls; here, plain fetch with the sandbox's token. */
async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('our insurance integration against partner-sim', () => {
  beforeAll(() => sim.reset());

  it('approves a battleface order whose payment arrived', async () => {
    const order = await sim.battleface.orders.seed({ status: 'Pending' });

    const approved = await call('POST', `/api/partner/orders/${order.order_number}/payment/status`, {
      status: 'Approved',
      generate_docs: true,
    });

    expect(approved.status).toBe(200);
    expect(approved.body.data.status).toBe('Approved');
    expect(approved.body.data.items[0].policy_file_id).toEqual(expect.any(Number));
    expect(await sim.battleface.documents()).toHaveLength(order.items.length);
  });

  it('authorizes a Grow order, whose policy the insurer issues a moment later', async () => {
    const order = await sim.grow.orders.seed({ status: 'pending' });

    const authorized = await call('POST', '/api/v1/orders/authorize', { id: order.id });
    expect(authorized.status).toBe(200);
    expect(authorized.body.order).toMatchObject({ id: order.id, status: 'paid', policy: null });

    // No sleep: the clock is moved past the insurer's delay, and the order is read again.
    await sim.clock.freeze();
    await sim.clock.advance(60_000);
    const issued = await call('GET', `/api/v1/orders/${order.id}`);
    expect(issued.body.order.status).toBe('policy_created');
  });

  it('sent each call exactly once', async () => {
    const [approval] = await sim.requests.waitFor({
      partner: 'battleface',
      method: 'POST',
      path: '/api/partner/orders/*/payment/status',
      body: { status: 'Approved' },
    });
    expect(approval?.status).toBe(200);
    expect(await sim.requests.count({ partner: 'grow', path: '*/orders/authorize' })).toBe(1);
  });
});
