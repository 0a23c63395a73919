import { formatMicros, formatSeconds } from '../../../lib/clock.js';
import type { Ids } from '../../../lib/ids.js';
import { mergePatch } from '../../../lib/merge-patch.js';
import { type Order, OrderSchema } from '../schemas/orders.js';
import { newPolicy } from './policy.js';

const DAY = 86_400_000;

export interface NewOrderContext {
  now: number;
  ids: Ids;
  /** The id it gets unless the partial names one. */
  id: number;
}

/**
 * A whole Grow order from any part of one (`{}` included): what is given is kept, the rest gets
 * realistic defaults: the next id, the sandbox clock's timestamps, an AXA Goods-in-Transit product,
 * and a payment time once paid. Unvalidated: the caller parses it, then calls withIssuedPolicy.
 */
export function newOrder(partial: Record<string, unknown>, context: NewOrderContext): unknown {
  const { now, ids } = context;
  const status = typeof partial.status === 'string' ? partial.status : 'pending';
  const start = Math.ceil(now / DAY) * DAY;
  const defaults = {
    id: context.id,
    status,
    amount_due: 1470,
    policy_start_date: formatMicros(start),
    asset_ref: `ASSET-${ids.hex(6).toUpperCase()}`,
    currency: 'GHS',
    channel: 'API',
    created_at: formatSeconds(now),
    payment_made_at: status === 'pending' || status === 'cancelled' ? null : formatSeconds(now),
    payment_method: 'wallet',
    product: {
      title: 'Goods in Transit Cover',
      code: 'axa-git-single',
      id: 4,
      insurer: { code: 'AXA', name: 'Axa Mansard', logo_url: null, terms_conditions: null },
      'product type': { name: 'Goods in Transit', slug: 'GIT' },
      'cover-benefits': {},
      'created-at': '2021-09-14T08:00:00.000000Z',
      price: 1500,
      'premium-type': 'relative',
      'premium-rate-unit': 0,
      'premium-rate': 0.5,
      premium: 1500,
      'partner-commision-rate': 2,
      'min-premium': '1000.00',
      'premium-rules': "0.5% of the goods' value, minimum 1000.00",
      premium_frequency: 'annually',
    },
    customer: {
      ref: `CUS-${ids.hex(6).toUpperCase()}`,
      email: 'customer@example.com',
      phone: '+233201234567',
      first_name: 'Ama',
      last_name: 'Mensah',
    },
    policy: null,
  };
  return mergePatch(OrderSchema, defaults, partial);
}

/** A validated new order that says `policy_created` but names no policy gets one issued. */
export function withIssuedPolicy(
  order: Order,
  partial: Record<string, unknown>,
  takePolicyId: () => number,
  baseUrl: string,
): Order {
  if (order.status !== 'policy_created' || order.policy !== null || partial.policy !== undefined)
    return order;
  return { ...order, policy: newPolicy(order, takePolicyId(), baseUrl) };
}
