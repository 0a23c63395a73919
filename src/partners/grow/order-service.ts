import { formatMicros } from '../../shared/clock.js';
import type { SandboxClock } from '../../shared/sandbox-clock.js';
import { authorize, cancel, withPolicy } from './domain/lifecycle.js';
import { newPolicy } from './domain/policy.js';
import { ID_INVALID, ORDER_NOT_FOUND } from './errors.js';
import type { Order } from './schemas.js';
import type { GrowStore } from './store.js';

/** The part of a sandbox Grow works on. */
export interface GrowSandbox {
  clock: SandboxClock;
  stores: { grow: GrowStore };
}

export interface IssuanceOptions {
  /** Sandbox time between payment and the insurer issuing the policy (SIM_GROW_POLICY_DELAY_MS). */
  policyDelayMs: number;
  /** Where the simulator is reached, for the policy's document URL. */
  baseUrl: string;
}

/** Marks a pending order paid, and has the insurer issue its policy once the delay has passed. */
export function authorizeOrder(sandbox: GrowSandbox, id: number, options: IssuanceOptions): Order {
  const store = sandbox.stores.grow;
  const current = store.find(id);
  if (!current) throw ID_INVALID();
  const now = sandbox.clock.now();
  const paid = authorize(current, formatMicros(now));
  store.save(paid);
  sandbox.clock.schedule(now + options.policyDelayMs, () => issuePolicy(store, id, options.baseUrl));
  return paid;
}

/** The insurer's side: a still-paid order gets its policy; a cancelled one is left alone. */
function issuePolicy(store: GrowStore, id: number, baseUrl: string): void {
  const order = store.find(id);
  if (order?.status !== 'paid') return;
  const issued = withPolicy(order, newPolicy(order, store.nextPolicyId(), baseUrl));
  if (issued) store.save(issued);
}

export function findOrder(sandbox: GrowSandbox, id: string): Order {
  // Laravel route-model binding: a non-numeric id finds nothing, like an unknown one.
  const order = /^\d{1,15}$/.test(id) ? sandbox.stores.grow.find(Number(id)) : undefined;
  if (!order) throw ORDER_NOT_FOUND();
  return order;
}

export function cancelOrder(sandbox: GrowSandbox, id: string): Order {
  const cancelled = cancel(findOrder(sandbox, id));
  sandbox.stores.grow.save(cancelled);
  return cancelled;
}
