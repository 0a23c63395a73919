import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxOf } from '../../../admin/addressing.js';
import { AdminError, NOT_FOUND } from '../../../admin/errors.js';
import type { PartnerAdminOptions } from '../../module.js';
import { claimStep } from '../claim-steps.js';
import { answerVoucher, type ClaimOutcome, openVoucher } from '../domain/claims.js';
import { applyEffects, commitClaim, type GrowSandbox } from '../effects.js';
import type { GrowStores } from '../records.js';
import { ClaimDataEnvelopeSchema, type StoredClaim } from '../schemas/claims.js';
import { idFromPath } from '../schemas/orders.js';
import { claimView } from '../webhooks/claim-events.js';

const TARGETS = ['processing', 'discharge_voucher', 'approved', 'settled', 'declined'] as const;
type Target = (typeof TARGETS)[number];
/** Where each status stands on the way to settlement. */
const RANK: Record<StoredClaim['status'], number> = {
  pending: 0,
  processing: 1,
  discharge_voucher: 2,
  approved: 3,
  settled: 4,
  declined: 4,
};

const MoveBodySchema = z.strictObject({
  to: z.enum(TARGETS, { error: `to must be one of ${TARGETS.join(', ')}` }),
  amount_approved: z.number().positive().optional(),
});

/**
 * The insurer's side of a claim, at once: a claim moves to any later step with every webhook on
 * the way (an offer, its acceptance, the payout), and the amount approved can be set first.
 */
export const growClaimAdminRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (
  app,
  { sandboxes, docs },
) => {
  app.post(
    '/__admin/grow/claims/:id/step',
    {
      schema: {
        summary: 'Move a Grow claim to a later step now, as the insurer and the partner would',
        description:
          '`to`: processing, discharge_voucher (the insurer offers `amount_approved`), approved (the partner accepts the offer), settled (the voucher is paid), declined. Each step on the way runs with its webhooks; `amount_approved` sets the offer first.',
        params: z.object({ id: z.string() }),
        body: MoveBodySchema,
        response: {
          200: ClaimDataEnvelopeSchema,
          400: docs.error('Invalid body, or no bearer token.'),
          404: docs.error('No such claim in this sandbox.'),
          409: docs.error('The claim is past that step, or declined.'),
        },
      },
    },
    async (request) => {
      const sandbox = sandboxOf<GrowStores>(request, sandboxes);
      const id = idFromPath(request.params.id);
      const claim = id === undefined ? undefined : sandbox.stores.grow.claims.find(id);
      if (!claim) throw NOT_FOUND(`No Grow claim ${request.params.id} in this sandbox.`);
      const moved = moveClaim(sandbox, claim, request.body.to, request.body.amount_approved);
      return { data: claimView(moved, sandbox.stores.grow.orders.find(moved.order_id)) };
    },
  );
};

function moveClaim(
  sandbox: GrowSandbox,
  claim: StoredClaim,
  to: Target,
  amount: number | undefined,
): StoredClaim {
  if (claim.status === to) return withAmount(sandbox, claim, amount);
  if (RANK[claim.status] >= RANK[to] || claim.status === 'declined') {
    throw new AdminError(409, `Claim ${claim.id} is ${claim.status}: it cannot move to ${to}.`);
  }
  if (to === 'declined' && RANK[claim.status] > RANK.processing) {
    throw new AdminError(409, `Claim ${claim.id} has an offer: it can no longer be declined.`);
  }
  let current = withAmount(sandbox, { ...claim, decision: decisionFor(to, claim) }, amount);
  // At most one step per status on the way: pending, processing, offer, acceptance, payout.
  for (let steps = 0; steps < 5 && current.status !== to; steps++) {
    const outcome: ClaimOutcome | undefined = openVoucher(current)
      ? answerVoucher(
          current,
          { status: 'accept', comment: null },
          sandbox.clock.now(),
          sandbox.stores.growClaimDelays,
        )
      : claimStep(sandbox, current);
    if (!outcome) break;
    // The scheduled next step is not wanted: this loop takes it now, or the claim waits there.
    commitClaim(sandbox, {
      ...outcome,
      effects: outcome.effects.filter((effect) => effect.kind !== 'await-claim-step'),
    });
    current = outcome.claim;
  }
  if (current.next_step_at !== null) {
    applyEffects(sandbox, [{ kind: 'await-claim-step', claimId: current.id, dueAt: current.next_step_at }]);
  }
  return current;
}

/** Moving a claim forward overrides a magic decline or document request; `declined` makes one. */
function decisionFor(to: Target, claim: StoredClaim): StoredClaim['decision'] {
  if (to === 'declined') return 'decline';
  return claim.decision === 'decline' || claim.decision === 'documents' ? 'pay' : claim.decision;
}

/** The amount approved set by hand, on the claim and on its open offer. */
function withAmount(sandbox: GrowSandbox, claim: StoredClaim, amount: number | undefined): StoredClaim {
  const approved = amount ?? claim.amount_approved ?? claim.amount_requested;
  const vouchers = claim.vouchers.map((voucher) =>
    voucher.status === 'offered' && amount !== undefined ? { ...voucher, amount } : voucher,
  );
  const updated: StoredClaim = {
    ...claim,
    amount_approved: claim.decision === 'decline' && amount === undefined ? claim.amount_approved : approved,
    vouchers,
  };
  sandbox.stores.grow.claims.save(updated);
  return updated;
}
