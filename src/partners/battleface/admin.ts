import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxOf } from '../../admin/addressing.js';
import { seedableCollectionRoutes } from '../../admin/collection-routes.js';
import { NOT_FOUND } from '../../admin/errors.js';
import type { PartnerAdminOptions } from '../module.js';
import { orderActionRoutes } from './admin-actions.js';
import { newOrder } from './domain/new-order.js';
import { newQuote } from './domain/new-quote.js';
import { emailText, policyDocumentPdf } from './domain/outbox.js';
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

  app.get(
    '/__admin/battleface/documents/:file_id',
    {
      schema: {
        summary: 'Open a policy document of the outbox: a one-page PDF standing in for it',
        params: z.object({ file_id: z.string() }),
        response: {
          200: {
            description: 'The policy document.',
            content: { 'application/pdf': { schema: z.string().describe('PDF bytes') } },
          },
          400: noToken,
          404: docs.error('No policy document with this file id in the sandbox.'),
        },
      },
    },
    async (request, reply) => {
      const records = sandboxOf<BattlefaceStores>(request, sandboxes).stores.battleface;
      const document = records.documents
        .all()
        .find((held) => String(held.file_id) === request.params.file_id);
      if (!document)
        throw NOT_FOUND(`No battleface policy document ${request.params.file_id} in this sandbox.`);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${document.policy_number}.pdf"`)
        .send(policyDocumentPdf(document, records.orders.find(document.order_number)) as unknown as string);
    },
  );

  app.get(
    '/__admin/battleface/emails/:id',
    {
      schema: {
        summary: 'Open an email of the outbox as a plain-text message',
        params: z.object({ id: z.string() }),
        response: {
          200: {
            description: 'The email: its headers, a blank line, its body.',
            content: { 'text/plain': { schema: z.string() } },
          },
          400: noToken,
          404: docs.error('No email with this id in the sandbox.'),
        },
      },
    },
    async (request, reply) => {
      const records = sandboxOf<BattlefaceStores>(request, sandboxes).stores.battleface;
      const email = records.emails.all().find((held) => held.id === request.params.id);
      if (!email) throw NOT_FOUND(`No battleface email ${request.params.id} in this sandbox.`);
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .send(emailText(email, [...records.documents.all()]));
    },
  );
};
