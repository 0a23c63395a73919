import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VERSION } from '../../lib/version.js';
import type { AdminContext } from '../context.js';

const HealthSchema = z.strictObject({
  status: z.enum(['ok', 'degraded']).describe('degraded: the shared store (SIM_STORE) does not answer'),
  version: z.string(),
  uptime_s: z.number(),
  sandboxes: z.int(),
  memory: z
    .strictObject({ bytes: z.int(), limit: z.int(), sandbox_limit: z.int() })
    .describe('Bytes retained by every sandbox, against SIM_MAX_BYTES and SIM_SANDBOX_MAX_BYTES'),
  evictions: z
    .strictObject({ sandbox_limit: z.int(), memory_budget: z.int(), idle: z.int() })
    .describe('Sandboxes evicted since start, by reason'),
  store: z
    .strictObject({ kind: z.enum(['memory', 'redis']), url: z.string().optional(), available: z.boolean() })
    .describe(
      'Where sandboxes live (SIM_STORE); with Redis, the URL (password masked) and whether it answers',
    ),
});

/** Readiness: the app answers only once fixtures are loaded and every plugin is ready. */
export const healthRoutes: FastifyPluginAsyncZod<AdminContext> = async (
  app,
  { sandboxes, budget, clock, startedAt },
) => {
  app.get(
    '/__admin/health',
    { schema: { summary: 'Health and readiness', response: { 200: HealthSchema } } },
    async () => ({
      status: sandboxes.shared && !sandboxes.shared.store.available ? ('degraded' as const) : ('ok' as const),
      version: VERSION,
      uptime_s: Math.round((clock.now() - startedAt) / 100) / 10,
      sandboxes: sandboxes.size,
      memory: {
        bytes: budget.total,
        limit: budget.limits.process,
        sandbox_limit: budget.limits.sandbox,
      },
      evictions: {
        sandbox_limit: sandboxes.evictions['sandbox limit'],
        memory_budget: sandboxes.evictions['memory budget'],
        idle: sandboxes.evictions.idle,
      },
      store: sandboxes.shared
        ? {
            kind: 'redis' as const,
            url: sandboxes.shared.store.description,
            available: sandboxes.shared.store.available,
          }
        : { kind: 'memory' as const, available: true },
    }),
  );
};
