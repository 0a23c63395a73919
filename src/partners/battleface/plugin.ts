import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireSandboxToken } from '../../shared/sandbox-auth.js';
import type { BattlefaceContext } from './context.js';
import { battlefaceErrorHandler, battlefaceNotFoundHandler, UNAUTHENTICATED } from './errors.js';
import { orderRoutes } from './routes/orders.js';

/** The battleface Partner API, mounted at its real base path `/api/partner` (reference §3). */
export const battlefacePlugin: FastifyPluginAsyncZod<BattlefaceContext> = async (app, { sandboxes, ids }) => {
  const context: BattlefaceContext = { sandboxes, ids };
  requireSandboxToken(app, (token) => sandboxes.accepts(token), UNAUTHENTICATED);
  app.setErrorHandler(battlefaceErrorHandler);
  app.setNotFoundHandler(battlefaceNotFoundHandler);
  await app.register(orderRoutes, context);
};
