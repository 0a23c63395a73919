import { describe, expect, it } from 'vitest';
import { authorizeOrder, cancelOrder, issuePolicy } from '../../../../src/partners/grow/domain/orders.js';
import { growOrder } from '../../../support/grow-orders.js';

// The domain without HTTP or a sandbox: records and input in, the new record and effects out.

const NOW = Date.parse('2024-05-02T10:00:00.000Z');
const input = { now: NOW, policyDelayMs: 5000, baseUrl: 'http://sim.test' };

describe('Grow order transitions', () => {
  it('authorize pays a pending order and owes it a policy at now + the delay', () => {
    const outcome = authorizeOrder(growOrder(), input);

    expect(outcome).toEqual({
      order: growOrder({ status: 'paid', payment_made_at: '2024-05-02T10:00:00.000000Z' }),
      effects: [
        {
          kind: 'await-policy',
          pending: { order_id: 10, due_at: '2024-05-02T10:00:05.000000Z', base_url: 'http://sim.test' },
        },
      ],
    });
  });

  it('authorize answers the documented 422 for an unknown or non-pending order, with no effect', () => {
    const expected = { message: 'The given data was invalid', errors: { id: ['The ID is invalid'] } };
    for (const order of [undefined, growOrder({ status: 'paid' }), growOrder({ status: 'cancelled' })]) {
      const outcome = authorizeOrder(order, input);
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as { body: unknown }).body).toEqual(expected);
    }
  });

  it('the insurer issues the policy of a paid order, with policy.created', () => {
    const paid = growOrder({ status: 'paid', payment_made_at: '2024-05-02T10:00:00.000000Z' });
    const pending = { order_id: 10, due_at: '2024-05-02T10:00:05.000000Z', base_url: 'http://sim.test' };

    const outcome = issuePolicy(paid, pending, 41);

    expect(outcome?.order.status).toBe('policy_created');
    expect(outcome?.order.policy).toEqual({
      id: 41,
      number: 'AXA-GIT-2024-000041',
      start_date: '2024-05-10T00:00:00.000000Z',
      end_date: '2025-05-10T00:00:00.000000Z',
      status: 'active',
      document_url: 'http://sim.test/api/v1/policies/41/doc',
    });
    expect(outcome?.effects.map((effect) => effect.kind === 'webhook' && effect.event.event)).toEqual([
      'policy.created',
    ]);
    expect(issuePolicy(growOrder({ status: 'cancelled' }), pending, 41)).toBeUndefined();
  });

  it('cancel refuses an order with a policy, naming why', () => {
    const withPolicy = growOrder({ status: 'policy_created' });
    const outcome = cancelOrder(withPolicy, NOW);
    expect((outcome as { body: unknown }).body).toEqual({
      message: 'Order 10 cannot be cancelled: its policy has already been issued.',
      errors: { id: ['Order 10 cannot be cancelled: its policy has already been issued.'] },
    });
    expect(cancelOrder(growOrder(), NOW)).toEqual({
      order: growOrder({ status: 'cancelled' }),
      effects: [
        { kind: 'webhook', event: { event: 'order.cancelled', data: growOrder({ status: 'cancelled' }) } },
      ],
    });
  });

  it('cancelling a paid wallet order refunds its amount due to the wallet', () => {
    const paid = growOrder({ status: 'paid', payment_method: 'wallet', amount_due: 980 });

    expect(cancelOrder(paid, NOW)).toEqual({
      order: { ...paid, status: 'cancelled' },
      effects: [
        {
          kind: 'wallet-credit',
          currency: 'GHS',
          amount: 980,
          orderId: 10,
          at: '2024-05-02T10:00:00.000000Z',
          narration: 'Refund for order 10',
        },
        { kind: 'webhook', event: { event: 'order.cancelled', data: { ...paid, status: 'cancelled' } } },
      ],
    });
  });
});
