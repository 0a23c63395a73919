import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FaultActionSchema,
  FaultMatchSchema,
  MAX_FAULT_RULES,
  NewFaultSchema,
} from '../../sandbox/faults.js';
import { sandboxOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import { AdminError, NOT_FOUND } from '../errors.js';
import { adminError } from '../schemas.js';

const FaultRuleSchema = z.strictObject({
  id: z.string(),
  // As stored: method upper-cased, order as a string.
  match: z.strictObject({
    partner: FaultMatchSchema.shape.partner,
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

const errors = {
  400: adminError('Invalid rule, or no bearer token to pick the sandbox.'),
  404: adminError('No such rule in this sandbox.'),
};

/** Fault rules of a sandbox: the first live matching rule acts on a partner request. */
export const faultRoutes: FastifyPluginAsyncZod<AdminContext> = async (app, { sandboxes }) => {
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
