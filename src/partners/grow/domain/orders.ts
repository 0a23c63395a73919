import { formatMicros, formatSeconds } from '../../../lib/clock.js';
import { GrowError, ID_INVALID, ORDER_NOT_FOUND } from '../errors.js';
import type { StoredCustomer } from '../schemas/customers.js';
import type { Order, PendingPolicy } from '../schemas/orders.js';
import type { WebhookEvent } from '../webhooks/events.js';
import { policyCreatedData } from '../webhooks/events.js';
import { authorize, cancel, withPolicy } from './lifecycle.js';
import { newPolicy } from './policy.js';

/** What a transition asks of the sandbox besides saving the order: the edge carries these out. */
export type GrowEffect =
  | { kind: 'webhook'; event: WebhookEvent }
  /** The insurer owes this order a policy: keep it, and issue it once the clock reaches due_at. */
  | { kind: 'await-policy'; pending: PendingPolicy }
  /** The partner's wallet pays for an order (it may go below zero). */
  | { kind: 'wallet-debit'; currency: string; amount: number; orderId: number; at: string }
  /** Money back into the partner's wallet: a refund, a top-up. */
  | {
      kind: 'wallet-credit';
      currency: string;
      amount: number;
      orderId: number | null;
      at: string;
      narration: string;
    }
  /** The insurer takes a claim's next step once the clock reaches dueAt. */
  | { kind: 'await-claim-step'; claimId: number; dueAt: string };

export interface Outcome {
  order: Order;
  effects: GrowEffect[];
}

export interface AuthorizeInput {
  /** Sandbox time, in ms. */
  now: number;
  /** Sandbox time between payment and the insurer issuing the policy (SIM_GROW_POLICY_DELAY_MS). */
  policyDelayMs: number;
  /** Where the simulator is reached, for the policy's document URL. */
  baseUrl: string;
}

/** `POST /orders/authorize`: a pending order is paid now, and the insurer owes it a policy. */
export function authorizeOrder(order: Order | undefined, input: AuthorizeInput): Outcome | GrowError {
  if (!order) return ID_INVALID();
  const paid = authorize(order, formatSeconds(input.now));
  if (paid instanceof GrowError) return paid;
  const pending = {
    order_id: order.id,
    due_at: formatMicros(input.now + input.policyDelayMs),
    base_url: input.baseUrl,
  };
  return { order: paid, effects: [{ kind: 'await-policy', pending }] };
}

/**
 * The insurer's side, once a policy is due: the order gets it if it is still paid (an order
 * cancelled meanwhile gets none). Undefined when nothing is issued.
 */
export function issuePolicy(
  order: Order | undefined,
  pending: PendingPolicy,
  policyId: number,
  customer?: StoredCustomer,
): Outcome | undefined {
  if (order?.status !== 'paid') return undefined;
  const issued = withPolicy(order, newPolicy(order, policyId, pending.base_url));
  if (!issued) return undefined;
  const data = policyCreatedData(issued, { customer });
  return { order: issued, effects: [{ kind: 'webhook', event: { event: 'policy.created', data } }] };
}

/**
 * The sandbox-only cancel (reference §4), with its webhook. A paid order that the wallet paid is
 * refunded to the wallet, its amount due in full (INFERENCE: the docs say nothing of refunds).
 */
export function cancelOrder(order: Order | undefined, now: number): Outcome | GrowError {
  if (!order) return ORDER_NOT_FOUND();
  const cancelled = cancel(order);
  if (cancelled instanceof GrowError) return cancelled;
  const refund: GrowEffect[] =
    order.status === 'paid' && order.payment_method === 'wallet'
      ? [
          {
            kind: 'wallet-credit',
            currency: order.currency,
            amount: order.amount_due,
            orderId: order.id,
            at: formatSeconds(now),
            narration: `Refund for order ${order.id}`,
          },
        ]
      : [];
  // INFERENCE (reference §8): order.cancelled has no published payload; it carries the order as
  // the cancel response returns it.
  return {
    order: cancelled,
    effects: [...refund, { kind: 'webhook', event: { event: 'order.cancelled', data: cancelled } }],
  };
}
