import type { Order } from '../../src/partners/grow/schemas/orders.js';

/** A small, valid Grow order for one test. */
export function growOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 10,
    status: 'pending',
    amount_due: 1000,
    policy_start_date: '2024-05-10T00:00:00.000000Z',
    asset_ref: 'ASSET-1',
    currency: 'GHS',
    channel: 'API',
    created_at: '2024-05-01T11:00:00.000000Z',
    payment_made_at: null,
    payment_method: 'wallet',
    product: {
      title: 'Test Cover',
      code: 'test-cover',
      id: 3,
      insurer: { code: 'AXA', name: 'Axa Mansard', logo_url: null, terms_conditions: null },
      'product type': { name: 'Goods in Transit', slug: 'GIT' },
      'cover-benefits': {},
      'created-at': '2021-01-01T00:00:00.000000Z',
      price: 1000,
      'premium-type': 'fixed',
      'premium-rate-unit': 0,
      'premium-rate': 0,
      premium: 1000,
      'partner-commision-rate': 0,
      'min-premium': '0.00',
      'premium-rules': 'flat',
      premium_frequency: 'annually',
    },
    customer: { ref: 'C-1', email: 'jane@example.com', phone: '555', first_name: 'Jane', last_name: 'Doe' },
    policy: null,
    ...overrides,
  };
}
