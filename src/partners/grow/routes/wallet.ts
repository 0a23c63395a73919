import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf } from '../../../http/base-url.js';
import { classifyFailure, sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { formatSeconds } from '../../../lib/clock.js';
import { pageRequest, paginate } from '../domain/pagination.js';
import { balancesOf, MERCHANT_CURRENCIES, transactionMatches, transactionView } from '../domain/wallet.js';
import { BAD_REQUEST, GrowError, growFailure, INVALID_DATA } from '../errors.js';
import type { GrowDocs } from '../openapi.js';
import type { GrowStores } from '../records.js';
import {
  BalanceListSchema,
  BalanceQuerySchema,
  TopupRequestSchema,
  TopupResponseSchema,
  TransactionListSchema,
  TransactionQuerySchema,
} from '../schemas/wallet.js';

export const NO_WALLET = 'You do not have a wallet for this currency';
/** The published gateway error (examples §30). */
export const CURRENCY_NOT_SUPPORTED = () => new GrowError(400, 'Currency not supported by merchant');

/** The partner's wallet (reference §4 /partners/wallet; examples §28–§30). */
export const walletRoutes: FastifyPluginAsyncZod<{ docs: GrowDocs }> = async (app, { docs }) => {
  const { documented, errorResponse } = docs;

  app.get(
    '/partners/wallet/balance',
    {
      schema: {
        summary: 'Check balance',
        description:
          'A bare array, one entry per wallet in currency order, balances as strings (possibly negative). `wallet` (a currency) keeps that one (INFERENCE: still an array).',
        querystring: BalanceQuerySchema,
        response: { 200: documented(BalanceListSchema, { description: 'OK' }), ...docs.common },
      },
    },
    (request) =>
      balancesOf(servingSandbox<GrowStores>(request).stores.grow.wallets.list(), request.query.wallet),
  );

  app.get(
    '/partners/wallet/transactions',
    {
      schema: {
        summary: 'List transactions',
        description:
          'Every purchase debit, refund, top-up and instalment charge, newest first, pages of `per_page` (default 16). Filters: `type` (credit, debit), `currency`, `dateRange` (JSON `{"start","end"}`, dates inclusive), `search` (reference or narration). The item is not published: its fields are the dashboard\'s (INFERENCE).',
        querystring: TransactionQuerySchema,
        response: {
          200: documented(TransactionListSchema, { description: 'OK' }),
          422: errorResponse('An unknown type, or a dateRange that is not JSON with start and end dates.', {
            message: INVALID_DATA,
            errors: { dateRange: ['The date range must be a valid JSON string.'] },
          }),
          ...docs.common,
          400: errorResponse('An unusable per_page (1 to 100), or X-Sim header.', BAD_REQUEST().body),
        },
      },
    },
    (request, reply) => {
      const { type, currency, dateRange, search } = request.query;
      const errors: Record<string, string[]> = {};
      if (type !== undefined && type !== 'credit' && type !== 'debit')
        errors.type = ['The selected type is invalid.'];
      const range = dateRange === undefined ? undefined : parseDateRange(dateRange);
      if (range === null) errors.dateRange = ['The date range must be a valid JSON string.'];
      if (Object.keys(errors).length > 0) return sendFailure(reply, new GrowError(422, INVALID_DATA, errors));
      const page = pageRequest(request.query, 16);
      if (!page) return sendFailure(reply, BAD_REQUEST());
      const found = servingSandbox<GrowStores>(request)
        .stores.grow.wallet_transactions.all()
        .filter((transaction) =>
          transactionMatches(transaction, { type, currency, range: range ?? undefined, search }),
        )
        .reverse();
      const listed = paginate(found, page, `${baseUrlOf(request)}${request.routeOptions.url}`);
      return { ...listed, data: listed.data.map(transactionView) };
    },
  );

  app.post(
    '/partners/wallet/init-topup',
    {
      // The wallet check belongs with the field errors (the published 422 names both at once).
      attachValidation: true,
      schema: {
        summary: 'Initiate a wallet topup',
        description:
          "Answers the payment link the customer of the wallet pays (Paystack's checkout, as on the partner). In partner-sim, POST /__admin/grow/wallet/topups/{code} is that payment: the wallet is credited and a transaction recorded.",
        body: documented(TopupRequestSchema, { examples: [{ amount: 10000.2, currency: 'NGN' }] }),
        response: {
          200: documented(TopupResponseSchema, {
            description: 'OK',
            examples: [{ payment_link: 'https://checkout.paystack.com/hpq3a1iw9exaj66' }],
          }),
          422: errorResponse('Unprocessable Content. For all input validation errors', {
            message: INVALID_DATA,
            errors: { amount: ['The amount field is required'], currency: [NO_WALLET] },
          }),
          ...docs.common,
          400: errorResponse('Bad Request. For all payment gateway errors', CURRENCY_NOT_SUPPORTED().body),
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const records = sandbox.stores.grow;
      const sentCurrency = (request.body as { currency?: unknown } | null | undefined)?.currency;
      const noWallet =
        typeof sentCurrency === 'string' && sentCurrency !== '' && !records.wallets.find(sentCurrency);
      if (request.validationError || noWallet) {
        const { status, body } = request.validationError
          ? growFailure(classifyFailure(request.validationError))
          : { status: 422, body: { message: INVALID_DATA, errors: {} } };
        const errors =
          body.errors && noWallet && !body.errors.currency
            ? { ...body.errors, currency: [NO_WALLET] }
            : body.errors;
        return sendFailure(reply, new GrowError(status, body.message, errors));
      }
      const { amount, currency } = request.body;
      if (!MERCHANT_CURRENCIES.has(currency)) return sendFailure(reply, CURRENCY_NOT_SUPPORTED());
      // Paystack's checkout codes: 15 lower-case letters and digits (examples §30).
      const code = sandbox.ids.alphanumeric(15).toLowerCase();
      records.topups.save(
        {
          code,
          currency,
          amount,
          status: 'pending',
          created_at: formatSeconds(sandbox.clock.now()),
          paid_at: null,
        },
        { checked: true },
      );
      return { payment_link: `https://checkout.paystack.com/${code}` };
    },
  );
};

/** `{"start": "2022-12-01", "end": "2023-01-24"}`; null when it is not that. */
function parseDateRange(text: string): { start: string; end: string } | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { start, end } = value as Record<string, unknown>;
    const isDate = (date: unknown): date is string =>
      typeof date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(date);
    return isDate(start) && isDate(end) ? { start: start.slice(0, 10), end: end.slice(0, 10) } : null;
  } catch {
    return null;
  }
}
