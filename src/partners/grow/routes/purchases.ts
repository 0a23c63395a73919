import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { baseUrlOf } from '../../../http/base-url.js';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { commit } from '../effects.js';
import { GrowError } from '../errors.js';
import type { GrowDocs } from '../openapi.js';
import type { GrowStores } from '../records.js';
import { OrderSchema } from '../schemas/orders.js';
import { PurchaseEnvelopeSchema, PurchaseRequestSchema } from '../schemas/purchases.js';
import { pricePurchase } from './purchase-context.js';

/** Buying a product for a customer, and the orders list (reference §4 POST and GET /orders). */
export const purchaseRoutes: FastifyPluginAsyncZod<{ docs: GrowDocs; policyDelayMs: number }> = async (
  app,
  { docs, policyDelayMs },
) => {
  const { documented, errorResponse } = docs;

  app.post(
    '/orders',
    {
      schema: {
        summary: 'Purchase an insurance product for a customer',
        description:
          "`wallet` (the default) pays from the partner's wallet in the product's currency (it may go below zero): the order is paid and the insurer issues its policy after SIM_GROW_POLICY_DELAY_MS. `web_link` and `card` leave it pending until the payment completes (POST /__admin/grow/orders/{id}/payment in partner-sim).",
        body: PurchaseRequestSchema,
        response: {
          200: documented(PurchaseEnvelopeSchema, { description: 'OK' }),
          422: errorResponse(
            'Missing or invalid fields, an unknown product or customer, no wallet in that currency.',
            {
              message: 'The given data was invalid',
              errors: { customer_ref: ['The selected customer ref is invalid.'] },
            },
          ),
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const result = pricePurchase(sandbox, request.body, { policyDelayMs, baseUrl: baseUrlOf(request) });
      if (result instanceof GrowError) return sendFailure(reply, result);
      commit(sandbox, result.outcome, { checked: true });
      return { order: result.view };
    },
  );

  // INFERENCE (reference examples §10): no page; a client library's fixture lists orders under
  // `orders`, unpaginated.
  app.get(
    '/orders',
    {
      schema: {
        summary: 'List orders',
        description:
          "Every order of your sandbox, as GET /orders/{id} returns each (the shape of a client library's fixture).",
        response: {
          200: documented(z.strictObject({ orders: z.array(OrderSchema) }), { description: 'OK' }),
          ...docs.common,
        },
      },
    },
    (request) => ({ orders: servingSandbox<GrowStores>(request).stores.grow.orders.list() }),
  );
};
