import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxOf } from '../../admin/addressing.js';
import { AdminError, NOT_FOUND } from '../../admin/errors.js';
import { formatMicros } from '../../lib/clock.js';
import type { PartnerAdminOptions } from '../module.js';
import { settleIntent } from './approvals.js';
import { cancelled } from './domain/cancel.js';
import { BattlefaceError } from './errors.js';
import type { BattlefaceStores } from './records.js';
import { OrderEnvelopeSchema } from './schemas/orders.js';

const Params = z.object({ order_number: z.string() });

/**
 * What happens to an order outside the partner's published API: the customer pays (or fails to
 * pay) on Stripe's page, and battleface cancels (its cancel endpoint is not published).
 */
export const orderActionRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (
  app,
  { sandboxes, docs },
) => {
  const errors = {
    400: docs.error('Invalid body, or no bearer token.'),
    404: docs.error('No such order in this sandbox.'),
    409: docs.error('The order has no payment intent, or is no longer Pending.'),
  };

  app.post(
    '/__admin/battleface/orders/:order_number/payment/intent',
    {
      schema: {
        summary:
          "Settle a battleface order's payment intent: the customer paid on Stripe's page (succeeded) or not (failed)",
        params: Params,
        body: z.strictObject({
          outcome: z.enum(['succeeded', 'failed'], { error: 'outcome must be "succeeded" or "failed"' }),
        }),
        response: { 200: OrderEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const sandbox = sandboxOf<BattlefaceStores>(request, sandboxes);
      const result = settleIntent(sandbox, request.params.order_number, request.body.outcome);
      if (result instanceof BattlefaceError) {
        throw result.statusCode === 404
          ? NOT_FOUND(`No battleface order ${request.params.order_number} in this sandbox.`)
          : new AdminError(409, result.message);
      }
      return { data: result };
    },
  );

  app.post(
    '/__admin/battleface/orders/:order_number/cancel',
    {
      schema: {
        summary: 'Cancel a battleface order as battleface would: premium and total become 0',
        params: Params,
        response: { 200: OrderEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const sandbox = sandboxOf<BattlefaceStores>(request, sandboxes);
      const orders = sandbox.stores.battleface.orders;
      const order = orders.find(request.params.order_number);
      if (!order) throw NOT_FOUND(`No battleface order ${request.params.order_number} in this sandbox.`);
      const result = cancelled(order, formatMicros(sandbox.clock.now()));
      if (result !== order) orders.save(result);
      return { data: result };
    },
  );
};
