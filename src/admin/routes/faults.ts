import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { duplicates } from '../../lib/duplicates.js';
import type { AnyPartnerModule } from '../../partners/module.js';
import {
  FaultActionSchema,
  type FaultRule,
  type Faults,
  faultMatchSchema,
  MAX_FAULT_RULES,
  newFaultSchema,
} from '../../sandbox/faults.js';
import { sandboxOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import { AdminError, NOT_FOUND } from '../errors.js';
import type { AdminDocs } from '../schemas.js';

const partnerNames = (partners: readonly AnyPartnerModule[]) =>
  partners.map((partner) => partner.name) as [string, ...string[]];

/** A rule as stored and shown: method upper-cased, order as a string, with its counts. */
const faultRuleSchema = (partners: readonly AnyPartnerModule[]) =>
  z.strictObject({
    id: z.string(),
    match: z.strictObject({
      partner: faultMatchSchema(partnerNames(partners)).shape.partner,
      method: z.string().optional(),
      path: z.string().optional(),
      order: z.string().optional(),
    }),
    action: FaultActionSchema,
    times: z.int().nullable(),
    remaining: z.int().nullable(),
    probability: z.number(),
    fired: z.int(),
  });

/** The fault rules in a saved state, as the rule list shows them (unique ids). */
export const FaultStateSchema = (partners: readonly AnyPartnerModule[]) =>
  z
    .array(faultRuleSchema(partners))
    .max(MAX_FAULT_RULES)
    .superRefine((rules, context) => {
      for (const issue of duplicates(
        rules.map((rule) => rule.id),
        [],
        'fault rule id',
      ))
        context.addIssue({ code: 'custom', ...issue });
    });

export const faultState = (faults: Faults): FaultRule[] => faults.rules.map((rule) => ({ ...rule }));
export const restoreFaults = (faults: Faults, rules: FaultRule[]) => faults.replace(rules);

const errorsOf = (docs: AdminDocs) => ({
  400: docs.error('Invalid rule, or no bearer token to pick the sandbox.'),
  404: docs.error('No such rule in this sandbox.'),
});

/** Fault rules of a sandbox: the first live matching rule acts on a partner request. */
export const faultRoutes: FastifyPluginAsyncZod<AdminContext> = async (
  app,
  { sandboxes, partners, docs },
) => {
  const errors = errorsOf(docs);
  const FaultRuleSchema = faultRuleSchema(partners);
  const NewFaultSchema = newFaultSchema(partnerNames(partners));
  app.post(
    '/__admin/faults',
    {
      schema: {
        summary: 'Add a fault rule',
        body: NewFaultSchema,
        response: { 201: FaultRuleSchema, ...errors },
      },
    },
    async (request, reply) => {
      const sandbox = sandboxOf(request, sandboxes);
      if (sandbox.faults.rules.length >= MAX_FAULT_RULES) {
        throw new AdminError(
          400,
          `A sandbox holds at most ${MAX_FAULT_RULES} fault rules; delete some first.`,
        );
      }
      return reply.code(201).send(sandbox.faults.add(sandbox.ids.token(), request.body));
    },
  );

  app.get(
    '/__admin/faults',
    {
      schema: {
        summary: 'Fault rules, with their remaining counts',
        response: { 200: z.strictObject({ faults: z.array(FaultRuleSchema) }), ...errors },
      },
    },
    async (request) => ({ faults: [...sandboxOf(request, sandboxes).faults.rules] }),
  );

  app.delete(
    '/__admin/faults/:id',
    {
      schema: {
        summary: 'Delete one fault rule',
        params: z.object({ id: z.string() }),
        response: { 204: z.undefined().describe('Deleted.'), ...errors },
      },
    },
    async (request, reply) => {
      if (!sandboxOf(request, sandboxes).faults.remove(request.params.id)) {
        throw NOT_FOUND(`No fault rule ${request.params.id} in this sandbox.`);
      }
      return reply.code(204).send();
    },
  );

  app.delete(
    '/__admin/faults',
    {
      schema: {
        summary: 'Delete every fault rule',
        response: { 204: z.undefined().describe('Deleted.'), ...errors },
      },
    },
    async (request, reply) => {
      sandboxOf(request, sandboxes).faults.clear();
      return reply.code(204).send();
    },
  );
};
