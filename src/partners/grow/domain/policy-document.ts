import { onePagePdf } from '../../../lib/pdf.js';
import type { Order } from '../schemas/orders.js';

/**
 * A one-page PDF standing in for the insurer's policy document, so the `document_url` of a policy
 * (and the `document.download` of its webhook) answers with a real file.
 */
export function policyPdf(order: Order): Buffer {
  const policy = order.policy;
  return onePagePdf([
    `${order.product.insurer.name}: ${order.product.title}`,
    `Policy ${policy?.number ?? ''} (partner-sim)`,
    `Insured: ${order.customer.first_name} ${order.customer.last_name}`,
    `Cover: ${policy?.start_date.slice(0, 10) ?? ''} to ${policy?.end_date.slice(0, 10) ?? ''}`,
    `Order ${order.id}, ${order.amount_due} ${order.currency}`,
  ]);
}
