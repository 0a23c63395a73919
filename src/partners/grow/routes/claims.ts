import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf } from '../../../http/base-url.js';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { answerVoucher, claimMatches, fileClaim, openVoucher } from '../domain/claims.js';
import { pageRequest, paginate } from '../domain/pagination.js';
import { commitClaim } from '../effects.js';
import {
  CLAIM_NOT_FOUND,
  CLAIMS_BAD_REQUEST,
  GrowError,
  INVALID_DATA,
  VOUCHER_NOT_FOUND,
} from '../errors.js';
import type { GrowDocs } from '../openapi.js';
import type { GrowStores } from '../records.js';
import {
  CLAIM_STATUSES,
  ClaimDataEnvelopeSchema,
  ClaimEnvelopeSchema,
  ClaimListSchema,
  ClaimQuerySchema,
  ClaimRequestSchema,
  VoucherAnswerSchema,
  VoucherParamsSchema,
} from '../schemas/claims.js';
import { idFromPath, OrderIdParamsSchema } from '../schemas/orders.js';
import { claimView } from '../webhooks/claim-events.js';

/** The published Create Claim example's body (examples §21), with the policy it names. */
const CLAIM_REQUEST = {
  policy_number: 'PH-34243TF',
  amount: 239832,
  attachments: [1],
  payment_details: { bank_name: 'First Bank', account_number: '3083137524', sort_code: '901290' },
};

/** Claims on the policies of your customers' orders (reference §4 /claims; examples §21–§24). */
export const claimRoutes: FastifyPluginAsyncZod<{ docs: GrowDocs }> = async (app, { docs }) => {
  const { documented, errorResponse } = docs;
  const notFound = errorResponse('No claim with this id in your sandbox.', CLAIM_NOT_FOUND().body);

  app.post(
    '/claims',
    {
      schema: {
        summary: 'Create a new claim from a policy',
        description:
          "The insurer's steps follow on the sandbox clock (SIM_GROW_CLAIM_*_MS): processing, then an offer (a discharge voucher and `discharge_voucher.created`). The amount's cents pick the insurer's decision (README: magic values).",
        body: documented(ClaimRequestSchema, { examples: [CLAIM_REQUEST] }),
        response: {
          201: documented(ClaimEnvelopeSchema, { description: 'Created' }),
          422: errorResponse('Missing or invalid fields, an unknown policy number or attachment.', {
            message: INVALID_DATA,
            errors: {
              policy_number: ['The policy_number is required'],
              amount: ['The amount field is required'],
              payment_details: ['The payment_details field is required'],
            },
          }),
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const records = sandbox.stores.grow;
      const body = request.body;
      const order = records.orders
        .list()
        .find((candidate) => candidate.policy?.number === body.policy_number);
      const errors: Record<string, string[]> = {};
      if (!order) errors.policy_number = ['The selected policy_number is invalid'];
      body.attachments.forEach((id, index) => {
        if (!records.attachments.find(id))
          errors[`attachments.${index}`] = [`The selected attachments.${index} is invalid`];
      });
      if (!order || Object.keys(errors).length > 0)
        return sendFailure(reply, new GrowError(422, INVALID_DATA, errors));
      const product = sandbox.stores.growCatalogue.products.find(
        (candidate) => candidate.code === order.product.code,
      );
      const outcome = fileClaim({
        id: records.next_claim_id.peek(),
        order,
        request: body,
        claimLimit: product?.claim_limit ?? null,
        now: sandbox.clock.now(),
        delays: sandbox.stores.growClaimDelays,
        baseUrl: baseUrlOf(request),
      });
      commitClaim(sandbox, outcome, { checked: true });
      records.next_claim_id.take();
      reply.code(201);
      return { claim: claimView(outcome.claim, order) };
    },
  );

  app.get(
    '/claims',
    {
      schema: {
        summary: 'List claims',
        description:
          'Newest first, pages of `per_page` (default 15). `status` (pending, approved, processing, discharge_voucher, settled, declined), `search` (policy number, customer email or name), `child_partner_id`. As published, the list has `links` and no `meta`.',
        querystring: ClaimQuerySchema,
        response: {
          200: documented(ClaimListSchema, { description: 'OK' }),
          ...docs.common,
          400: errorResponse(
            'An unknown status, an unusable per_page (1 to 100), or X-Sim header.',
            CLAIMS_BAD_REQUEST().body,
          ),
        },
      },
    },
    (request, reply) => {
      const { status, search, child_partner_id } = request.query;
      const page = pageRequest(request.query, 15);
      if (!page || (status !== undefined && !(CLAIM_STATUSES as readonly string[]).includes(status))) {
        return sendFailure(reply, CLAIMS_BAD_REQUEST());
      }
      const records = servingSandbox<GrowStores>(request).stores.grow;
      const found = records.claims
        .list()
        .map((claim) => ({ claim, order: records.orders.find(claim.order_id) }))
        .filter(({ claim, order }) =>
          claimMatches(claim, order, { status, search, childPartnerId: child_partner_id }),
        )
        .reverse();
      const { data, links } = paginate(found, page, `${baseUrlOf(request)}${request.routeOptions.url}`);
      return { data: data.map(({ claim, order }) => claimView(claim, order)), links };
    },
  );

  app.get(
    '/claims/:id',
    {
      schema: {
        summary: 'Get a claim',
        description: 'No page shows this answer; a client library reads `{"data": claim}` (INFERENCE).',
        params: OrderIdParamsSchema,
        response: {
          200: documented(ClaimDataEnvelopeSchema, { description: 'OK' }),
          ...docs.common,
          404: notFound,
        },
      },
    },
    (request, reply) => {
      const records = servingSandbox<GrowStores>(request).stores.grow;
      const id = idFromPath(request.params.id);
      const claim = id === undefined ? undefined : records.claims.find(id);
      if (!claim) return sendFailure(reply, CLAIM_NOT_FOUND());
      return { data: claimView(claim, records.orders.find(claim.order_id)) };
    },
  );

  app.put(
    '/claims/:claim/discharge-voucher/:discharge_voucher',
    {
      schema: {
        summary: 'Accept or reject a discharge voucher',
        description:
          'Answers the open offer: `accept` (the voucher is paid SIM_GROW_CLAIM_PAYOUT_MS later: `discharge_voucher.paid`, then `claim.settled`) or `reject` (the insurer makes a new offer, INFERENCE). No page shows the answer; a client library reads `{"data": claim}`.',
        params: VoucherParamsSchema,
        body: documented(VoucherAnswerSchema, { examples: [{ status: 'accept', comment: 'Thank you' }] }),
        response: {
          200: documented(ClaimDataEnvelopeSchema, { description: 'OK: the claim after the answer.' }),
          422: errorResponse('A missing or unknown status.', {
            message: INVALID_DATA,
            errors: { status: ['The selected status is invalid.'] },
          }),
          ...docs.common,
          404: errorResponse(
            'No such claim, or no open discharge voucher with this id on it.',
            VOUCHER_NOT_FOUND().body,
          ),
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const records = sandbox.stores.grow;
      const claimId = idFromPath(request.params.claim);
      const claim = claimId === undefined ? undefined : records.claims.find(claimId);
      if (!claim) return sendFailure(reply, CLAIM_NOT_FOUND());
      const voucher = openVoucher(claim);
      if (!voucher || String(voucher.id) !== request.params.discharge_voucher) {
        return sendFailure(reply, VOUCHER_NOT_FOUND());
      }
      const outcome = answerVoucher(
        claim,
        { status: request.body.status, comment: request.body.comment ?? null },
        sandbox.clock.now(),
        sandbox.stores.growClaimDelays,
      );
      commitClaim(sandbox, outcome);
      return { data: claimView(outcome.claim, records.orders.find(claim.order_id)) };
    },
  );
};
