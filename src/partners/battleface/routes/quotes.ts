import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import type { Sandbox } from '../../../sandbox/sandboxes.js';
import {
  dynamicProduct,
  type PricedQuote,
  previewOf,
  priceFields,
  quoteFor,
  savedQuote,
} from '../domain/quotes.js';
import { BattlefaceError, QUOTE_NOT_FOUND } from '../errors.js';
import type { BattlefaceDocs } from '../openapi.js';
import type { BattlefaceStores } from '../records.js';
import {
  DynamicQuoteRequestSchema,
  QuoteEnvelopeSchema,
  QuoteIdParamsSchema,
  QuotePreviewEnvelopeSchema,
  QuoteRequestSchema,
} from '../schemas/quotes.js';

/** Saves a priced quote in the sandbox (its ids and time the sandbox's), refused past the budget. */
function saveQuote(sandbox: Sandbox<BattlefaceStores>, priced: PricedQuote) {
  const quote = savedQuote(priced, sandbox.clock.now(), sandbox.ids);
  sandbox.stores.battleface.quotes.save(quote, { checked: true });
  return quote;
}

/** Quotes (reference §3 #1–#3): priced by the product's rules; saved ones can be loaded again. */
export const quoteRoutes: FastifyPluginAsyncZod<{ docs: BattlefaceDocs }> = async (app, { docs }) => {
  const { documented, errorResponse, published } = docs;
  const invalid = errorResponse(
    'A field is missing or wrong, or the trip does not fit the product; one message names every problem.',
    'Product ID not provided.',
  );
  const savedResponse = (description: string) =>
    documented(QuoteEnvelopeSchema, { description, examples: [published('dynquote-201.json')] });

  app.post(
    '/quote',
    {
      schema: {
        summary: 'Create Quotation',
        description:
          'Creates and saves a quote that can be loaded again by its id. `product` is the integer id or the uuid; packages are aliases or objects with limits and reservations.',
        body: documented(QuoteRequestSchema, { examples: [published('quote-req.json')] }),
        response: {
          201: savedResponse('Created: the saved quote (INFERENCE: the page shows no response).'),
          406: invalid,
          413: docs.tooLarge,
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<BattlefaceStores>(request);
      const priced = quoteFor(sandbox.stores.battlefaceCatalogue, request.body, sandbox.clock.now());
      if (priced instanceof BattlefaceError) return sendFailure(reply, priced);
      reply.code(201);
      return { data: saveQuote(sandbox, priced) };
    },
  );

  app.post(
    '/quote/preview',
    {
      schema: {
        summary: 'Quotation Preview',
        description: 'Prices a quote like Create Quotation, without saving it.',
        body: documented(QuoteRequestSchema, { examples: [published('preview-req.json')] }),
        response: {
          200: documented(QuotePreviewEnvelopeSchema, { description: 'OK: the priced quote, not saved.' }),
          406: invalid,
          413: docs.tooLarge,
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<BattlefaceStores>(request);
      const priced = quoteFor(sandbox.stores.battlefaceCatalogue, request.body, sandbox.clock.now());
      if (priced instanceof BattlefaceError) return sendFailure(reply, priced);
      return { data: previewOf(priced) };
    },
  );

  app.post(
    '/quote/dynamic',
    {
      schema: {
        summary: 'Create Dynamic Quotation',
        description:
          'Takes a `program_id` instead of a product: the product is the one active product of the program covering `host_country_state`, among `products.ids` or `products.uuids` when given.',
        body: DynamicQuoteRequestSchema,
        response: {
          201: savedResponse('Created: the saved quote.'),
          406: invalid,
          413: docs.tooLarge,
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<BattlefaceStores>(request);
      const product = dynamicProduct(sandbox.stores.battlefaceCatalogue, request.body);
      if (product instanceof BattlefaceError) return sendFailure(reply, product);
      const priced = priceFields(product, request.body, sandbox.clock.now());
      if (priced instanceof BattlefaceError) return sendFailure(reply, priced);
      reply.code(201);
      return { data: saveQuote(sandbox, priced) };
    },
  );

  // INFERENCE (reference §3 #1): "can be loaded again later by id"; the read is not published.
  app.get(
    '/quote/:id',
    {
      schema: {
        summary: 'Get a saved quote',
        description: 'Not in the published collection: the saved quote, by its id (partner-sim).',
        params: QuoteIdParamsSchema,
        response: {
          200: savedResponse('The saved quote.'),
          ...docs.common,
          404: errorResponse('No saved quote with this id in your sandbox.', QUOTE_NOT_FOUND().message),
        },
      },
    },
    (request, reply) => {
      const quote = servingSandbox<BattlefaceStores>(request).stores.battleface.quotes.find(
        request.params.id,
      );
      if (!quote) return sendFailure(reply, QUOTE_NOT_FOUND());
      return { data: quote };
    },
  );
};
