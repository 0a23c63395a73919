import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxOf } from '../../admin/addressing.js';
import { seedableCollectionRoutes } from '../../admin/collection-routes.js';
import type { PartnerAdminOptions } from '../module.js';
import { orderActionRoutes } from './admin-actions.js';
import { newOrder } from './domain/new-order.js';
import { newQuote } from './domain/new-quote.js';
import type { BattlefaceStores } from './records.js';
import {
  EmailSchema,
  type Order,
  OrderEnvelopeSchema,
  OrderSchema,
  PolicyDocumentSchema,
} from './schemas/orders.js';
import { type StoredQuote, StoredQuoteSchema } from './schemas/quotes.js';

const orderAdminRoutes = seedableCollectionRoutes<BattlefaceStores, string, Order>({
  path: 'battleface/orders',
  keyName: 'order_number',
  noun: 'battleface order',
  plural: 'orders',
  schema: OrderSchema,
  envelope: OrderEnvelopeSchema,
  wrap: (order) => ({ data: order }),
  collectionOf: (sandbox) => sandbox.stores.battleface.orders,
  keyFromPath: (text) => text,
  build: (partial, sandbox) => newOrder(partial, sandbox.clock.now(), sandbox.ids),
});

const quoteAdminRoutes = seedableCollectionRoutes<BattlefaceStores, string, StoredQuote>({
  path: 'battleface/quotes',
  keyName: 'id',
  noun: 'battleface quote',
  plural: 'quotes',
  schema: StoredQuoteSchema,
  envelope: z.strictObject({ data: StoredQuoteSchema }),
  wrap: (quote) => ({ data: quote }),
  collectionOf: (sandbox) => sandbox.stores.battleface.quotes,
  keyFromPath: (text) => text,
  build: (partial, sandbox) => newQuote(partial, sandbox.clock.now(), sandbox.ids),
  // The saved quote's two ids are one.
  complete: (quote) => ({ ...quote, _id: quote.id }),
});

/** Seed and shape battleface orders and quotes; settle payments, cancel; list what approvals produced. */
export const battlefaceAdminRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (app, options) => {
  await app.register(orderAdminRoutes, options);
  await app.register(quoteAdminRoutes, options);
  await app.register(orderActionRoutes, options);
  const { sandboxes, docs } = options;
  const noToken = docs.error('Invalid order (the issues list each problem), or no bearer token.');

  app.get(
    '/__admin/battleface/emails',
    {
      schema: {
        summary: 'Policy emails approvals sent in this sandbox (its outbox)',
        response: { 200: z.strictObject({ emails: z.array(EmailSchema) }), 400: noToken },
      },
    },
    async (request) => ({
      emails: [...sandboxOf<BattlefaceStores>(request, sandboxes).stores.battleface.emails.all()],
    }),
  );

  app.get(
    '/__admin/battleface/documents',
    {
      schema: {
        summary: 'Policy documents approvals generated in this sandbox',
        response: { 200: z.strictObject({ documents: z.array(PolicyDocumentSchema) }), 400: noToken },
      },
    },
    async (request) => ({
      documents: [...sandboxOf<BattlefaceStores>(request, sandboxes).stores.battleface.documents.all()],
    }),
  );
};
