import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { formatMicros } from '../../../lib/clock.js';
import { approvalContext, commitApproval, scheduleIntentSuccess } from '../approvals.js';
import { chargeOf, checkCard, intentOf, newPayment, payable } from '../domain/payments.js';
import { approveOnPayment } from '../domain/process-payment.js';
import { CARD_DECLINED, ORDER_NOT_FOUND, PAYMENT_PROCESSING_ERROR } from '../errors.js';
import type { BattlefaceDocs } from '../openapi.js';
import type { BattlefaceStores } from '../records.js';
import { OrderNumberParamsSchema } from '../schemas/orders.js';
import { ChargeEnvelopeSchema, ChargeRequestSchema, IntentEnvelopeSchema } from '../schemas/payments.js';

export interface PaymentRouteOptions {
  docs: BattlefaceDocs;
  /** Sandbox time after which an intent succeeds by itself; 0: only the control plane settles it. */
  intentSucceedsAfterMs: number;
}

/** Payment Charge and Payment Intent (reference §3 #7, #8). */
export const paymentRoutes: FastifyPluginAsyncZod<PaymentRouteOptions> = async (
  app,
  { docs, intentSucceedsAfterMs },
) => {
  const { documented, errorResponse, published } = docs;
  const notPayable = errorResponse(
    'The order is not Pending (already Approved, or Cancelled), or a card field is missing.',
    'Order 1-DEC804D-3A6D1BC7C2E7 is Approved: only a Pending order can be paid.',
  );

  app.post(
    '/orders/:order_number/payment/charge',
    {
      schema: {
        summary: 'Payment Charge',
        description:
          "Charges the card for the order's total; the order then becomes Approved automatically, with documents and emails as its flags say. Stripe's test cards decline as documented in the README.",
        params: OrderNumberParamsSchema,
        body: documented(ChargeRequestSchema, { examples: [published('charge-req.json')] }),
        response: {
          200: documented(ChargeEnvelopeSchema, {
            description: 'OK',
            examples: [published('charge-200.json')],
          }),
          406: notPayable,
          413: docs.tooLarge,
          422: errorResponse(
            'The card was declined, expired or is not a card number.',
            CARD_DECLINED().message,
          ),
          502: errorResponse(
            'The payment processor failed (test card 4000000000000119).',
            PAYMENT_PROCESSING_ERROR().message,
          ),
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<BattlefaceStores>(request);
      const records = sandbox.stores.battleface;
      const order = records.orders.find(request.params.order_number);
      if (!order) return sendFailure(reply, ORDER_NOT_FOUND());
      const refusal = payable(order) ?? checkCard(request.body, sandbox.clock.now());
      if (refusal) return sendFailure(reply, refusal);
      const payment = newPayment(
        order.order_number,
        'charge',
        records.payments.find(order.order_number),
        sandbox.ids,
      );
      records.payments.save(payment);
      commitApproval(sandbox, approveOnPayment(order, approvalContext(sandbox)));
      return { data: chargeOf(payment) };
    },
  );

  app.get(
    '/orders/:order_number/payment/intent',
    {
      schema: {
        summary: 'Payment Intent',
        description:
          "For partners that do not handle card data: creates (or returns the open) Stripe PaymentIntent of a Pending order. The order stays Pending until the customer pays on Stripe's page: in partner-sim, POST /__admin/battleface/orders/{order_number}/payment/intent settles it (or SIM_BATTLEFACE_INTENT_SUCCEED_MS does).",
        params: OrderNumberParamsSchema,
        response: {
          200: documented(IntentEnvelopeSchema, {
            description: 'OK',
            examples: [published('intent-200.json')],
          }),
          406: notPayable,
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<BattlefaceStores>(request);
      const records = sandbox.stores.battleface;
      const order = records.orders.find(request.params.order_number);
      if (!order) return sendFailure(reply, ORDER_NOT_FOUND());
      const existing = records.payments.find(order.order_number);
      // INFERENCE (reference §3 #8): calling again returns the same intent, paid or not.
      if (existing?.method === 'intent') return { data: intentOf(existing) };
      const refusal = payable(order);
      if (refusal) return sendFailure(reply, refusal);
      const succeedsAt =
        intentSucceedsAfterMs > 0 ? formatMicros(sandbox.clock.now() + intentSucceedsAfterMs) : undefined;
      const payment = newPayment(order.order_number, 'intent', existing, sandbox.ids, succeedsAt);
      records.payments.save(payment);
      scheduleIntentSuccess(sandbox, payment);
      return { data: intentOf(payment) };
    },
  );
};
