import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { formatMicros } from '../../../lib/clock.js';
import {
  CLAIMANT_NEEDS_DOB,
  checkSubmission,
  claimantProblem,
  claimFormFor,
  findPolicy,
  newClaim,
} from '../domain/claims.js';
import { BattlefaceError, POLICY_NOT_APPROVED, POLICY_NOT_FOUND } from '../errors.js';
import type { BattlefaceDocs } from '../openapi.js';
import type { BattlefaceStores } from '../records.js';
import {
  ClaimCreatedSchema,
  ClaimFormSchema,
  ClaimRequestSchema,
  QuestionsQuerySchema,
} from '../schemas/claims.js';

/** An example submission: the minimum the bundled form asks for, in the page's structures. */
const CLAIM_EXAMPLE = {
  personal: {
    'policy-num': { label: 'Policy Number', value: '1-JANA7CB-9EAF0B21B21E-1' },
    name: {
      label: 'Name',
      value: { first: { label: 'First Name', value: 'Noah' }, last: { label: 'Last Name', value: 'Smith' } },
    },
    email: { label: 'Email', value: 'noah.smith@example.com' },
    'phone-number': { label: 'Contact number', value: '0412345678' },
    address: {
      label: 'Home address',
      value: {
        country: { label: 'Country', value: 'AU' },
        'line-1': { label: 'Address', value: '88 QUEEN STREET' },
        city: { label: 'City', value: 'Brisbane' },
        zip: { label: 'Postal Code', value: '4000' },
      },
    },
    'external-ref': { label: 'External Reference ID', value: 'this-can-be-anything' },
  },
  claim: {
    label: 'Claim',
    value: {
      'incident-date': { label: 'When did this happen?', value: '2025-03-02' },
      'incident-location': {
        label: 'Where did this happen?',
        value: {
          city: { label: 'City', value: 'Columbus' },
          state: { label: 'State', value: 'OH' },
          country: { label: 'Country', value: 'US' },
        },
      },
      description: { label: 'What happened?', value: 'Lost luggage' },
      amount: { label: 'Amount claimed', value: 250 },
      files: [{ label: 'File:', id: 'c80e2239-34cb-4c73-91cb-9d6ff53cfd5a', filename: 'file.png' }],
    },
  },
  consent: {
    declaration: { label: 'I confirm that the information I have given is true and complete.', value: true },
  },
};

/**
 * The Claims API (reference §3 #13–#14): the claim form of a policy, and filing a claim against
 * it. Mounted at its own prefix, since the partner serves it from `{{claim_api_host}}`.
 */
export const claimRoutes: FastifyPluginAsyncZod<{ docs: BattlefaceDocs }> = async (app, { docs }) => {
  const { documented, errorResponse } = docs;
  const policyMissing = errorResponse(
    'No order in your sandbox has an item with this policy number.',
    POLICY_NOT_FOUND().message,
  );

  app.get(
    '/questions',
    {
      schema: {
        summary: 'Questions',
        description:
          'The claim form of a policy: its fields, their validation rules and defaults from the policy. Create Claim is checked against the same form.',
        querystring: QuestionsQuerySchema,
        response: {
          200: documented(ClaimFormSchema, {
            description: 'OK: the form (no `data` envelope; camelCase, keys in alphabetical order).',
          }),
          406: errorResponse('`policy_number` is missing.', 'Policy number not provided.'),
          ...docs.common,
          404: policyMissing,
        },
      },
    },
    (request, reply) => {
      const { stores } = servingSandbox<BattlefaceStores>(request);
      const policy = findPolicy(stores.battleface.orders.list(), request.query.policy_number);
      if (!policy) return sendFailure(reply, POLICY_NOT_FOUND());
      // Serialized as it is: the form's keys are alphabetical and partly the fixture's own
      // (`displayType`, `optionsUrl`…), an order the schema-driven serializer would not keep.
      reply.serializer(JSON.stringify);
      return claimFormFor(stores.battlefaceClaimForm, policy);
    },
  );

  app.post(
    '/claim',
    {
      schema: {
        summary: 'Create Claim',
        description:
          'Files a claim: a section per part of the form (`personal`, `claim`, `consent`), each of label-value pairs or files. `external-ref` in `personal` is stored; `dob` is required when the claimant is not the insured.',
        body: documented(ClaimRequestSchema, { examples: [CLAIM_EXAMPLE] }),
        response: {
          201: documented(ClaimCreatedSchema, {
            description: 'Created (INFERENCE: the page shows no response).',
          }),
          406: errorResponse(
            'The submission does not satisfy the form; one message names every problem.',
            `First Name is required. ${CLAIMANT_NEEDS_DOB}`,
          ),
          413: docs.tooLarge,
          422: errorResponse('The policy’s order is not Approved.', POLICY_NOT_APPROVED().message),
          ...docs.common,
          404: policyMissing,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<BattlefaceStores>(request);
      const { battleface, battlefaceClaimForm } = sandbox.stores;
      const checked = checkSubmission(battlefaceClaimForm, request.body);
      if ('problems' in checked)
        return sendFailure(reply, new BattlefaceError(406, checked.problems.join(' ')));
      const { submission } = checked;
      const policy = findPolicy(battleface.orders.list(), submission.policyNumber);
      if (!policy) return sendFailure(reply, POLICY_NOT_FOUND());
      if (policy.order.status !== 'Approved') return sendFailure(reply, POLICY_NOT_APPROVED());
      const claimant = claimantProblem(submission, policy);
      if (claimant) return sendFailure(reply, new BattlefaceError(406, claimant));
      const claim = newClaim(
        submission,
        policy,
        request.body,
        formatMicros(sandbox.clock.now()),
        sandbox.ids,
      );
      battleface.claims.save(claim, { checked: true });
      const { claimNumber, externalRef, policyNumber, status, submittedAt } = claim;
      reply.code(201);
      return { claimNumber, externalRef, policyNumber, status, submittedAt };
    },
  );
};
