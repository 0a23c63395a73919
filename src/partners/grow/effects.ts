import { formatSeconds } from '../../lib/clock.js';
import { claimStep } from './claim-steps.js';
import type { ClaimOutcome } from './domain/claims.js';
import { type GrowEffect, issuePolicy, type Outcome } from './domain/orders.js';
import { scheduleInstalment, startInstalments } from './instalments.js';
import type { GrowSandbox } from './records.js';
import { moveWallet } from './wallet-moves.js';

export type { GrowSandbox } from './records.js';

/** Writes a transition's order and carries out its effects: the one place Grow touches a sandbox. */
export function commit(sandbox: GrowSandbox, outcome: Outcome, options: { checked?: boolean } = {}): void {
  sandbox.stores.grow.orders.save(outcome.order, options);
  applyEffects(sandbox, outcome.effects);
}

/** Writes a claim's step and carries out its effects. */
export function commitClaim(
  sandbox: GrowSandbox,
  outcome: ClaimOutcome,
  options: { checked?: boolean } = {},
): void {
  sandbox.stores.grow.claims.save(outcome.claim, options);
  applyEffects(sandbox, outcome.effects);
}

export function applyEffects(sandbox: GrowSandbox, effects: readonly GrowEffect[]): void {
  for (const effect of effects) apply(sandbox, effect);
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
    case 'wallet-debit':
      moveWallet(sandbox, {
        type: 'debit',
        currency: effect.currency,
        amount: effect.amount,
        orderId: effect.orderId,
        at: effect.at,
        narration: `Order ${effect.orderId}`,
      });
      return;
    case 'wallet-credit':
      moveWallet(sandbox, { type: 'credit', ...effect });
      return;
    case 'await-claim-step':
      sandbox.clock.schedule(Date.parse(effect.dueAt), () => takeDueClaimStep(sandbox, effect.claimId));
      return;
  }
}

/** The insurer takes a claim's next step, if it is still due (a control-plane move may have taken it). */
export function takeDueClaimStep(sandbox: GrowSandbox, claimId: number): void {
  const claim = sandbox.stores.grow.claims.find(claimId);
  if (claim?.next_step_at == null || Date.parse(claim.next_step_at) > sandbox.clock.now()) return;
  const outcome = claimStep(sandbox, claim);
  if (outcome) commitClaim(sandbox, outcome);
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
  const policyId = records.next_policy_id.take();
  records.issued_policies.save({
    policy_id: policyId,
    order_id: orderId,
    created_at: formatSeconds(sandbox.clock.now()),
  });
  commit(sandbox, outcome);
  startInstalments(sandbox, orderId);
}

/** After a state load: the retries and policies the loaded state still holds are scheduled again. */
export function resumeGrowWork(sandbox: GrowSandbox): void {
  sandbox.stores.growWebhooks.resumeRetries();
  for (const pending of sandbox.stores.grow.pending_policies.list()) {
    scheduleIssuance(sandbox, pending.order_id, Date.parse(pending.due_at));
  }
  for (const instalment of sandbox.stores.grow.instalments.list()) scheduleInstalment(sandbox, instalment);
  for (const claim of sandbox.stores.grow.claims.list()) {
    if (claim.next_step_at !== null)
      apply(sandbox, { kind: 'await-claim-step', claimId: claim.id, dueAt: claim.next_step_at });
  }
}
