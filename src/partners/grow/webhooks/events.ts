import type { InstalmentDueData } from '../domain/instalments.js';
import type { ClaimView } from '../schemas/claims.js';
import type { Order } from '../schemas/orders.js';
import type { VoucherEventData } from './claim-events.js';

// Event payloads (reference §8). Only `policy.created` has a published example; its data is built
// here from the order with the example's keys in its order.

export type WebhookEvent =
  | { event: 'policy.created'; data: ReturnType<typeof policyCreatedData> }
  | { event: 'order.cancelled'; data: Order }
  | { event: 'discharge_voucher.created' | 'discharge_voucher.paid'; data: VoucherEventData }
  | { event: 'claim.settled'; data: ClaimView }
  | { event: 'instalment.due'; data: InstalmentDueData };

/** Stable small ids for the insurers the simulator knows (the partner's are never shown). */
function insurerId(code: string): number {
  let hash = 0;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) % 997;
  return hash + 1;
}

/** `policy.created` for an order whose policy was just issued. */
export function policyCreatedData(order: Order) {
  const policy = order.policy;
  if (!policy) throw new Error(`order ${order.id} has no policy`);
  return {
    id: policy.id,
    number: policy.number,
    description: `${order.product.title} (${order.product['product type'].name})`,
    start_date: policy.start_date,
    end_date: policy.end_date,
    status: policy.status,
    provider: 'Curacel',
    insurer: {
      id: insurerId(order.product.insurer.code),
      code: order.product.insurer.code,
      name: order.product.insurer.name,
      currency: order.currency,
    },
    // INFERENCE (reference §8): an order holds no numeric customer id or birth date; the ref stands in.
    customer: {
      id: null,
      ref: order.customer.ref,
      first_name: order.customer.first_name,
      last_name: order.customer.last_name,
      birth_date: null,
      email: order.customer.email,
      phone: order.customer.phone,
    },
    document: { name: `${policy.number}.pdf`, download: policy.document_url },
    order: {
      id: order.id,
      amount_due: order.amount_due,
      premium: order.product.premium,
      asset_ref: order.asset_ref,
      status: order.status,
      currency: order.currency,
      channel: order.channel,
    },
  };
}
