import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf } from '../../../http/base-url.js';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import {
  createdView,
  customerView,
  duplicateOf,
  matchesSearch,
  newCustomer,
  withMissingDetails,
} from '../domain/customers.js';
import { pageRequest, paginate } from '../domain/pagination.js';
import { BAD_REQUEST, CUSTOMER_NOT_FOUND } from '../errors.js';
import type { GrowDocs } from '../openapi.js';
import type { GrowStores } from '../records.js';
import {
  CreatedCustomerSchema,
  CustomerEnvelopeSchema,
  CustomerListSchema,
  CustomerPatchSchema,
  CustomerRefParamsSchema,
  CustomerRequestSchema,
  ListQuerySchema,
  MessageSchema,
} from '../schemas/customers.js';

/** Customers (reference §4 /customers): create, search, read, fill in, delete. */
export const customerRoutes: FastifyPluginAsyncZod<{ docs: GrowDocs }> = async (app, { docs }) => {
  const { documented, errorResponse } = docs;
  const notFound = errorResponse('No customer with this ref in your sandbox.', CUSTOMER_NOT_FOUND().body);
  const invalid = errorResponse("Invalid or duplicate customer data, in Laravel's validation shape.", {
    message: 'The given data was invalid',
    errors: { email: ['One Customer Cannot be Created Twice!'] },
  });

  app.post(
    '/customers',
    {
      schema: {
        summary: 'Create a new customer',
        description:
          'Creates a customer of your business. `ref` is generated when omitted. A ref (or, without one, an email) can be used once: a second create answers 422 "One Customer Cannot be Created Twice!".',
        body: CustomerRequestSchema,
        response: {
          201: documented(CreatedCustomerSchema, { description: 'Created' }),
          422: invalid,
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const { customers, next_customer_id } = sandbox.stores.grow;
      const duplicate = duplicateOf(request.body, {
        byRef: (ref) => customers.find(ref),
        all: () => customers.list(),
      });
      if (duplicate) return sendFailure(reply, duplicate);
      const customer = newCustomer(request.body, {
        id: next_customer_id.peek(),
        generatedRef: sandbox.ids.alphanumeric(8).toLowerCase(),
        now: sandbox.clock.now(),
      });
      customers.save(customer, { checked: true });
      next_customer_id.take();
      reply.code(201);
      return createdView(customer);
    },
  );

  app.get(
    '/customers',
    {
      schema: {
        summary: 'Fetch list of customers',
        description:
          'Searches `search` in the email, names, phone and ref; pages of `per_page` (default 15). As published, the list has `links` but no `meta`.',
        querystring: ListQuerySchema,
        response: {
          200: documented(CustomerListSchema, { description: 'OK' }),
          ...docs.common,
          400: errorResponse(
            'An unusable per_page (1 to 100), or an unusable X-Sim-Status / X-Sim-Delay-Ms header.',
            BAD_REQUEST().body,
          ),
        },
      },
    },
    (request, reply) => {
      const page = pageRequest(request.query, 15);
      if (!page) return sendFailure(reply, BAD_REQUEST());
      const { search } = request.query;
      const all = servingSandbox<GrowStores>(request).stores.grow.customers.list();
      const found = search ? all.filter((customer) => matchesSearch(customer, search)) : all;
      const { data, links } = paginate(found, page, `${baseUrlOf(request)}${request.routeOptions.url}`);
      return { data: data.map(customerView), links };
    },
  );

  app.get(
    '/customers/:ref',
    {
      schema: {
        summary: 'Fetch single customer',
        params: CustomerRefParamsSchema,
        response: {
          200: documented(CustomerEnvelopeSchema, { description: 'OK' }),
          ...docs.common,
          404: notFound,
        },
      },
    },
    (request, reply) => {
      const customer = servingSandbox<GrowStores>(request).stores.grow.customers.find(request.params.ref);
      if (!customer) return sendFailure(reply, CUSTOMER_NOT_FOUND());
      return { data: customerView(customer) };
    },
  );

  app.patch(
    '/customers/:ref',
    {
      schema: {
        summary: 'Update the missing details of a customer',
        description:
          'Fills in details the customer does not have yet; details already given are not overwritten (as documented). The ref never changes.',
        params: CustomerRefParamsSchema,
        body: CustomerPatchSchema,
        response: {
          200: documented(CustomerEnvelopeSchema, { description: 'OK' }),
          422: invalid,
          ...docs.common,
          404: notFound,
        },
      },
    },
    (request, reply) => {
      const { customers } = servingSandbox<GrowStores>(request).stores.grow;
      const customer = customers.find(request.params.ref);
      if (!customer) return sendFailure(reply, CUSTOMER_NOT_FOUND());
      const filled = withMissingDetails(customer, request.body);
      customers.save(filled, { checked: true });
      return { data: customerView(filled) };
    },
  );

  app.delete(
    '/customers/:ref',
    {
      schema: {
        summary: 'Delete a customer',
        description:
          'Not on a published page (a client library calls it): partner-sim answers 200 with a message.',
        params: CustomerRefParamsSchema,
        response: {
          200: documented(MessageSchema, {
            description: 'Deleted',
            examples: [{ message: 'Customer deleted successfully' }],
          }),
          ...docs.common,
          404: notFound,
        },
      },
    },
    (request, reply) => {
      const { customers } = servingSandbox<GrowStores>(request).stores.grow;
      if (!customers.find(request.params.ref)) return sendFailure(reply, CUSTOMER_NOT_FOUND());
      customers.remove(request.params.ref);
      // INFERENCE (reference examples §8): no page shows this answer; a client fakes an empty 200.
      return { message: 'Customer deleted successfully' };
    },
  );
};
