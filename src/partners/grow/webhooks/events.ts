import type { InstalmentDueData } from '../domain/instalments.js';
import type { ClaimView } from '../schemas/claims.js';
import type { StoredCustomer } from '../schemas/customers.js';
import type { Order, Policy } from '../schemas/orders.js';
import type { VoucherEventData } from './claim-events.js';

// Event payloads (reference §8). Only `policy.created` has a published example; its data is built
// here from the order with the example's keys in its order.

export type WebhookEvent =
  | { event: 'policy.created'; data: ReturnType<typeof policyCreatedData> }
  | { event: 'order.cancelled'; data: Order }
  | { event: 'discharge_voucher.created' | 'discharge_voucher.paid'; data: VoucherEventData }
  | { event: 'claim.settled'; data: ClaimView }
  | { event: 'instalment.due'; data: InstalmentDueData };

/**
 * Insurer ids the partner has published: OLD MUTUAL is 3 in the docs' policy.created, LEADWAY 1
 * in the real sandbox delivery a third party relays (reference examples §33).
 */
const PUBLISHED_INSURER_IDS: Readonly<Record<string, number>> = { LEADWAY: 1, OM: 3 };

/**
 * INFERENCE (reference §8): other insurers' ids are never shown; a stable number per code, above
 * the published ones so no two insurers share an id.
 */
function insurerId(code: string): number {
  const published = PUBLISHED_INSURER_IDS[code];
  if (published !== undefined) return published;
  let hash = 0;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) % 997;
  return hash + 100;
}

/**
 * INFERENCE (reference §8): the document's file name as the real sandbox delivery names the PDF
 * Curacel generates (`CUR/CREDITCHEK/POLC/GIT/23/5971` → `curcreditchekpolcgit235971_curacel.pdf`,
 * examples §33); the docs' `curacel_343473.jpg` is an uploaded image, which the simulator never has.
 */
export function policyDocumentName(policy: Pick<Policy, 'number'>): string {
  return `${policy.number.toLowerCase().replace(/[^a-z0-9]/g, '')}_curacel.pdf`;
}

export interface PolicyCreatedInputs {
  /** The partner's customer the order names, when the sandbox has it: its id and birth date. */
  customer?: Pick<StoredCustomer, 'id' | 'birth_date'> | undefined;
  /** The policy document's file name; by default the one Curacel gives the PDF it generates. */
  documentName?: string;
}

/**
 * `policy.created` for an order whose policy was just issued, in the version Grow says wins (the
 * one with `provider`, reference §8): the docs' example key for key, `description` and `status`
 * null as in every published delivery (the order's policy reads `active` afterwards).
 */
export function policyCreatedData(order: Order, inputs: PolicyCreatedInputs = {}) {
  const policy = order.policy;
  if (!policy) throw new Error(`order ${order.id} has no policy`);
  return {
    id: policy.id,
    number: policy.number,
    description: null,
    start_date: policy.start_date,
    end_date: policy.end_date,
    status: null,
    provider: 'Curacel',
    insurer: {
      id: insurerId(order.product.insurer.code),
      code: order.product.insurer.code,
      name: order.product.insurer.name,
      currency: order.currency,
    },
    // INFERENCE (reference §8): a customer the sandbox does not hold has no id or birth date to give.
    customer: {
      id: inputs.customer?.id ?? null,
      ref: order.customer.ref,
      first_name: order.customer.first_name,
      last_name: order.customer.last_name,
      birth_date: inputs.customer?.birth_date ?? null,
      email: order.customer.email,
      phone: order.customer.phone,
    },
    document: { name: inputs.documentName ?? policyDocumentName(policy), download: policy.document_url },
    order: {
      id: order.id,
      amount_due: order.amount_due,
      premium: order.product.premium,
      asset_ref: order.asset_ref,
      status: order.status,
      currency: order.currency,
      channel: order.channel,
    },
  };
}
