import { formatMicros } from '../../../lib/clock.js';
import type { Order, Policy } from '../schemas/orders.js';

/** Every policy covers a year; a monthly or quarterly one is paid in instalments (domain/instalments.ts). */
const MONTHS_COVERED = 12;

/**
 * The policy the insurer issues for an order. INFERENCE (reference §8): Grow never shows a policy
 * number or end date; the number is `<insurer>-<product type>-<year>-<id>` and cover runs from
 * policy_start_date for a year, whatever the premium frequency (the `instalment.due` event
 * implies policies that outlive one premium). The document URL has the partner's path shape.
 */
export function newPolicy(order: Order, policyId: number, baseUrl: string): Policy {
  const start = new Date(Date.parse(order.policy_start_date));
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + MONTHS_COVERED);
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
