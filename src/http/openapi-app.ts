import { createRequire } from 'node:module';
import type FastifySwagger from '@fastify/swagger';
import type FastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { VERSION } from '../lib/version.js';
import type { BuiltDocuments, DocumentScope, OpenApiName } from './openapi.js';

// require, not import(): the image runs the bundle as a script, where import() is unavailable.
const require = createRequire(import.meta.url);

/**
 * An app that holds every recorded route's schema, each document's in a context of its own with
 * @fastify/swagger, and serves /docs. Its handlers answer nothing: it exists for the documents.
 */
export async function buildDocumentsApp(
  scopes: readonly DocumentScope[],
  names: readonly OpenApiName[],
): Promise<BuiltDocuments> {
  const fastifySwagger = require('@fastify/swagger') as typeof FastifySwagger;
  const app = Fastify({ logger: false, exposeHeadRoutes: false, routerOptions: { maxParamLength: 65_536 } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const documents = new Map<OpenApiName, () => unknown>();
  for (const { options, routes } of scopes) {
    await app.register(async (scope) => {
      await scope.register(fastifySwagger, {
        openapi: {
          openapi: '3.1.0',
          info: { title: options.title, description: options.description, version: VERSION },
          servers: options.servers,
          components: {
            securitySchemes: {
              bearerAuth: {
                type: 'http',
                scheme: 'bearer',
                ...(options.bearerFormat ? { bearerFormat: options.bearerFormat } : {}),
                description:
                  'Any non-empty token (or one of SIM_TOKENS); each token selects its own sandbox.',
              },
            },
          },
          ...(options.secured ? { security: [{ bearerAuth: [] }] } : {}),
        },
        transform: createJsonSchemaTransform({ schemaRegistry: options.components }),
        transformObject: createJsonSchemaTransformObject({ schemaRegistry: options.components }),
      });
      for (const route of routes) {
        scope.route({ method: route.method, url: route.url, schema: route.schema ?? {}, handler: unused });
      }
      if (options.docsPage) await serveSwaggerUi(scope, names);
      documents.set(options.name, () => scope.swagger());
    });
  }
  await app.ready();
  return { app, documents };
}

function unused(): never {
  throw new Error('the documents app serves documents only');
}

async function serveSwaggerUi(app: FastifyInstance, names: readonly OpenApiName[]): Promise<void> {
  const fastifySwaggerUi = require('@fastify/swagger-ui') as typeof FastifySwaggerUi;
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: {
      urls: names.map((name) => ({ url: `/__admin/openapi/${name}.json`, name })),
      persistAuthorization: true,
      tryItOutEnabled: true,
    },
  });
}
