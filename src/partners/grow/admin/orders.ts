import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxOf } from '../../../admin/addressing.js';
import { NOT_FOUND } from '../../../admin/errors.js';
import { CONFLICT, ensureRoom, parseOrder } from '../../../admin/order-input.js';
import type { AdminDocs } from '../../../admin/schemas.js';
import { baseUrlOf } from '../../../http/base-url.js';
import { mergePatch } from '../../../lib/merge-patch.js';
import type { PartnerAdminOptions } from '../../module.js';
import { newOrder, withIssuedPolicy } from '../domain/new-order.js';
import { idFromPath } from '../order-service.js';
import { OrderEnvelopeSchema, OrderSchema } from '../schemas.js';
import type { GrowStores } from '../state.js';

const PartialOrderSchema = z
  .record(z.string(), z.unknown(), { error: 'The body must be a JSON object: any part of a Grow order.' })
  .describe('Any part of a Grow order, from {} to a whole one.');

const errorsOf = (docs: AdminDocs) => ({
  400: docs.error('Invalid order (the issues list each problem), or no bearer token.'),
  404: docs.error('No such order in this sandbox.'),
  409: docs.error('An order with this id already exists.'),
});

/** Seed and shape Grow orders. */
export const growOrderAdminRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (
  app,
  { sandboxes, docs },
) => {
  const errors = errorsOf(docs);
  app.post(
    '/__admin/grow/orders',
    {
      schema: {
        summary: 'Add a Grow order, defaults filling what the body leaves out',
        body: PartialOrderSchema,
        response: { 201: OrderEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const sandbox = sandboxOf<GrowStores>(request, sandboxes);
      const store = sandbox.stores.grow;
      ensureRoom(store.size);
      const context = {
        now: sandbox.clock.now(),
        ids: sandbox.ids,
        id: store.nextOrderId(),
        nextPolicyId: () => store.nextPolicyId(),
        baseUrl: baseUrlOf(request),
      };
      const parsed = parseOrder(OrderSchema, newOrder(request.body, context));
      if (store.find(parsed.id)) throw CONFLICT(`Order ${parsed.id} already exists in this sandbox.`);
      const order = withIssuedPolicy(parsed, request.body, context);
      store.save(order, { checked: true });
      return reply.code(201).send({ order });
    },
  );

  app.patch(
    '/__admin/grow/orders/:id',
    {
      schema: {
        summary: 'Change any field of a Grow order (JSON Merge Patch), status included',
        params: z.object({ id: z.string() }),
        body: PartialOrderSchema,
        response: { 200: OrderEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const store = sandboxOf<GrowStores>(request, sandboxes).stores.grow;
      const id = request.params.id;
      const number = idFromPath(id);
      const current = number === undefined ? undefined : store.find(number);
      if (!current) throw NOT_FOUND(`No Grow order ${id} in this sandbox.`);
      const order = parseOrder(OrderSchema, mergePatch(OrderSchema, current, request.body));
      if (order.id !== current.id) {
        if (store.find(order.id)) throw CONFLICT(`Order ${order.id} already exists in this sandbox.`);
        store.remove(current.id);
      }
      store.save(order, { checked: true });
      return { order };
    },
  );
};
