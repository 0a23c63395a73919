import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { formatMicros } from '../../../shared/clock.js';
import type { BattlefaceContext } from '../context.js';
import { processPayment } from '../domain/process-payment.js';
import { ORDER_NOT_FOUND } from '../errors.js';
import {
  ErrorSchema,
  OrderEnvelopeSchema,
  OrderNumberParamsSchema,
  PaymentStatusBodySchema,
} from '../schemas.js';

const errors = {
  401: ErrorSchema,
  404: ErrorSchema,
  406: ErrorSchema,
  413: ErrorSchema,
  500: ErrorSchema,
  503: ErrorSchema,
};

export const orderRoutes: FastifyPluginAsyncZod<BattlefaceContext> = async (app, { sandboxes, ids }) => {
  // INFERENCE (reference §3, "Suggested simulation"): the natural read endpoint in this API's style.
  app.get(
    '/orders/:order_number',
    {
      schema: {
        summary: 'Get an order',
        params: OrderNumberParamsSchema,
        response: { 200: OrderEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const store = sandboxes.get(request.sandboxToken).stores.battleface;
      const order = store.find(request.params.order_number);
      if (!order) throw ORDER_NOT_FOUND();
      return { data: order };
    },
  );

  app.post(
    '/orders/:order_number/payment/status',
    {
      schema: {
        summary: 'Process Payment',
        description:
          'Manually approve an order. Use only when the payment has been confirmed as received but the order has not changed to approved automatically.',
        params: OrderNumberParamsSchema,
        body: PaymentStatusBodySchema,
        response: { 200: OrderEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const sandbox = sandboxes.get(request.sandboxToken);
      const store = sandbox.stores.battleface;
      const current = store.find(request.params.order_number);
      if (!current) throw ORDER_NOT_FOUND();
      const result = processPayment(current, request.body, {
        now: formatMicros(sandbox.clock.now()),
        nextFileId: () => store.nextFileId(),
        newId: () => ids.token(),
      });
      if (result.changed) store.save(result.order);
      store.addDocuments(result.documents);
      if (result.email) store.addEmail(result.email);
      return { data: result.order };
    },
  );
};
