import type { Order } from '../schemas/orders.js';

/**
 * battleface's cancellation as the Process Payment example shows it (reference §4): status
 * Cancelled, premium and total 0, status_updated_at moved, approved_at kept. Cancelling a
 * Cancelled order changes nothing (INFERENCE).
 */
export function cancelled(order: Order, now: string): Order {
  if (order.status === 'Cancelled') return order;
  const next = structuredClone(order) as Order;
  next.status = 'Cancelled';
  next.premium = 0;
  next.total = 0;
  next.status_updated_at = now;
  next.affiliate = { ...next.affiliate, commission_amount: 0, commission_percentage: 0 };
  for (const item of next.items) {
    item.order.status = 'Cancelled';
    item.order.premium = 0;
    item.order.total = 0;
    item.order.status_updated_at = now;
    item.order.updated_at = now;
  }
  return next;
}
