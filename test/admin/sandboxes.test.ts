import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { ManualClock } from '../support/clock.js';
import { growOrder } from '../support/grow-orders.js';

// GET /__admin/sandboxes: every live sandbox, most recently used first, its token masked.

describe('/__admin/sandboxes', () => {
  it('lists each sandbox with its masked token, times, clock, journal, work and record counts', async () => {
    const clock = new ManualClock('2024-05-01T12:00:00.000Z');
    const sim = await testApp({ battleface: [battlefaceOrder()], grow: [growOrder()], clock });
    await sim.request({
      token: 'ci-pipeline-token-0001',
      method: 'GET',
      url: '/api/partner/orders/1-APR0001-000000000001',
    });
    clock.advance(1000);
    await sim.request({ token: 'qa', method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });

    const response = await sim.request({ token: null, method: 'GET', url: '/__admin/sandboxes' });

    const empty = { documents: 0, emails: 0, quotes: 0, payments: 0, claims: 0 };
    const grow = {
      orders: 1,
      pending_policies: 0,
      customers: 0,
      quotes: 0,
      wallets: 0,
      wallet_transactions: 0,
      claims: 0,
      attachments: 0,
      topups: 0,
      instalments: 0,
      issued_policies: 0,
    };
    expect(response.json()).toEqual({
      sandboxes: [
        {
          token: '****',
          created_at: '2024-05-01T12:00:01.000000Z',
          last_used_at: '2024-05-01T12:00:01.000000Z',
          in_flight: 0,
          clock: { now: '2024-05-01T12:00:01.000000Z', frozen: false },
          requests: 1,
          pending_work: 1,
          bytes: expect.any(Number),
          records: { battleface: { orders: 1, ...empty }, grow: { ...grow, pending_policies: 1 } },
        },
        {
          token: '****0001',
          created_at: '2024-05-01T12:00:00.000000Z',
          last_used_at: '2024-05-01T12:00:00.000000Z',
          in_flight: 0,
          clock: { now: '2024-05-01T12:00:01.000000Z', frozen: false },
          requests: 1,
          pending_work: 0,
          bytes: expect.any(Number),
          records: { battleface: { orders: 1, ...empty }, grow },
        },
      ],
    });
    expect(response.body).not.toContain('ci-pipeline-token-0001');
  });
});
