import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  documentRoutes,
  OPENAPI_NAMES,
  type OpenApiDocuments,
  SIMULATOR_SERVERS,
} from '../shared/openapi.js';
import { adminErrorHandler } from './errors.js';
import { openapiRoutes } from './routes/openapi.js';
import { adminDocs } from './schemas.js';

export interface AdminContext {
  documents: OpenApiDocuments;
}

/**
 * The control plane under the reserved prefix /__admin, with its own document and error body, and
 * the interactive documentation of all three APIs at /docs.
 */
export const adminPlugin: FastifyPluginAsyncZod<AdminContext> = async (app, { documents }) => {
  await documentRoutes(app, documents, {
    name: 'admin',
    title: 'partner-sim control plane',
    description:
      'Reset, inspect and shape the simulator. With `Authorization: Bearer <token>` a call acts on that token’s sandbox.',
    servers: SIMULATOR_SERVERS,
    components: adminDocs,
    secured: false,
  });
  app.setErrorHandler(adminErrorHandler);
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: {
      urls: OPENAPI_NAMES.map((name) => ({ url: `/__admin/openapi/${name}.json`, name })),
      persistAuthorization: true,
      tryItOutEnabled: true,
    },
  });
  await app.register(openapiRoutes, { documents });
};
