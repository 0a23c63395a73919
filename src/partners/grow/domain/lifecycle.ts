import { type GrowError, ID_INVALID, ORDER_ALREADY_CANCELLED, ORDER_HAS_POLICY } from '../errors.js';
import type { Order, OrderStatus, Policy } from '../schemas/orders.js';

export type Trigger = 'authorize' | 'issue-policy' | 'cancel';

/** Every status change a Grow order can make, and what makes it (reference §5). */
export const TRANSITIONS: ReadonlyArray<{ from: OrderStatus; to: OrderStatus; trigger: Trigger }> = [
  // A widget order waits as `pending` until the partner reports payment (INFERENCE, reference §5).
  { from: 'pending', to: 'paid', trigger: 'authorize' },
  { from: 'paid', to: 'policy_created', trigger: 'issue-policy' },
  // The sandbox-only cancel (reference §4); INFERENCE: an order with a policy can no longer be cancelled.
  { from: 'pending', to: 'cancelled', trigger: 'cancel' },
  { from: 'paid', to: 'cancelled', trigger: 'cancel' },
];

export function nextStatus(from: OrderStatus, trigger: Trigger): OrderStatus | undefined {
  return TRANSITIONS.find((transition) => transition.from === from && transition.trigger === trigger)?.to;
}

/**
 * `POST /orders/authorize` on an order: paid now. INFERENCE (reference §6): any order that is not
 * `pending` gets the one documented error, as an unknown id does, so nothing leaks about it.
 */
export function authorize(order: Order, now: string): Order | GrowError {
  const status = nextStatus(order.status, 'authorize');
  if (status === undefined) return ID_INVALID();
  return { ...order, status, payment_made_at: now };
}

/** The insurer issues the policy of a paid order; undefined when the order is no longer paid. */
export function withPolicy(order: Order, policy: Policy): Order | undefined {
  const status = nextStatus(order.status, 'issue-policy');
  return status === undefined ? undefined : { ...order, status, policy };
}

export function cancel(order: Order): Order | GrowError {
  const status = nextStatus(order.status, 'cancel');
  if (status === undefined) {
    return order.status === 'cancelled' ? ORDER_ALREADY_CANCELLED(order.id) : ORDER_HAS_POLICY(order.id);
  }
  return { ...order, status };
}
