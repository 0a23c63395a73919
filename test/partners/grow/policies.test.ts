import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.js';
import { growOrder } from '../../support/grow-orders.js';

const POLICY = {
  id: 16,
  number: 'AXA-GIT-2024-000016',
  start_date: '2024-05-10T00:00:00.000000Z',
  end_date: '2025-05-10T00:00:00.000000Z',
  status: 'active',
  document_url: 'http://localhost:80/api/v1/policies/16/doc',
};

describe('Grow policies', () => {
  it('lists the issued policies with their customer, insurer and order, in pages', async () => {
    const insured = growOrder({ id: 5, status: 'policy_created', policy: POLICY });
    const sim = await testApp({ grow: [growOrder({ id: 4 }), insured] });

    const response = await sim.request({ method: 'GET', url: '/v1/policies' });
    const count = await sim.request({ method: 'GET', url: '/v1/policies?count=1' });
    const none = await sim.request({ method: 'GET', url: '/v1/policies?customer_ref=someone-else' });

    expect(response.json().data).toEqual([
      {
        ...POLICY,
        description: 'Test Cover (Goods in Transit)',
        customer: insured.customer,
        insurer: insured.product.insurer,
        order: {
          id: 5,
          status: 'policy_created',
          amount_due: insured.amount_due,
          policy_start_date: insured.policy_start_date,
          asset_ref: insured.asset_ref,
          currency: insured.currency,
          channel: insured.channel,
          product: insured.product,
        },
      },
    ]);
    expect(response.json().meta).toMatchObject({ current_page: 1, per_page: 15, total: 1 });
    expect(count.json()).toEqual({ count: 1 });
    expect(none.json().data).toEqual([]);
  });

  it('reads one policy; an unknown id is 404', async () => {
    const sim = await testApp({ grow: [growOrder({ id: 5, status: 'policy_created', policy: POLICY })] });

    const found = await sim.request({ method: 'GET', url: '/v1/policies/16' });
    const missing = await sim.request({ method: 'GET', url: '/v1/policies/17' });

    expect(found.json().data.number).toBe('AXA-GIT-2024-000016');
    expect([missing.statusCode, missing.json()]).toEqual([404, { message: 'Policy not found' }]);
  });
});
