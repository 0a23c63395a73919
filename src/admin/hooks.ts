import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AdminError } from './errors.js';

/**
 * Routes open without X-Admin-Token, by the pattern the router matched: readiness, and the
 * documents and page /docs loads in the browser, and the dashboard's shell and scripts (they hold
 * no data: every call the dashboard makes sends X-Admin-Token and is checked as any other). The raw URL is never consulted: the router
 * decodes `%5F%5Fadmin` and accepts absolute-form targets (`GET http://x/__admin/requests`), so
 * a check on the URL string is a check on something other than what runs.
 */
function isOpenRoute(request: FastifyRequest): boolean {
  const route = request.routeOptions.url ?? '';
  return (
    route === '/__admin/health' ||
    route === '/__admin/openapi/:file' ||
    route.startsWith('/docs') ||
    route === '/__admin/ui' ||
    route.startsWith('/__admin/ui/')
  );
}

/**
 * With SIM_ADMIN_TOKEN set, every route of the control plane but the open ones needs
 * `X-Admin-Token: <value>`. Registered inside the control plane's plugin, so it runs for exactly
 * the routes that plugin owns, however the request spelt their path.
 */
export function requireAdminToken(app: FastifyInstance, adminToken: string | undefined): void {
  if (adminToken === undefined) return;
  const expected = Buffer.from(adminToken);
  app.addHook('onRequest', async (request) => {
    if (isOpenRoute(request)) return;
    const header = request.headers['x-admin-token'];
    const given = Buffer.from(typeof header === 'string' ? header : '');
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok)
      throw new AdminError(401, 'Missing or wrong X-Admin-Token: this simulator sets SIM_ADMIN_TOKEN.');
  });
}
