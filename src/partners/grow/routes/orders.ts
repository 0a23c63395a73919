import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { baseUrlOf } from '../../../http/base-url.js';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { authorizeOrder, cancelOrder, type Outcome } from '../domain/orders.js';
import { policyPdf } from '../domain/policy-document.js';
import { commit } from '../effects.js';
import {
  GrowError,
  type GrowErrorBody,
  ID_INVALID,
  ORDER_HAS_POLICY,
  ORDER_NOT_FOUND,
  POLICY_NOT_FOUND,
} from '../errors.js';
import { type GrowDocs, SEED_AUTHORIZE_REQUEST } from '../openapi.js';
import type { GrowStores } from '../records.js';
import {
  AuthorizeBodySchema,
  CancelBodySchema,
  idFromPath,
  type Order,
  OrderEnvelopeSchema,
  OrderIdParamsSchema,
} from '../schemas/orders.js';

/** The order's envelope, or the partner's error as it came from the domain. */
function answer(
  reply: { code(status: number): { send(body: GrowErrorBody): unknown } },
  result: Order | GrowError | undefined,
) {
  if (result === undefined) return sendFailure(reply, ORDER_NOT_FOUND());
  if (result instanceof GrowError) return sendFailure(reply, result);
  return { order: result };
}

/** The order a path names: Laravel route-model binding finds nothing for a non-numeric id. */
const orderAt = (stores: GrowStores, id: string) => {
  const number = idFromPath(id);
  return number === undefined ? undefined : stores.grow.orders.find(number);
};

/** A transition's order once its outcome is written, or its refusal as it is. */
function committed(sandbox: Parameters<typeof commit>[0], outcome: Outcome | GrowError): Order | GrowError {
  if (outcome instanceof GrowError) return outcome;
  commit(sandbox, outcome);
  return outcome.order;
}

export const orderRoutes: FastifyPluginAsyncZod<{ policyDelayMs: number; docs: GrowDocs }> = async (
  app,
  { policyDelayMs, docs },
) => {
  const { documented, errorResponse } = docs;
  const errors = docs.common;
  const notFound = errorResponse('No order with this id in your sandbox.', ORDER_NOT_FOUND().body);
  const orderResponse = (description: string) =>
    documented(OrderEnvelopeSchema, { description, examples: [{ order: docs.seedAuthorizedOrder }] });
  // Handlers are synchronous: none awaits anything, and an async one costs a promise per request.
  app.post(
    '/orders/authorize',
    {
      schema: {
        summary: 'Authorize an order that was created with your public partner key.',
        description:
          'When an order is created via the Grow widget and paid for via a custom payment integration, you will need to call this endpoint from your server to indicate that the payment was completed successfully so that the order will be processed.',
        body: documented(AuthorizeBodySchema, {
          description: 'Details of the order to be authorized.',
          examples: [SEED_AUTHORIZE_REQUEST],
        }),
        response: {
          200: orderResponse('OK'),
          422: errorResponse('Unprocessable Content', ID_INVALID().body),
          ...errors,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const outcome = authorizeOrder(sandbox.stores.grow.orders.find(Number(request.body.id)), {
        now: sandbox.clock.now(),
        policyDelayMs,
        baseUrl: baseUrlOf(request),
      });
      return answer(reply, committed(sandbox, outcome));
    },
  );

  app.get(
    '/orders/:id',
    {
      schema: {
        summary: 'Get an order',
        params: OrderIdParamsSchema,
        response: { 200: orderResponse('The order.'), 404: notFound, ...errors },
      },
    },
    (request, reply) => answer(reply, orderAt(servingSandbox<GrowStores>(request).stores, request.params.id)),
  );

  app.get(
    '/policies/:id/doc',
    {
      schema: {
        summary: 'Download a policy document',
        description: "The policy's document_url: a PDF (partner-sim renders a one-page stand-in).",
        params: OrderIdParamsSchema,
        response: {
          200: {
            description: 'The policy document.',
            content: { 'application/pdf': { schema: z.string().describe('PDF bytes') } },
          },
          404: errorResponse('No policy with this id in your sandbox.', POLICY_NOT_FOUND().body),
          ...errors,
        },
      },
    },
    (request, reply) => {
      const { orders } = servingSandbox<GrowStores>(request).stores.grow;
      const policyId = idFromPath(request.params.id);
      const order =
        policyId === undefined ? undefined : orders.list().find((held) => held.policy?.id === policyId);
      if (!order) return sendFailure(reply, POLICY_NOT_FOUND());
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${order.policy?.number}.pdf"`)
        // Bytes go out as they are; the typed reply only knows the JSON bodies.
        .send(policyPdf(order) as unknown as string);
    },
  );

  app.post(
    '/orders/:id/cancel',
    {
      schema: {
        summary: 'Cancel an order (sandbox only)',
        description: 'Cancels an order in the sandbox, so that the order.cancelled webhook can be tested.',
        params: OrderIdParamsSchema,
        body: CancelBodySchema,
        response: {
          200: orderResponse('The cancelled order.'),
          404: notFound,
          422: errorResponse(
            'The order has a policy or is already cancelled, or the reason is not a string.',
            ORDER_HAS_POLICY(5).body,
          ),
          ...errors,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      return answer(
        reply,
        committed(sandbox, cancelOrder(orderAt(sandbox.stores, request.params.id), sandbox.clock.now())),
      );
    },
  );
};
