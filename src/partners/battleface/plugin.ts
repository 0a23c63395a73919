import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { documentRoutes, type OpenApiDocuments, SIMULATOR_SERVERS } from '../../shared/openapi.js';
import { requireSandboxToken } from '../../shared/sandbox-auth.js';
import type { BattlefaceContext } from './context.js';
import { battlefaceErrorHandler, battlefaceNotFoundHandler, UNAUTHENTICATED } from './errors.js';
import { battlefaceDocs } from './openapi.js';
import { orderRoutes } from './routes/orders.js';

/** The battleface Partner API, mounted at its real base path `/api/partner` (reference §3). */
export const battlefacePlugin: FastifyPluginAsyncZod<
  BattlefaceContext & { documents: OpenApiDocuments }
> = async (app, { sandboxes, ids, documents }) => {
  await documentRoutes(app, documents, {
    name: 'battleface',
    title: 'battleface Partner API (partner-sim)',
    description:
      'The battleface Partner API endpoints that partner-sim simulates, in the partner wire format. Every request needs `Authorization: Bearer <token>`; each token has its own sandbox.',
    servers: SIMULATOR_SERVERS,
    components: battlefaceDocs,
    secured: true,
  });
  requireSandboxToken(app, (token) => sandboxes.accepts(token), UNAUTHENTICATED);
  app.setErrorHandler(battlefaceErrorHandler);
  app.setNotFoundHandler(battlefaceNotFoundHandler);
  await app.register(orderRoutes, { sandboxes, ids });
};
