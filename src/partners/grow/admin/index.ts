import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PartnerAdminOptions } from '../../module.js';
import { growOrderAdminRoutes } from './orders.js';
import { webhookRoutes } from './webhooks.js';

/** Grow's control-plane routes: seeding and patching orders, webhook settings and deliveries. */
export const growAdminRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (app, context) => {
  await app.register(growOrderAdminRoutes, context);
  await app.register(webhookRoutes, context);
};
