import type { Order } from '../schemas/orders.js';

type Issued = Order & { policy: NonNullable<Order['policy']> };

export const isIssued = (order: Order): order is Issued => order.policy !== null;

/** A policy as the list shows it (reference examples §19): its order's customer and insurer. */
export function policyItem(order: Issued) {
  const { policy } = order;
  return {
    id: policy.id,
    number: policy.number,
    description: policyDescription(order),
    start_date: policy.start_date,
    end_date: policy.end_date,
    status: policy.status,
    document_url: policy.document_url,
    customer: order.customer,
    insurer: order.product.insurer,
    order: {
      id: order.id,
      status: order.status,
      amount_due: order.amount_due,
      policy_start_date: order.policy_start_date,
      asset_ref: order.asset_ref,
      currency: order.currency,
      channel: order.channel,
      product: order.product,
    },
  };
}

/** The policy's description: the insurer's, else the product's title and type (INFERENCE). */
export function policyDescription(order: Order): string {
  return order.policy?.description ?? `${order.product.title} (${order.product['product type'].name})`;
}

/** The list's filters: a customer's ref and the insurance type's slug (INFERENCE: their names). */
export function policyMatches(
  order: Issued,
  filter: { customerRef?: string | undefined; type?: string | undefined },
): boolean {
  return (
    (filter.customerRef === undefined || order.customer.ref === filter.customerRef) &&
    (filter.type === undefined ||
      order.product['product type'].slug.toLowerCase() === filter.type.toLowerCase())
  );
}
