import { formatMicros, formatSeconds } from '../../../lib/clock.js';
import type { ClaimRequest, ClaimStatus, ClaimView, StoredClaim, Voucher } from '../schemas/claims.js';
import type { Order } from '../schemas/orders.js';
import type { GrowEffect } from './orders.js';

// A claim's life at the insurer (reference §5, §8; examples §21–§24), on the sandbox clock:
//   pending → processing → discharge_voucher (an offer; `discharge_voucher.created`)
//   → the partner accepts: approved → the voucher is paid: settled (`discharge_voucher.paid`,
//     then `claim.settled`); the partner rejects: processing again, and a new offer follows.
// Each step here is pure: it returns the claim and the effects, which effects.ts carries out.

/** Sandbox time the insurer takes for each step (SIM_GROW_CLAIM_*_MS). */
export interface ClaimDelays {
  /** pending → processing; 0 (the default) files claims straight into processing, as published. */
  reviewMs: number;
  /** processing → the insurer's offer. */
  offerMs: number;
  /** An accepted offer → paid and settled. */
  payoutMs: number;
}

export interface ClaimOutcome {
  claim: StoredClaim;
  effects: GrowEffect[];
}

const round2 = (amount: number) => Math.round(amount * 100) / 100;

/**
 * The insurer's decision, from the amount's cents (the README's magic values): .01 declines, .02
 * offers half, .03 asks for more documents; any other amount is paid in full, up to the
 * product's claim limit.
 */
export function decisionFor(amount: number): StoredClaim['decision'] {
  const cents = Math.round(amount * 100) % 100;
  if (cents === 1) return 'decline';
  if (cents === 2) return 'partial';
  if (cents === 3) return 'documents';
  return 'pay';
}

/** What the insurer will offer: the amount requested up to the claim limit, half of it for `partial`. */
export function assessedAmount(
  requested: number,
  decision: StoredClaim['decision'],
  claimLimit: number | null,
): number | null {
  if (decision === 'decline' || decision === 'documents') return null;
  const covered = claimLimit === null ? requested : Math.min(requested, claimLimit);
  return round2(decision === 'partial' ? covered / 2 : covered);
}

export interface FileClaimInput {
  id: number;
  order: Order;
  request: ClaimRequest;
  claimLimit: number | null;
  now: number;
  delays: ClaimDelays;
  baseUrl: string;
}

/** `POST /claims`: the claim as filed, its first step scheduled. */
export function fileClaim(input: FileClaimInput): ClaimOutcome {
  const { request, now, delays } = input;
  const decision = decisionFor(request.amount);
  const waitsForDocuments = decision === 'documents';
  const reviewed = !waitsForDocuments && delays.reviewMs === 0;
  const status: ClaimStatus = reviewed ? 'processing' : 'pending';
  const nextStep = waitsForDocuments ? null : now + (reviewed ? delays.offerMs : delays.reviewMs);
  const claim: StoredClaim = {
    id: input.id,
    status,
    order_id: input.order.id,
    amount_requested: round2(request.amount),
    amount_approved: assessedAmount(request.amount, decision, input.claimLimit),
    currency: input.order.currency,
    attachments: request.attachments,
    payment_details: {
      bank_name: request.payment_details.bank_name,
      account_number: request.payment_details.account_number,
      sort_code: request.payment_details.sort_code,
    },
    child_partner_id: request.child_partner_id ?? null,
    created_at: formatSeconds(now),
    decision,
    vouchers: [],
    next_step_at: nextStep === null ? null : formatMicros(nextStep),
    base_url: input.baseUrl,
  };
  return withStep(claim);
}

/** The effect that schedules a claim's next step, if it has one. */
function withStep(claim: StoredClaim, effects: GrowEffect[] = []): ClaimOutcome {
  const step: GrowEffect[] =
    claim.next_step_at === null
      ? []
      : [{ kind: 'await-claim-step', claimId: claim.id, dueAt: claim.next_step_at }];
  return { claim, effects: [...effects, ...step] };
}

export interface StepContext {
  now: number;
  delays: ClaimDelays;
  /** Takes the next discharge voucher's id (only when an offer is made). */
  takeVoucherId: () => number;
  /** Five letters and digits for the voucher document's name. */
  documentSuffix: () => string;
  /** The claim as the wire shows it, for the webhooks (its policy needs the order). */
  view: (claim: StoredClaim) => ClaimView;
  /** A voucher's webhook payload. */
  voucherEvent: (claim: StoredClaim, voucher: Voucher, event: VoucherEvent) => GrowEffect;
}

export type VoucherEvent = 'discharge_voucher.created' | 'discharge_voucher.paid';

/**
 * The insurer's next step, once it is due; undefined when it has none (the claim waits for the
 * partner, or is finished).
 */
export function insurerStep(claim: StoredClaim, context: StepContext): ClaimOutcome | undefined {
  const { now, delays } = context;
  const at = formatSeconds(now);
  switch (claim.status) {
    case 'pending':
      return withStep({ ...claim, status: 'processing', next_step_at: formatMicros(now + delays.offerMs) });
    case 'processing': {
      if (claim.decision === 'decline')
        return { claim: { ...claim, status: 'declined', next_step_at: null }, effects: [] };
      const voucher: Voucher = {
        id: context.takeVoucherId(),
        amount: claim.amount_approved ?? claim.amount_requested,
        status: 'offered',
        document_name: `claim_${claim.id}_dv_${context.documentSuffix()}.jpg`,
        created_at: at,
        answered_at: null,
        comment: null,
      };
      const offered: StoredClaim = {
        ...claim,
        status: 'discharge_voucher',
        amount_approved: voucher.amount,
        vouchers: [...claim.vouchers, voucher],
        next_step_at: null,
      };
      return {
        claim: offered,
        effects: [context.voucherEvent(offered, voucher, 'discharge_voucher.created')],
      };
    }
    case 'approved': {
      const vouchers = claim.vouchers.map((voucher) =>
        voucher.status === 'accepted' ? { ...voucher, status: 'paid' as const } : voucher,
      );
      const settled: StoredClaim = { ...claim, status: 'settled', vouchers, next_step_at: null };
      const paid = vouchers.find((voucher) => voucher.status === 'paid' && voucher.answered_at !== null);
      const effects: GrowEffect[] = [];
      if (paid) effects.push(context.voucherEvent(settled, paid, 'discharge_voucher.paid'));
      // INFERENCE (reference §8): claim.settled shows no payload; it carries the claim as GET shows it.
      effects.push({ kind: 'webhook', event: { event: 'claim.settled', data: context.view(settled) } });
      return { claim: settled, effects };
    }
    default:
      return undefined;
  }
}

/** The open offer of a claim: its last voucher, while the claim waits for the partner's answer. */
export function openVoucher(claim: StoredClaim): Voucher | undefined {
  const last = claim.vouchers.at(-1);
  return claim.status === 'discharge_voucher' && last?.status === 'offered' ? last : undefined;
}

/**
 * `PUT /claims/{claim}/discharge-voucher/{dv}`: the partner accepts the offer (it is paid after
 * the payout delay) or rejects it. INFERENCE (examples §24): a rejection goes back to the insurer,
 * who offers halfway between its offer and the amount requested after the offer delay.
 */
export function answerVoucher(
  claim: StoredClaim,
  answer: { status: 'accept' | 'reject'; comment: string | null },
  now: number,
  delays: ClaimDelays,
): ClaimOutcome {
  const at = formatSeconds(now);
  const accepted = answer.status === 'accept';
  const vouchers = claim.vouchers.map((voucher, index) =>
    index === claim.vouchers.length - 1
      ? {
          ...voucher,
          status: accepted ? ('accepted' as const) : ('rejected' as const),
          answered_at: at,
          comment: answer.comment,
        }
      : voucher,
  );
  const last = vouchers.at(-1);
  if (accepted) {
    return withStep({
      ...claim,
      status: 'approved',
      vouchers,
      next_step_at: formatMicros(now + delays.payoutMs),
    });
  }
  const offer = last?.amount ?? claim.amount_requested;
  return withStep({
    ...claim,
    status: 'processing',
    vouchers,
    amount_approved: round2((offer + claim.amount_requested) / 2),
    next_step_at: formatMicros(now + delays.offerMs),
  });
}

/** The list's filters (examples §22): a status, and text in the policy number or the customer. */
export function claimMatches(
  claim: StoredClaim,
  order: Order | undefined,
  filter: { status?: string | undefined; search?: string | undefined; childPartnerId?: string | undefined },
): boolean {
  if (filter.status !== undefined && claim.status !== filter.status) return false;
  if (filter.childPartnerId !== undefined && claim.child_partner_id !== filter.childPartnerId) return false;
  if (filter.search === undefined || filter.search === '') return true;
  const needle = filter.search.toLowerCase();
  const customer = order?.customer;
  return [
    order?.policy?.number,
    customer?.email,
    customer && `${customer.first_name} ${customer.last_name}`,
  ].some((text) => text?.toLowerCase().includes(needle));
}
