import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VERSION } from '../../shared/version.js';
import type { AdminContext } from '../context.js';

const HealthSchema = z.strictObject({
  status: z.literal('ok'),
  version: z.string(),
  uptime_s: z.number(),
  sandboxes: z.int(),
});

/** Readiness: the app answers only once fixtures are loaded and every plugin is ready. */
export const healthRoutes: FastifyPluginAsyncZod<AdminContext> = async (
  app,
  { sandboxes, clock, startedAt },
) => {
  app.get(
    '/__admin/health',
    { schema: { summary: 'Health and readiness', response: { 200: HealthSchema } } },
    async () => ({
      status: 'ok' as const,
      version: VERSION,
      uptime_s: Math.round((clock.now() - startedAt) / 100) / 10,
      sandboxes: sandboxes.size,
    }),
  );
};
