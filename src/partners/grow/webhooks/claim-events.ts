import { policyDescription } from '../domain/policies.js';
import type { ClaimView, StoredClaim, Voucher } from '../schemas/claims.js';
import type { Order } from '../schemas/orders.js';

// The claim's wire object and its webhooks' payloads (reference §8; examples §21, §33), keys in
// the published order, typos kept: `curency` at the top of a voucher event, and the claim status
// "discharge voucher" with a space in discharge_voucher.created.

const date = (timestamp: string) => timestamp.slice(0, 10);
/** `239832.00`: a claim's amounts are strings with two decimals (examples §21). */
const twoDecimals = (amount: number) => amount.toFixed(2);

/** The claim as the API returns it (examples §21): its policy with date-only dates. */
export function claimView(claim: StoredClaim, order: Order | undefined): ClaimView {
  const policy = order?.policy;
  return {
    id: claim.id,
    status: claim.status,
    policy: {
      id: policy?.id ?? 0,
      number: policy?.number ?? '',
      description: order ? policyDescription(order) : null,
      start_date: policy ? date(policy.start_date) : '',
      end_date: policy ? date(policy.end_date) : '',
      status: policy?.status ?? null,
    },
    amount_requested: twoDecimals(claim.amount_requested),
    amount_approved: claim.amount_approved === null ? null : twoDecimals(claim.amount_approved),
    currency: claim.currency,
    created_at: claim.created_at,
  };
}

/**
 * `discharge_voucher.created` / `.paid` (examples §33): the voucher, its claim (status "discharge
 * voucher" when offered, "settled" once paid, as the two examples show), the policy and the
 * voucher's document. `policyCreatedAt` is when the insurer issued the policy.
 */
export function voucherEventData(
  claim: StoredClaim,
  voucher: Voucher,
  order: Order | undefined,
  policyCreatedAt: string,
) {
  const policy = order?.policy;
  return {
    id: voucher.id,
    amount: voucher.amount,
    curency: claim.currency,
    created_at: voucher.created_at,
    claim: {
      id: claim.id,
      status: claim.status === 'discharge_voucher' ? 'discharge voucher' : claim.status,
      amount_requested: twoDecimals(claim.amount_requested),
      currency: claim.currency,
      created_at: claim.created_at,
    },
    policy: {
      id: policy?.id ?? 0,
      number: policy?.number ?? '',
      start_date: policy?.start_date ?? '',
      end_date: policy?.end_date ?? '',
      status: policy?.status ?? null,
      created_at: policyCreatedAt,
    },
    document: {
      name: voucher.document_name,
      download: `${claim.base_url}/api/v1/claims/${claim.id}/discharge-voucher/${voucher.id}`,
    },
  };
}
export type VoucherEventData = ReturnType<typeof voucherEventData>;
