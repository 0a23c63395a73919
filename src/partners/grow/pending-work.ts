import type { PendingWork } from '../module.js';
import type { GrowStores } from './records.js';

/**
 * What a sandbox's Grow records still owe on its clock (records.ts): policies the insurer owes,
 * claims' next insurer steps, webhook retries, and instalments' notices and charges.
 */
export function growPendingWork(sandbox: { stores: GrowStores }): PendingWork[] {
  const { grow, growWebhooks } = sandbox.stores;
  const work: PendingWork[] = [];
  for (const pending of grow.pending_policies.list()) {
    work.push({ kind: 'policy issuance', subject: `order ${pending.order_id}`, due_at: pending.due_at });
  }
  for (const claim of grow.claims.list()) {
    if (claim.next_step_at !== null) {
      work.push({
        kind: 'claim step',
        subject: `claim ${claim.id} (${claim.status})`,
        due_at: claim.next_step_at,
      });
    }
  }
  for (const delivery of growWebhooks.deliveries) {
    if (delivery.state === 'pending' && delivery.next_attempt_at !== null) {
      work.push({
        kind: 'webhook attempt',
        subject: `${delivery.id} ${delivery.event} (attempt ${delivery.attempts.length + 1})`,
        due_at: delivery.next_attempt_at,
      });
    }
  }
  for (const instalment of grow.instalments.list()) {
    const subject = `instalment ${instalment.number} of ${instalment.of}, order ${instalment.order_id}`;
    if (instalment.status === 'scheduled') {
      work.push({ kind: 'instalment notice', subject, due_at: instalment.notice_at });
    } else if (instalment.status === 'authorised') {
      work.push({ kind: 'instalment charge', subject, due_at: instalment.due_at });
    }
  }
  return work;
}
