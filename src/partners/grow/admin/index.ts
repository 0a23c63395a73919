import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PartnerAdminOptions } from '../../module.js';
import { growOrderAdminRoutes } from './orders.js';
import { growPaymentAdminRoutes } from './payments.js';
import { webhookRoutes } from './webhooks.js';

/** Grow's control-plane routes: seeding and patching orders, completing payments, webhooks. */
export const growAdminRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (app, context) => {
  await app.register(growOrderAdminRoutes, context);
  await app.register(growPaymentAdminRoutes, context);
  await app.register(webhookRoutes, context);
};
