import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireSandboxToken } from '../../shared/sandbox-auth.js';
import type { GrowContext } from './context.js';
import { growErrorHandler, growNotFoundHandler, UNAUTHENTICATED } from './errors.js';
import { orderRoutes } from './routes/orders.js';

/**
 * The Curacel Grow API. Mounted at `/api/v1` (the partner's base URL path, reference §1) and at
 * `/v1`, so a client configured either way works unchanged.
 */
export const growPlugin: FastifyPluginAsyncZod<GrowContext> = async (app, { sandboxes, policyDelayMs }) => {
  requireSandboxToken(app, (token) => sandboxes.accepts(token), UNAUTHENTICATED);
  app.setErrorHandler(growErrorHandler);
  app.setNotFoundHandler(growNotFoundHandler);
  await app.register(orderRoutes, { sandboxes, policyDelayMs });
};
