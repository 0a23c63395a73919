import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { GrowContext } from '../context.js';
import { authorizeOrder, cancelOrder, findOrder } from '../order-service.js';
import {
  AuthorizeBodySchema,
  CancelBodySchema,
  ErrorSchema,
  OrderEnvelopeSchema,
  OrderIdParamsSchema,
} from '../schemas.js';

const errors = { 401: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema, 500: ErrorSchema, 503: ErrorSchema };

/** The simulator's address as this client reached it, for URLs in responses and webhooks. */
function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export const orderRoutes: FastifyPluginAsyncZod<GrowContext> = async (app, { sandboxes, policyDelayMs }) => {
  app.post(
    '/orders/authorize',
    {
      schema: {
        summary: 'Authorize an order that was created with your public partner key.',
        description:
          'When an order is created via the Grow widget and paid for via a custom payment integration, you will need to call this endpoint from your server to indicate that the payment was completed successfully so that the order will be processed.',
        body: AuthorizeBodySchema,
        response: { 200: OrderEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const sandbox = sandboxes.get(request.sandboxToken);
      const order = authorizeOrder(sandbox, request.body.id, { policyDelayMs, baseUrl: baseUrlOf(request) });
      return { order };
    },
  );

  app.get(
    '/orders/:id',
    {
      schema: {
        summary: 'Get an order',
        params: OrderIdParamsSchema,
        response: { 200: OrderEnvelopeSchema, 404: ErrorSchema, ...errors },
      },
    },
    async (request) => ({ order: findOrder(sandboxes.get(request.sandboxToken), request.params.id) }),
  );

  app.post(
    '/orders/:id/cancel',
    {
      schema: {
        summary: 'Cancel an order (sandbox only)',
        description: 'Cancels an order in the sandbox, so that the order.cancelled webhook can be tested.',
        params: OrderIdParamsSchema,
        body: CancelBodySchema,
        response: { 200: OrderEnvelopeSchema, 404: ErrorSchema, ...errors },
      },
    },
    async (request) => ({ order: cancelOrder(sandboxes.get(request.sandboxToken), request.params.id) }),
  );
};
