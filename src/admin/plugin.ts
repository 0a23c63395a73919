import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { documentRoutes, SIMULATOR_SERVERS } from '../http/openapi.js';
import type { AdminContext } from './context.js';
import { serveDocsPage } from './docs-page.js';
import { adminErrorHandler } from './errors.js';
import { requireAdminToken } from './hooks.js';
import { clockRoutes } from './routes/clock.js';
import { eventRoutes } from './routes/events.js';
import { faultRoutes } from './routes/faults.js';
import { healthRoutes } from './routes/health.js';
import { openapiRoutes } from './routes/openapi.js';
import { requestRoutes } from './routes/requests.js';
import { resetRoutes } from './routes/reset.js';
import { sandboxRoutes } from './routes/sandboxes.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { stateRoutes } from './routes/state.js';
import { tokenRoutes } from './routes/tokens.js';
import { shareAdminSandboxes } from './shared-admin.js';
import { serveDashboard } from './ui/routes.js';

/**
 * The control plane under the reserved prefix /__admin, with its own document and error body, and
 * the interactive documentation of all three APIs at /docs.
 */
export const adminPlugin: FastifyPluginAsyncZod<AdminContext> = async (app, context) => {
  documentRoutes(app, context.documents, {
    name: 'admin',
    title: 'partner-sim control plane',
    description:
      "Reset, inspect and shape the simulator. With `Authorization: Bearer <token>` a call acts on that token's sandbox (created if needed); without it, reset and the journal act on every sandbox. With SIM_ADMIN_TOKEN set, every call but health and the documents needs `X-Admin-Token`.",
    servers: SIMULATOR_SERVERS,
    components: context.docs.registry,
    secured: false,
    docsPage: true,
  });
  // Errors any admin call can meet, documented on every route beside its own.
  const common = {
    400: context.docs.error('Invalid input, or a malformed Authorization header.'),
    401: context.docs.error('Missing or wrong X-Admin-Token, or a bearer token outside SIM_TOKENS.'),
    413: context.docs.error('The request body is too large.'),
    415: context.docs.error('The request body is not JSON.'),
    500: context.docs.error('An unexpected failure; the simulator logs the cause.'),
    503: context.docs.error('A new token arrived while SIM_MAX_SANDBOXES sandboxes exist.'),
  };
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/__admin') || !route.schema) return;
    route.schema.response = { ...common, ...(route.schema.response as object | undefined) };
  });
  requireAdminToken(app, context.config.adminToken);
  if (context.sandboxes.shared) shareAdminSandboxes(app, context.sandboxes, context.sandboxes.shared);
  app.setErrorHandler(adminErrorHandler);
  serveDocsPage(app, context.documents);
  serveDashboard(app, context.partners);
  for (const routes of [
    healthRoutes,
    sandboxRoutes,
    resetRoutes,
    stateRoutes,
    scenarioRoutes,
    tokenRoutes,
    ...context.partners.flatMap((partner) => (partner.adminRoutes ? [partner.adminRoutes] : [])),
    requestRoutes,
    eventRoutes,
    faultRoutes,
    clockRoutes,
    openapiRoutes,
  ]) {
    await app.register(routes, context);
  }
};
