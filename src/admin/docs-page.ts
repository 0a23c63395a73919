import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OpenApiDocuments } from '../http/openapi.js';

/** Headers the forwarding reply sets itself. */
const HOP_HEADERS = new Set(['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date']);

/**
 * /docs: Swagger UI offering every document, served by the documents app (built on first use);
 * this app forwards to it.
 */
export function serveDocsPage(app: FastifyInstance, documents: OpenApiDocuments): void {
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
