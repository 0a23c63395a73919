import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AdminError } from './errors.js';

/** Paths open without X-Admin-Token: readiness, and the documents /docs loads in the browser. */
const OPEN_PATHS = [/^\/__admin\/health$/, /^\/__admin\/openapi\//];

/** With SIM_ADMIN_TOKEN set, every other /__admin call must carry `X-Admin-Token: <value>`. */
export function requireAdminToken(app: FastifyInstance, adminToken: string | undefined): void {
  if (adminToken === undefined) return;
  const expected = Buffer.from(adminToken);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (!path.startsWith('/__admin') || OPEN_PATHS.some((open) => open.test(path))) return;
    const header = request.headers['x-admin-token'];
    const given = Buffer.from(typeof header === 'string' ? header : '');
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok)
      throw new AdminError(401, 'Missing or wrong X-Admin-Token: this simulator sets SIM_ADMIN_TOKEN.');
  });
}
