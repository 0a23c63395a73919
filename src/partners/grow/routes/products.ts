import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { baseUrlOf } from '../../../http/base-url.js';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { pageRequest, paginate } from '../domain/pagination.js';
import { matchingProducts, premiumOf, productFilter, productView } from '../domain/products.js';
import { BAD_REQUEST, GrowError, PRODUCT_NOT_FOUND } from '../errors.js';
import type { GrowDocs } from '../openapi.js';
import type { GrowStores } from '../records.js';
import {
  ProductEnvelopeSchema,
  ProductListSchema,
  ProductParamsSchema,
  ProductQuerySchema,
  ProductTypeListSchema,
} from '../schemas/products.js';

/** Products and product types (reference §4 /products, /product-types), from the fixtures. */
export const productRoutes: FastifyPluginAsyncZod<{ docs: GrowDocs }> = async (app, { docs }) => {
  const { documented, errorResponse } = docs;
  const invalid = errorResponse('An invalid combination of filters (calculate_premium needs type).', {
    message: 'The given data was invalid',
    errors: { type: ['The type field is required when calculate premium is 1.'] },
  });

  app.get(
    '/products',
    {
      schema: {
        summary: 'List available insurance products',
        description:
          "Filters: `type` (a product-type slug; `auto` is an alias of both motor types), `q` (the title), `insurer_country`, `travel_country`, `with=cover_benefits`. With `calculate_premium=1` (it needs `type`; relative products need `asset_value`) each product carries its `premium`. Pages of `per_page` (default 20), in Laravel's `data`, `links`, `meta`.",
        querystring: ProductQuerySchema,
        response: {
          200: documented(ProductListSchema, { description: 'OK' }),
          422: invalid,
          ...docs.common,
          400: errorResponse('An unusable per_page (1 to 100), or X-Sim header.', BAD_REQUEST().body),
        },
      },
    },
    (request, reply) => {
      const catalogue = servingSandbox<GrowStores>(request).stores.growCatalogue;
      const page = pageRequest(request.query, 20);
      if (!page) return sendFailure(reply, BAD_REQUEST());
      const filter = productFilter(request.query, catalogue.types);
      if (filter instanceof GrowError) return sendFailure(reply, filter);
      const found = matchingProducts(catalogue, filter);
      const listed = paginate(found, page, `${baseUrlOf(request)}${request.routeOptions.url}`);
      return {
        ...listed,
        data: listed.data.map((product) =>
          productView(product, catalogue.types, {
            withBenefits: filter.withBenefits,
            premium: filter.calculate ? premiumOf(product, filter.assetValue) : undefined,
          }),
        ),
      };
    },
  );

  app.get(
    '/products/:id',
    {
      schema: {
        summary: 'Get a single insurance product',
        description:
          'By id, or by code with `using_product_code=1`. `calculate_premium=1` with `asset_value` adds the premium; cover benefits are always included.',
        params: ProductParamsSchema,
        querystring: ProductQuerySchema,
        response: {
          200: documented(ProductEnvelopeSchema, { description: 'OK' }),
          ...docs.common,
          404: errorResponse('No product with this id (or code).', PRODUCT_NOT_FOUND().body),
        },
      },
    },
    (request, reply) => {
      const catalogue = servingSandbox<GrowStores>(request).stores.growCatalogue;
      const { id } = request.params;
      const byCode = request.query.using_product_code === '1';
      const product = catalogue.products.find((candidate) =>
        byCode ? candidate.code === id : /^\d{1,15}$/.test(id) && candidate.id === Number(id),
      );
      if (!product?.active) return sendFailure(reply, PRODUCT_NOT_FOUND());
      const assetValue =
        request.query.asset_value === undefined ? undefined : Number(request.query.asset_value);
      const calculate = request.query.calculate_premium === '1';
      return {
        data: productView(product, catalogue.types, {
          withBenefits: true,
          premium: calculate
            ? premiumOf(product, Number.isFinite(assetValue) ? assetValue : undefined)
            : undefined,
        }),
      };
    },
  );

  app.get(
    '/product-types',
    {
      schema: {
        summary: 'List product types',
        description:
          "The slugs the `type` filter takes. No page shows this answer; its shape is an integrator's (INFERENCE).",
        response: { 200: documented(ProductTypeListSchema, { description: 'OK' }), ...docs.common },
      },
    },
    (request) => ({
      data: servingSandbox<GrowStores>(request).stores.growCatalogue.types.map(({ id, name, slug }) => ({
        id,
        name,
        slug,
      })),
    }),
  );
};
