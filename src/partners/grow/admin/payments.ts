import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxOf } from '../../../admin/addressing.js';
import { AdminError, NOT_FOUND } from '../../../admin/errors.js';
import { baseUrlOf } from '../../../http/base-url.js';
import type { PartnerAdminOptions } from '../../module.js';
import { authorizeOrder } from '../domain/orders.js';
import { commit } from '../effects.js';
import { GrowError } from '../errors.js';
import type { GrowStores } from '../records.js';
import { idFromPath, OrderEnvelopeSchema } from '../schemas/orders.js';

/**
 * The customer pays a web-link or card order: it becomes paid, as an authorized one does, and the
 * insurer issues its policy after SIM_GROW_POLICY_DELAY_MS.
 */
export const growPaymentAdminRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (
  app,
  { sandboxes, docs, config },
) => {
  const policyDelayMs = config.growPolicyDelayMs;
  app.post(
    '/__admin/grow/orders/:id/payment',
    {
      schema: {
        summary: "Complete a pending Grow order's payment (web link or card), as the customer paying",
        params: z.object({ id: z.string() }),
        response: {
          200: OrderEnvelopeSchema,
          404: docs.error('No such order in this sandbox.'),
          409: docs.error('The order is not pending.'),
        },
      },
    },
    async (request) => {
      const sandbox = sandboxOf<GrowStores>(request, sandboxes);
      const id = idFromPath(request.params.id);
      const order = id === undefined ? undefined : sandbox.stores.grow.orders.find(id);
      if (!order) throw NOT_FOUND(`No Grow order ${request.params.id} in this sandbox.`);
      const outcome = authorizeOrder(order, {
        now: sandbox.clock.now(),
        policyDelayMs,
        baseUrl: baseUrlOf(request),
      });
      if (outcome instanceof GrowError)
        throw new AdminError(409, `Order ${order.id} is ${order.status}: only a pending order can be paid.`);
      commit(sandbox, outcome);
      return { order: outcome.order };
    },
  );
};
