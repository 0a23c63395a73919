import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxOf } from '../../admin/addressing.js';
import { NOT_FOUND } from '../../admin/errors.js';
import { CONFLICT, ensureRoom, parseOrder } from '../../admin/order-input.js';
import type { AdminDocs } from '../../admin/schemas.js';
import { mergePatch } from '../../lib/merge-patch.js';
import type { PartnerAdminOptions } from '../module.js';
import { newOrder } from './domain/new-order.js';
import { EmailSchema, OrderEnvelopeSchema, OrderSchema, PolicyDocumentSchema } from './schemas.js';
import type { BattlefaceStores } from './state.js';

const PartialOrderSchema = z
  .record(z.string(), z.unknown(), {
    error: 'The body must be a JSON object: any part of a battleface order.',
  })
  .describe('Any part of a battleface order, from {} to a whole one.');

const errorsOf = (docs: AdminDocs) => ({
  400: docs.error('Invalid order (the issues list each problem), or no bearer token.'),
  404: docs.error('No such order in this sandbox.'),
  409: docs.error('An order with this order_number already exists.'),
});

/** Seed and shape battleface orders; list what approvals produced. */
export const battlefaceAdminRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (
  app,
  { sandboxes, docs },
) => {
  const errors = errorsOf(docs);
  app.post(
    '/__admin/battleface/orders',
    {
      schema: {
        summary: 'Add a battleface order, defaults filling what the body leaves out',
        body: PartialOrderSchema,
        response: { 201: OrderEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const sandbox = sandboxOf<BattlefaceStores>(request, sandboxes);
      const store = sandbox.stores.battleface;
      ensureRoom(store.size);
      const order = parseOrder(OrderSchema, newOrder(request.body, sandbox.clock.now(), sandbox.ids));
      if (store.find(order.order_number))
        throw CONFLICT(`Order ${order.order_number} already exists in this sandbox.`);
      store.save(order, { checked: true });
      return reply.code(201).send({ data: order });
    },
  );

  app.patch(
    '/__admin/battleface/orders/:order_number',
    {
      schema: {
        summary: 'Change any field of a battleface order (JSON Merge Patch), status included',
        params: z.object({ order_number: z.string() }),
        body: PartialOrderSchema,
        response: { 200: OrderEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const store = sandboxOf<BattlefaceStores>(request, sandboxes).stores.battleface;
      const current = store.find(request.params.order_number);
      if (!current) throw NOT_FOUND(`No battleface order ${request.params.order_number} in this sandbox.`);
      const order = parseOrder(OrderSchema, mergePatch(OrderSchema, current, request.body));
      if (order.order_number !== current.order_number) {
        if (store.find(order.order_number))
          throw CONFLICT(`Order ${order.order_number} already exists in this sandbox.`);
        store.remove(current.order_number);
      }
      store.save(order, { checked: true });
      return { data: order };
    },
  );

  app.get(
    '/__admin/battleface/emails',
    {
      schema: {
        summary: 'Policy emails approvals sent in this sandbox (its outbox)',
        response: { 200: z.strictObject({ emails: z.array(EmailSchema) }), 400: errors[400] },
      },
    },
    async (request) => ({
      emails: [...sandboxOf<BattlefaceStores>(request, sandboxes).stores.battleface.emails],
    }),
  );

  app.get(
    '/__admin/battleface/documents',
    {
      schema: {
        summary: 'Policy documents approvals generated in this sandbox',
        response: { 200: z.strictObject({ documents: z.array(PolicyDocumentSchema) }), 400: errors[400] },
      },
    },
    async (request) => ({
      documents: [...sandboxOf<BattlefaceStores>(request, sandboxes).stores.battleface.documents],
    }),
  );
};
