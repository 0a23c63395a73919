import { formatMicros } from '../../../lib/clock.js';
import type { Order, Policy } from '../schemas/orders.js';

const MONTHS_COVERED = { monthly: 1, quarterly: 3, annually: 12 } as const;

/**
 * The policy the insurer issues for an order. INFERENCE (reference §8): Grow never shows a policy
 * number or end date; the number is `<insurer>-<product type>-<year>-<id>` and cover runs from
 * policy_start_date for one premium period. The document URL has the partner's path shape.
 */
export function newPolicy(order: Order, policyId: number, baseUrl: string): Policy {
  const start = new Date(Date.parse(order.policy_start_date));
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + MONTHS_COVERED[order.product.premium_frequency]);
  const slug = order.product['product type'].slug.toUpperCase();
  return {
    id: policyId,
    number: `${order.product.insurer.code}-${slug}-${start.getUTCFullYear()}-${String(policyId).padStart(6, '0')}`,
    start_date: order.policy_start_date,
    end_date: formatMicros(end.getTime()),
    status: 'active',
    document_url: `${baseUrl}/api/v1/policies/${policyId}/doc`,
  };
}
