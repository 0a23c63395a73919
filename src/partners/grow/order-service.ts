import { formatMicros } from '../../lib/clock.js';
import type { SandboxClock } from '../../sandbox/sandbox-clock.js';
import { authorize, cancel, withPolicy } from './domain/lifecycle.js';
import { newPolicy } from './domain/policy.js';
import { GrowError, ID_INVALID, ORDER_NOT_FOUND } from './errors.js';
import type { GrowState, Order } from './schemas.js';
import type { GrowStore } from './store.js';
import type { GrowWebhooks } from './webhooks/dispatcher.js';
import { policyCreatedData } from './webhooks/events.js';

/** The part of a sandbox Grow works on. */
export interface GrowSandbox {
  clock: SandboxClock;
  stores: { grow: GrowStore; growWebhooks: GrowWebhooks };
}

export interface IssuanceOptions {
  /** Sandbox time between payment and the insurer issuing the policy (SIM_GROW_POLICY_DELAY_MS). */
  policyDelayMs: number;
  /** Where the simulator is reached, for the policy's document URL. */
  baseUrl: string;
}

/** Marks a pending order paid, and has the insurer issue its policy once the delay has passed. */
export function authorizeOrder(
  sandbox: GrowSandbox,
  id: number,
  options: IssuanceOptions,
): Order | GrowError {
  const store = sandbox.stores.grow;
  const current = store.find(id);
  if (!current) return ID_INVALID();
  const now = sandbox.clock.now();
  const paid = authorize(current, formatMicros(now));
  if (paid instanceof GrowError) return paid;
  store.save(paid);
  const dueAt = now + options.policyDelayMs;
  store.awaitPolicy({ order_id: id, due_at: formatMicros(dueAt), base_url: options.baseUrl });
  sandbox.clock.schedule(dueAt, () => issueDuePolicy(sandbox, id));
  return paid;
}

/**
 * The insurer's side: the order's policy is issued once it is due, if the order is still paid (an
 * order cancelled meanwhile gets none). Each scheduled task looks at its own order only, so n
 * pending policies cost n steps, not n² as a sweep of every pending one per task did.
 */
export function issueDuePolicy(sandbox: GrowSandbox, orderId: number): void {
  const store = sandbox.stores.grow;
  const pending = store.pendingPolicy(orderId);
  if (pending === undefined || Date.parse(pending.due_at) > sandbox.clock.now()) return;
  store.policyIssued(orderId);
  const order = store.find(orderId);
  if (order?.status !== 'paid') return;
  const issued = withPolicy(order, newPolicy(order, store.nextPolicyId(), pending.base_url));
  if (!issued) return;
  store.save(issued);
  sandbox.stores.growWebhooks.emit({ event: 'policy.created', data: policyCreatedData(issued) });
}

/** Replaces the sandbox's Grow state and schedules the policies it still awaits. */
export function restoreGrowState(sandbox: GrowSandbox, state: GrowState): void {
  sandbox.stores.grow.restore(state);
  sandbox.stores.growWebhooks.resumeRetries();
  for (const pending of state.pending_policies) {
    sandbox.clock.schedule(Date.parse(pending.due_at), () => issueDuePolicy(sandbox, pending.order_id));
  }
}

/** An id from a path: Laravel route-model binding finds nothing for a non-numeric one. */
export function idFromPath(text: string): number | undefined {
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

export function findOrder(sandbox: GrowSandbox, id: string): Order | GrowError {
  const number = idFromPath(id);
  const order = number === undefined ? undefined : sandbox.stores.grow.find(number);
  return order ?? ORDER_NOT_FOUND();
}

export function cancelOrder(sandbox: GrowSandbox, id: string): Order | GrowError {
  const order = findOrder(sandbox, id);
  if (order instanceof GrowError) return order;
  const cancelled = cancel(order);
  if (cancelled instanceof GrowError) return cancelled;
  sandbox.stores.grow.save(cancelled);
  // INFERENCE (reference §8): order.cancelled has no published payload; it carries the order as
  // the cancel response returns it.
  sandbox.stores.growWebhooks.emit({ event: 'order.cancelled', data: cancelled });
  return cancelled;
}
