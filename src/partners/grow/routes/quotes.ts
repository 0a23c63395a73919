import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { baseUrlOf } from '../../../http/base-url.js';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { pageRequest, paginate } from '../domain/pagination.js';
import {
  createdQuoteView,
  newQuote,
  quoteInvoicePdf,
  quoteMatches,
  quoteView,
  repriced,
} from '../domain/quotes.js';
import { commit } from '../effects.js';
import { BAD_REQUEST, GrowError, INVALID_DATA, QUOTE_NOT_FOUND } from '../errors.js';
import type { GrowDocs } from '../openapi.js';
import type { GrowStores } from '../records.js';
import { idFromPath } from '../schemas/orders.js';
import { PurchaseEnvelopeSchema, type PurchaseRequest, PurchaseRequestSchema } from '../schemas/purchases.js';
import {
  AcceptQuoteSchema,
  CreatedQuoteSchema,
  PatchQuoteSchema,
  QuoteGetQuerySchema,
  QuoteListQuerySchema,
  QuoteListSchema,
  QuoteParamsSchema,
  QuoteRequestSchema,
  QuoteViewSchema,
} from '../schemas/quotes.js';
import { pricePurchase } from './purchase-context.js';

const refInvalid = () => new GrowError(422, INVALID_DATA, { ref: ['The selected ref is invalid.'] });
// INFERENCE (reference §4 /quotes): a paid quote cannot be bought or changed again.
const alreadyPaid = () => new GrowError(422, INVALID_DATA, { ref: ['The quote has already been paid.'] });

/** Quotes (reference §4 /quotes): a priced purchase kept to be accepted later. */
export const quoteRoutes: FastifyPluginAsyncZod<{ docs: GrowDocs; policyDelayMs: number }> = async (
  app,
  { docs, policyDelayMs },
) => {
  const { documented, errorResponse } = docs;
  const notFound = errorResponse('No quote with this id (or ref).', QUOTE_NOT_FOUND().body);
  const invalid = errorResponse('Missing or invalid fields, or an unknown or paid quote.', refInvalid().body);

  app.post(
    '/quotes',
    {
      schema: {
        summary: 'Create a quote for an insurance product',
        description:
          'The body of a purchase; the quote is priced as the purchase would be, and nothing is paid.',
        body: QuoteRequestSchema,
        response: {
          200: documented(CreatedQuoteSchema, { description: 'OK' }),
          422: invalid,
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const priced = pricePurchase(sandbox, request.body, {
        policyDelayMs,
        baseUrl: baseUrlOf(request),
        quoteOnly: true,
      });
      if (priced instanceof GrowError) return sendFailure(reply, priced);
      const { quotes } = sandbox.stores.grow;
      const quote = newQuote(priced, request.body, quotes.highestKey() + 1, sandbox.clock.now());
      quotes.save(quote, { checked: true });
      return { message: 'Quote created successfully', quote: createdQuoteView(quote) };
    },
  );

  app.get(
    '/quotes',
    {
      schema: {
        summary: 'Get quotations created',
        description:
          '`status` (paid, pending), `search` (product title or customer name); pages of `per_page` (default 15).',
        querystring: QuoteListQuerySchema,
        response: {
          200: documented(QuoteListSchema, { description: 'OK' }),
          422: errorResponse('An unknown status.', {
            message: INVALID_DATA,
            errors: { status: ['The selected status is invalid.'] },
          }),
          ...docs.common,
          400: errorResponse('An unusable per_page (1 to 100), or X-Sim header.', BAD_REQUEST().body),
        },
      },
    },
    (request, reply) => {
      const { status, search } = request.query;
      if (status !== undefined && status !== 'paid' && status !== 'pending') {
        return sendFailure(
          reply,
          new GrowError(422, INVALID_DATA, { status: ['The selected status is invalid.'] }),
        );
      }
      const page = pageRequest(request.query, 15);
      if (!page) return sendFailure(reply, BAD_REQUEST());
      const found = servingSandbox<GrowStores>(request)
        .stores.grow.quotes.list()
        .filter(
          (quote) =>
            (status === undefined || quote.status === status) && (!search || quoteMatches(quote, search)),
        );
      const listed = paginate(found, page, `${baseUrlOf(request)}${request.routeOptions.url}`);
      return { ...listed, data: listed.data.map(quoteView) };
    },
  );

  app.get(
    '/quotes/:quote',
    {
      schema: {
        summary: 'Retrieve a quotation',
        description: 'By id, or by ref with `using_ref`. The quote is the root object, as published.',
        params: QuoteParamsSchema,
        querystring: QuoteGetQuerySchema,
        response: { 200: documented(QuoteViewSchema, { description: 'OK' }), ...docs.common, 404: notFound },
      },
    },
    (request, reply) => {
      const { quotes } = servingSandbox<GrowStores>(request).stores.grow;
      const key = request.params.quote;
      const id = idFromPath(key);
      const quote =
        request.query.using_ref !== undefined
          ? quoteByRef(quotes, key)
          : id === undefined
            ? undefined
            : quotes.find(id);
      if (!quote) return sendFailure(reply, QUOTE_NOT_FOUND());
      return quoteView(quote);
    },
  );

  app.post(
    '/quotes/accept',
    {
      schema: {
        summary: 'Convert a quote to an order',
        description:
          'Buys the quote as POST /orders would, its `asset_ref`, `customer_ref`, `policy_start_date` and `payment_type` replaceable.',
        body: AcceptQuoteSchema,
        response: {
          200: documented(PurchaseEnvelopeSchema, { description: 'OK' }),
          422: invalid,
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const { quotes } = sandbox.stores.grow;
      const pending = pendingQuote(quotes, request.body);
      if (pending instanceof GrowError) return sendFailure(reply, pending);
      const { quote, body } = pending;
      const result = pricePurchase(sandbox, body, { policyDelayMs, baseUrl: baseUrlOf(request) });
      if (result instanceof GrowError) return sendFailure(reply, result);
      commit(sandbox, result.outcome, { checked: true });
      if (result.outcome.order.status === 'paid') quotes.save({ ...quote, status: 'paid' });
      return { order: result.view };
    },
  );

  // INFERENCE (reference examples §18): no page; a client library sends the ref in the body.
  app.patch(
    '/quotes',
    {
      schema: {
        summary: 'Update a quote',
        description: 'Changes the fields given of the pending quote named by `ref`, and prices it again.',
        body: PatchQuoteSchema,
        response: {
          200: documented(CreatedQuoteSchema, { description: 'OK' }),
          422: invalid,
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const { quotes } = sandbox.stores.grow;
      const pending = pendingQuote(quotes, request.body);
      if (pending instanceof GrowError) return sendFailure(reply, pending);
      const { quote, body } = pending;
      const priced = pricePurchase(sandbox, body, {
        policyDelayMs,
        baseUrl: baseUrlOf(request),
        quoteOnly: true,
      });
      if (priced instanceof GrowError) return sendFailure(reply, priced);
      const updated = repriced(quote, priced, body);
      quotes.save(updated, { checked: true });
      return { message: 'Quote updated successfully', quote: createdQuoteView(updated) };
    },
  );

  app.delete(
    '/quotes/:quote',
    {
      schema: {
        summary: 'Delete a quote',
        description: "By ref (a client library's call; no page).",
        params: QuoteParamsSchema,
        response: {
          200: documented(z.strictObject({ message: z.string() }), { description: 'Deleted' }),
          ...docs.common,
          404: notFound,
        },
      },
    },
    (request, reply) => {
      const { quotes } = servingSandbox<GrowStores>(request).stores.grow;
      const quote = quoteByRef(quotes, request.params.quote);
      if (!quote) return sendFailure(reply, QUOTE_NOT_FOUND());
      quotes.remove(quote.id);
      return { message: 'Quote deleted successfully' };
    },
  );

  app.get(
    '/quotes/:quote/invoice',
    {
      schema: {
        summary: "Download a quote's invoice",
        description: 'A one-page PDF (partner-sim), by ref.',
        params: QuoteParamsSchema,
        response: {
          200: {
            description: 'The invoice.',
            content: { 'application/pdf': { schema: z.string().describe('PDF bytes') } },
          },
          ...docs.common,
          404: notFound,
        },
      },
    },
    (request, reply) => {
      const { quotes } = servingSandbox<GrowStores>(request).stores.grow;
      const quote = quoteByRef(quotes, request.params.quote);
      if (!quote) return sendFailure(reply, QUOTE_NOT_FOUND());
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${quote.ref}.pdf"`)
        // Bytes go out as they are; the typed reply only knows the JSON bodies.
        .send(quoteInvoicePdf(quote) as unknown as string);
    },
  );
};

/** A quote by its ref (quotes are kept by id). */
function quoteByRef(quotes: GrowStores['grow']['quotes'], ref: string) {
  return quotes.list().find((quote) => quote.ref === ref);
}

/**
 * The pending quote a body names by `ref`, and its request with the body's other fields laid
 * over it, validated again as a purchase (accept and update alike).
 */
function pendingQuote(
  quotes: GrowStores['grow']['quotes'],
  changes: { ref: string } & Record<string, unknown>,
) {
  const quote = quoteByRef(quotes, changes.ref);
  if (!quote) return refInvalid();
  if (quote.status === 'paid') return alreadyPaid();
  const { ref: _ref, ...fields } = changes;
  const body = merged(quote.request, fields);
  return body instanceof GrowError ? body : { quote, body };
}

/** A stored quote request with changes laid over it, validated again as a purchase. */
function merged(
  stored: Record<string, unknown>,
  changes: Record<string, unknown>,
): PurchaseRequest | GrowError {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  const parsed = PurchaseRequestSchema.safeParse({ ...stored, ...defined });
  if (parsed.success) return parsed.data;
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.');
    errors[field] = [...(errors[field] ?? []), issue.message];
  }
  return new GrowError(422, INVALID_DATA, errors);
}
