import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { findProduct } from '../domain/pricing.js';
import {
  countriesOf,
  hostCountriesOf,
  hostCountryNamed,
  packagesOf,
  statesOf,
} from '../domain/reference-data.js';
import { HOST_COUNTRY_NOT_FOUND, HOST_COUNTRY_STATE_NOT_FOUND, PRODUCT_NOT_FOUND } from '../errors.js';
import type { BattlefaceDocs } from '../openapi.js';
import type { BattlefaceStores } from '../records.js';
import {
  CountriesEnvelopeSchema,
  HostCountriesEnvelopeSchema,
  PackagesEnvelopeSchema,
  PackagesParamsSchema,
  ProductParamsSchema,
  StatesEnvelopeSchema,
  StatesParamsSchema,
} from '../schemas/reference-data.js';

/** Related data of a product (reference §3 #10–#12), from its fixture. */
export const productRoutes: FastifyPluginAsyncZod<{ docs: BattlefaceDocs }> = async (app, { docs }) => {
  const { documented, errorResponse, published } = docs;
  const productMissing = errorResponse('No product with this id or uuid.', PRODUCT_NOT_FOUND().message);
  const countryMissing = errorResponse(
    'No product with this id, or no host country with this id or code.',
    HOST_COUNTRY_NOT_FOUND().message,
  );
  const productOf = (request: FastifyRequest & { params: { product_id: string } }) =>
    findProduct(
      servingSandbox<BattlefaceStores>(request).stores.battlefaceCatalogue,
      request.params.product_id,
    );

  app.get(
    '/product/:product_id/host-countries',
    {
      schema: {
        summary: 'Host Countries',
        description: 'The home countries (and their states) a product covers.',
        params: ProductParamsSchema,
        response: {
          200: documented(HostCountriesEnvelopeSchema, {
            description: 'OK',
            examples: [published('hostcountries-gw-200.json')],
          }),
          ...docs.common,
          404: productMissing,
        },
      },
    },
    (request, reply) => {
      const product = productOf(request);
      if (!product) return sendFailure(reply, PRODUCT_NOT_FOUND());
      return { data: hostCountriesOf(product) };
    },
  );

  app.get(
    '/product/:product_id/host-countries/:host_country_id/states',
    {
      schema: {
        summary: 'Host Country State',
        description: 'The states of a host country, named by its id or its alpha-2 code.',
        params: StatesParamsSchema,
        response: {
          200: documented(StatesEnvelopeSchema, {
            description: 'OK',
            examples: [published('hostcountrystate-200.json')],
          }),
          ...docs.common,
          404: countryMissing,
        },
      },
    },
    (request, reply) => {
      const product = productOf(request);
      if (!product) return sendFailure(reply, PRODUCT_NOT_FOUND());
      const country = hostCountryNamed(product, request.params.host_country_id);
      if (!country) return sendFailure(reply, HOST_COUNTRY_NOT_FOUND());
      return { data: statesOf(country) };
    },
  );

  app.get(
    '/product/:product_id/countries',
    {
      schema: {
        summary: 'Countries',
        description: 'Host and destination countries of a product.',
        params: ProductParamsSchema,
        response: {
          200: documented(CountriesEnvelopeSchema, {
            description: 'OK',
            examples: [published('countries-200.json')],
          }),
          ...docs.common,
          404: productMissing,
        },
      },
    },
    (request, reply) => {
      const product = productOf(request);
      if (!product) return sendFailure(reply, PRODUCT_NOT_FOUND());
      return { data: countriesOf(product) };
    },
  );

  app.get(
    '/product/:product_id/host-country/:host_country_id/host-country-state/:host_country_state_id/packages',
    {
      schema: {
        summary: 'Packages',
        description: 'The packages (benefit bundles) of a product in a host country state.',
        params: PackagesParamsSchema,
        response: {
          200: documented(PackagesEnvelopeSchema, { description: 'OK' }),
          ...docs.common,
          404: errorResponse(
            'No such product, host country or state.',
            HOST_COUNTRY_STATE_NOT_FOUND().message,
          ),
        },
      },
    },
    (request, reply) => {
      const product = productOf(request);
      if (!product) return sendFailure(reply, PRODUCT_NOT_FOUND());
      const country = hostCountryNamed(product, request.params.host_country_id);
      if (!country) return sendFailure(reply, HOST_COUNTRY_NOT_FOUND());
      const reference = request.params.host_country_state_id;
      const state = country.states.find((candidate) =>
        /^\d+$/.test(reference)
          ? candidate.id === Number(reference)
          : candidate.code === reference.toUpperCase(),
      );
      if (!state) return sendFailure(reply, HOST_COUNTRY_STATE_NOT_FOUND());
      return { data: packagesOf(product) };
    },
  );
};
