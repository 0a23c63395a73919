import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { approvalContext, type BattlefaceSandbox, commitApproval } from '../approvals.js';
import { type CreatedOrder, type CreateOrderContext, createOrder } from '../domain/create-order.js';
import { checkCard, newPayment } from '../domain/payments.js';
import { approveOnPayment } from '../domain/process-payment.js';
import { BattlefaceError, CARD_DECLINED, PREMIUM_MISMATCH } from '../errors.js';
import type { BattlefaceDocs } from '../openapi.js';
import type { BattlefaceStores } from '../records.js';
import { OrderRequestSchema, OrderWithPaymentRequestSchema } from '../schemas/order-requests.js';
import { OrderEnvelopeSchema } from '../schemas/orders.js';

/** Order creation (reference §3 #4–#6): Pending orders, re-priced from their quote. */
export const newOrderRoutes: FastifyPluginAsyncZod<{ docs: BattlefaceDocs }> = async (app, { docs }) => {
  const { documented, errorResponse } = docs;
  const errors = {
    400: errorResponse(
      "The order's total differs from its re-priced quote, or a sanction search failed (or an unusable X-Sim header).",
      PREMIUM_MISMATCH().message,
    ),
    406: errorResponse(
      'A field is missing or wrong, or the trip does not fit the product; one message names every problem.',
      'Applicants not provided.',
    ),
    413: docs.tooLarge,
  };
  const created = (description: string) => documented(OrderEnvelopeSchema, { description });

  const contextOf = (
    sandbox: BattlefaceSandbox,
    ip: string,
    by: CreateOrderContext['by'],
  ): CreateOrderContext => ({
    catalogue: sandbox.stores.battlefaceCatalogue,
    findQuote: (id) => sandbox.stores.battleface.quotes.find(id),
    now: sandbox.clock.now(),
    ids: sandbox.ids,
    clientId: sandbox.stores.battleface.next_client_id.peek(),
    ip,
    by,
  });
  const save = (sandbox: BattlefaceSandbox, result: CreatedOrder) => {
    const records = sandbox.stores.battleface;
    if (result.newQuote) records.quotes.save(result.newQuote, { checked: true });
    records.orders.save(result.order, { checked: true });
    records.next_client_id.take();
  };

  for (const [url, by, summary, description] of [
    [
      '/orders/condensed',
      'quote',
      'Order',
      "Creates a Pending order from a quote (`quote_id`), order-level details overriding the quote's; or, without a saved quote, from `product_id` and the trip. The order is re-priced: a `total` that differs answers 400.",
    ],
    [
      '/orders/condensed/dynamic',
      'program',
      'Dynamic Order',
      'As Order, with the product inferred from `program_id` and `host_country_state` (the one active product of the program there).',
    ],
  ] as const) {
    app.post(
      url,
      {
        schema: {
          summary,
          description,
          body: OrderRequestSchema,
          response: { 201: created('Created: the Pending order.'), ...errors, ...docs.common },
        },
      },
      (request, reply) => {
        const sandbox = servingSandbox<BattlefaceStores>(request);
        const result = createOrder(request.body.order, contextOf(sandbox, request.ip, by));
        if (result instanceof BattlefaceError) return sendFailure(reply, result);
        save(sandbox, result);
        reply.code(201);
        return { data: result.order };
      },
    );
  }

  app.post(
    '/orders/with-payment',
    {
      schema: {
        summary: 'Order With Payment',
        description:
          'Creates the order and charges the card in one call: the order is Approved only when the charge succeeds. A declined card answers 422 and creates nothing.',
        body: OrderWithPaymentRequestSchema,
        response: {
          201: created(
            'Created: the order, Approved once the card was charged (INFERENCE: the page shows no response).',
          ),
          ...errors,
          422: errorResponse('The card was declined.', CARD_DECLINED().message),
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<BattlefaceStores>(request);
      const { order: fields, ...card } = request.body;
      const result = createOrder(fields, contextOf(sandbox, request.ip, 'quote'));
      if (result instanceof BattlefaceError) return sendFailure(reply, result);
      // INFERENCE (reference §3 #6): a declined card leaves nothing behind, as any refused request.
      const declined = checkCard(card, sandbox.clock.now());
      if (declined) return sendFailure(reply, declined);
      save(sandbox, result);
      const payment = newPayment(result.order.order_number, 'charge', undefined, sandbox.ids);
      sandbox.stores.battleface.payments.save(payment);
      reply.code(201);
      return { data: commitApproval(sandbox, approveOnPayment(result.order, approvalContext(sandbox))) };
    },
  );
};
