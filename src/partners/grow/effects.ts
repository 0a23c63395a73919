import type { Sandbox } from '../../sandbox/sandboxes.js';
import { type GrowEffect, issuePolicy, type Outcome } from './domain/orders.js';
import type { GrowStores } from './records.js';

/** The part of a sandbox Grow's effects work on. */
export type GrowSandbox = Pick<Sandbox<GrowStores>, 'clock' | 'stores'>;

/** Writes a transition's order and carries out its effects: the one place Grow touches a sandbox. */
export function commit(sandbox: GrowSandbox, outcome: Outcome, options: { checked?: boolean } = {}): void {
  sandbox.stores.grow.orders.save(outcome.order, options);
  for (const effect of outcome.effects) apply(sandbox, effect);
}

function apply(sandbox: GrowSandbox, effect: GrowEffect): void {
  switch (effect.kind) {
    case 'webhook':
      sandbox.stores.growWebhooks.emit(effect.event);
      return;
    case 'await-policy':
      sandbox.stores.grow.pending_policies.save(effect.pending);
      scheduleIssuance(sandbox, effect.pending.order_id, Date.parse(effect.pending.due_at));
      return;
    case 'wallet-debit': {
      const { wallets, wallet_transactions } = sandbox.stores.grow;
      const balance = Math.round(((wallets.find(effect.currency)?.balance ?? 0) - effect.amount) * 100) / 100;
      wallets.save({ currency: effect.currency, balance });
      wallet_transactions.add({
        id: wallet_transactions.size + 1,
        type: 'debit',
        currency: effect.currency,
        amount: effect.amount,
        balance_after: balance,
        description: `Order ${effect.orderId}`,
        order_id: effect.orderId,
        created_at: effect.at,
      });
      return;
    }
  }
}

/**
 * Each scheduled task looks at its own order only, so n pending policies cost n steps, not n² as a
 * sweep of every pending one per task would.
 */
function scheduleIssuance(sandbox: GrowSandbox, orderId: number, dueAt: number): void {
  sandbox.clock.schedule(dueAt, () => issueDuePolicy(sandbox, orderId));
}

/** The insurer issues an order's policy, if it is still owed and due. */
export function issueDuePolicy(sandbox: GrowSandbox, orderId: number): void {
  const records = sandbox.stores.grow;
  const pending = records.pending_policies.find(orderId);
  if (pending === undefined || Date.parse(pending.due_at) > sandbox.clock.now()) return;
  records.pending_policies.remove(orderId);
  const order = records.orders.find(orderId);
  // The id is taken only when a policy is issued, so numbering has no gaps.
  const customer = order && records.customers.find(order.customer.ref);
  const outcome = issuePolicy(order, pending, records.next_policy_id.peek(), customer);
  if (!outcome) return;
  records.next_policy_id.take();
  commit(sandbox, outcome);
}

/** After a state load: the retries and policies the loaded state still holds are scheduled again. */
export function resumeGrowWork(sandbox: GrowSandbox): void {
  sandbox.stores.growWebhooks.resumeRetries();
  for (const pending of sandbox.stores.grow.pending_policies.list()) {
    scheduleIssuance(sandbox, pending.order_id, Date.parse(pending.due_at));
  }
}
