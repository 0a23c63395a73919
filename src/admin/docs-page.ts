import { createRequire } from 'node:module';
import type FastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OpenApiDocuments } from '../http/openapi.js';

/** Headers the forwarding reply sets itself. */
const HOP_HEADERS = new Set(['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date']);

/**
 * /docs: Swagger UI offering the three documents. The app that holds the documents serves it
 * with @fastify/swagger-ui; a fast-starting app forwards /docs to that app, built on first use.
 */
export async function serveDocsPage(app: FastifyInstance, documents: OpenApiDocuments): Promise<void> {
  if (documents.collecting) {
    // require, not import(): the image runs the bundle as a script, where import() is unavailable.
    const fastifySwaggerUi = createRequire(import.meta.url)('@fastify/swagger-ui') as typeof FastifySwaggerUi;
    await app.register(fastifySwaggerUi, {
      routePrefix: '/docs',
      uiConfig: {
        urls: documents.names.map((name) => ({ url: `/__admin/openapi/${name}.json`, name })),
        persistAuthorization: true,
        tryItOutEnabled: true,
      },
    });
    return;
  }
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    const docsApp = await documents.docsApp();
    const accept = request.headers.accept;
    const response = await docsApp.inject({
      method: 'GET',
      url: request.url,
      headers: accept ? { accept } : {},
    });
    for (const [name, value] of Object.entries(response.headers)) {
      if (!HOP_HEADERS.has(name) && value !== undefined) reply.header(name, value);
    }
    return reply.code(response.statusCode).send(response.rawPayload);
  };
  app.get('/docs', { schema: { hide: true } }, forward);
  app.get('/docs/*', { schema: { hide: true } }, forward);
}
