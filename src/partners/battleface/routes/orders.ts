import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { approvalContext, commitApproval } from '../approvals.js';
import { processPayment } from '../domain/process-payment.js';
import { BODY_TOO_LARGE_MESSAGE, ORDER_NOT_FOUND, STATUS_MUST_BE_APPROVED } from '../errors.js';
import { type BattlefaceDocs, SEED_REQUEST } from '../openapi.js';
import type { BattlefaceStores } from '../records.js';
import { OrderEnvelopeSchema, OrderNumberParamsSchema, PaymentStatusBodySchema } from '../schemas/orders.js';

export const orderRoutes: FastifyPluginAsyncZod<{ docs: BattlefaceDocs }> = async (app, { docs }) => {
  const { documented, errorResponse, seedOrder } = docs;
  // INFERENCE (reference §3, "Suggested simulation"): the natural read endpoint in this API's style.
  app.get(
    '/orders/:order_number',
    {
      schema: {
        summary: 'Get an order',
        description: 'Not in the published collection: the natural read endpoint in its style (partner-sim).',
        params: OrderNumberParamsSchema,
        response: {
          200: documented(OrderEnvelopeSchema, {
            description: 'The order.',
            examples: [{ data: seedOrder }],
          }),
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const { orders } = servingSandbox<BattlefaceStores>(request).stores.battleface;
      const order = orders.find(request.params.order_number);
      if (!order) return sendFailure(reply, ORDER_NOT_FOUND());
      return { data: order };
    },
  );

  app.post(
    '/orders/:order_number/payment/status',
    {
      schema: {
        summary: 'Process Payment',
        description:
          'This is used to manually approve an order. This should only be used if the payment has been confirmed as received, but the order has not changed to approved automatically.',
        params: OrderNumberParamsSchema,
        body: documented(PaymentStatusBodySchema, { examples: [SEED_REQUEST] }),
        response: {
          200: documented(OrderEnvelopeSchema, {
            description:
              'OK: the order after approval (Pending becomes Approved; Approved and Cancelled orders come back unchanged).',
            examples: [{ data: seedOrder }],
          }),
          406: errorResponse(
            'The body is not a JSON object, or status / generate_docs are invalid.',
            STATUS_MUST_BE_APPROVED,
          ),
          413: errorResponse('The request body is over 1 MB.', BODY_TOO_LARGE_MESSAGE),
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<BattlefaceStores>(request);
      const records = sandbox.stores.battleface;
      const current = records.orders.find(request.params.order_number);
      if (!current) return sendFailure(reply, ORDER_NOT_FOUND());
      return {
        data: commitApproval(sandbox, processPayment(current, request.body, approvalContext(sandbox))),
      };
    },
  );
};
