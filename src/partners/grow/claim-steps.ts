import { type ClaimOutcome, insurerStep } from './domain/claims.js';
import type { GrowRecords, GrowSandbox } from './records.js';
import type { StoredClaim } from './schemas/claims.js';
import type { Order } from './schemas/orders.js';
import { claimView, voucherEventData } from './webhooks/claim-events.js';

/** The insurer's next step on a claim, with this sandbox's clock, delays, ids and webhooks. */
export function claimStep(sandbox: GrowSandbox, claim: StoredClaim): ClaimOutcome | undefined {
  const records = sandbox.stores.grow;
  const order = records.orders.find(claim.order_id);
  return insurerStep(claim, {
    now: sandbox.clock.now(),
    delays: sandbox.stores.growClaimDelays,
    takeVoucherId: () => records.next_voucher_id.take(),
    documentSuffix: () => sandbox.ids.alphanumeric(5),
    view: (stepped) => claimView(stepped, order),
    voucherEvent: (stepped, voucher, event) => ({
      kind: 'webhook',
      event: { event, data: voucherEventData(stepped, voucher, order, policyCreatedAt(records, order)) },
    }),
  });
}

/**
 * When the insurer issued the order's policy. A fixture's policy was issued before the sandbox
 * began: its order's payment time stands in (INFERENCE, reference §8).
 */
export function policyCreatedAt(records: GrowRecords, order: Order | undefined): string {
  const policyId = order?.policy?.id;
  const issued = policyId === undefined ? undefined : records.issued_policies.find(policyId);
  return issued?.created_at ?? order?.payment_made_at ?? order?.created_at ?? '';
}
