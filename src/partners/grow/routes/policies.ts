import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf } from '../../../http/base-url.js';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { pageRequest, paginate } from '../domain/pagination.js';
import { isIssued, policyItem, policyMatches } from '../domain/policies.js';
import { BAD_REQUEST, GrowError, INVALID_DATA, POLICY_NOT_FOUND } from '../errors.js';
import type { GrowDocs } from '../openapi.js';
import type { GrowStores } from '../records.js';
import { idFromPath, OrderIdParamsSchema } from '../schemas/orders.js';
import {
  PolicyCountSchema,
  PolicyEnvelopeSchema,
  PolicyListSchema,
  PolicyQuerySchema,
} from '../schemas/policies.js';

/** Policies the insurer issued for your customers' orders (reference §4 /policies). */
export const policyRoutes: FastifyPluginAsyncZod<{ docs: GrowDocs }> = async (app, { docs }) => {
  const { documented, errorResponse } = docs;

  app.get(
    '/policies',
    {
      schema: {
        summary: 'Get policies created for your customers',
        description:
          'Pages of `per_page` (default 15). Filters (their names are not published; partner-sim reads): `customer_ref`, `type` (an insurance type slug); `count=1` answers only `{"count": n}`.',
        querystring: PolicyQuerySchema,
        response: {
          200: documented(PolicyListSchema.or(PolicyCountSchema), { description: 'OK' }),
          422: errorResponse('An unusable count flag.', {
            message: INVALID_DATA,
            errors: { count: ['The selected count is invalid.'] },
          }),
          ...docs.common,
          400: errorResponse('An unusable per_page (1 to 100), or X-Sim header.', BAD_REQUEST().body),
        },
      },
    },
    (request, reply) => {
      const { count, customer_ref, type } = request.query;
      if (count !== undefined && count !== '0' && count !== '1') {
        return sendFailure(
          reply,
          new GrowError(422, INVALID_DATA, { count: ['The selected count is invalid.'] }),
        );
      }
      const page = pageRequest(request.query, 15);
      if (!page) return sendFailure(reply, BAD_REQUEST());
      const issued = servingSandbox<GrowStores>(request)
        .stores.grow.orders.list()
        .filter(isIssued)
        .filter((order) => policyMatches(order, { customerRef: customer_ref, type }));
      if (count === '1') return { count: issued.length };
      const listed = paginate(issued, page, `${baseUrlOf(request)}${request.routeOptions.url}`);
      return { ...listed, data: listed.data.map(policyItem) };
    },
  );

  app.get(
    '/policies/:id',
    {
      schema: {
        summary: 'Get a policy',
        description: 'No page shows this answer; a client library reads `{"data": policy}` (INFERENCE).',
        params: OrderIdParamsSchema,
        response: {
          200: documented(PolicyEnvelopeSchema, { description: 'OK' }),
          ...docs.common,
          404: errorResponse('No policy with this id in your sandbox.', POLICY_NOT_FOUND().body),
        },
      },
    },
    (request, reply) => {
      const id = idFromPath(request.params.id);
      const order = servingSandbox<GrowStores>(request)
        .stores.grow.orders.list()
        .find((candidate) => candidate.policy?.id === id);
      if (id === undefined || !order || !isIssued(order)) return sendFailure(reply, POLICY_NOT_FOUND());
      return { data: policyItem(order) };
    },
  );
};
