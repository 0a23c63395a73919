import { describe, expect, it } from 'vitest';
import { storesOf, testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { growOrder } from '../support/grow-orders.js';

describe('concurrency', () => {
  it('500 concurrent approvals of one Pending order: all 200, one transition, one approved_at, one set of documents', async () => {
    const pending = battlefaceOrder({ fileIds: [null, null] });
    const sim = await testApp({ battleface: [pending] });

    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, i) => {
        // The clock moves between requests, so a second transition would show another approved_at.
        sim.clock.advance(i === 0 ? 0 : 1);
        return sim.request({
          method: 'POST',
          url: `/api/partner/orders/${pending.order_number}/payment/status`,
          payload: { status: 'Approved', generate_docs: true },
        });
      }),
    );

    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    const bodies = new Set(responses.map((response) => response.body));
    expect(bodies.size).toBe(1);
    expect(responses[0]?.json().data.status).toBe('Approved');
    expect(new Set(responses.map((response) => response.json().data.approved_at)).size).toBe(1);
    const store = storesOf(sim.app, 'test-token').battleface;
    expect(store.documents.all().map((document) => document.file_id)).toEqual([11250, 11251]);
    expect(store.emails.all()).toHaveLength(1);
  });

  it('500 concurrent Grow authorizations of one order: exactly one 200, the rest 422', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const responses = await Promise.all(
      Array.from({ length: 500 }, () =>
        sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } }),
      ),
    );

    expect(responses.filter((response) => response.statusCode === 200)).toHaveLength(1);
    const rejected = responses.filter((response) => response.statusCode === 422);
    expect(rejected).toHaveLength(499);
    expect(new Set(rejected.map((response) => response.body))).toEqual(
      new Set(['{"message":"The given data was invalid","errors":{"id":["The ID is invalid"]}}']),
    );
    expect(storesOf(sim.app, 'test-token').grow.pending_policies.list()).toHaveLength(1);
  });

  it('50 sandboxes driven at once each see only their own changes', async () => {
    const pending = battlefaceOrder();
    const sim = await testApp({ battleface: [pending], grow: [growOrder(), growOrder({ id: 11 })] });
    const tokens = Array.from({ length: 50 }, (_, i) => `sandbox-${i}`);

    await Promise.all(
      tokens.map(async (token, i) => {
        await sim.request({
          token,
          method: 'PATCH',
          url: '/__admin/grow/orders/11',
          payload: { asset_ref: `ASSET-${i}` },
        });
        if (i % 2 === 0) {
          await sim.request({
            token,
            method: 'POST',
            url: `/api/partner/orders/${pending.order_number}/payment/status`,
            payload: { status: 'Approved' },
          });
        }
        if (i % 3 === 0)
          await sim.request({ token, method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });
      }),
    );

    for (const [i, token] of tokens.entries()) {
      const bf = (
        await sim.request({ token, method: 'GET', url: `/api/partner/orders/${pending.order_number}` })
      ).json();
      const grow10 = (await sim.request({ token, method: 'GET', url: '/v1/orders/10' })).json();
      const grow11 = (await sim.request({ token, method: 'GET', url: '/v1/orders/11' })).json();
      expect(bf.data.status).toBe(i % 2 === 0 ? 'Approved' : 'Pending');
      expect(grow10.order.status).toBe(i % 3 === 0 ? 'paid' : 'pending');
      expect(grow11.order.asset_ref).toBe(`ASSET-${i}`);
      const count = await sim.request({ token, method: 'POST', url: '/__admin/requests/count', payload: {} });
      // Partner requests only (the admin PATCH is not journaled): its own, none of the others'.
      expect(count.json()).toEqual({ count: (i % 2 === 0 ? 1 : 0) + (i % 3 === 0 ? 1 : 0) + 3 });
    }
  });
});
