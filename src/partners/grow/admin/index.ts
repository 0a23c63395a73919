import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PartnerAdminOptions } from '../../module.js';
import { growClaimAdminRoutes } from './claims.js';
import { growOrderAdminRoutes } from './orders.js';
import { growPaymentAdminRoutes } from './payments.js';
import { growWalletAdminRoutes } from './wallet.js';
import { webhookRoutes } from './webhooks.js';

/** Grow's control-plane routes: seeding and patching orders, completing payments, webhooks, claims' steps,
 * wallet top-ups. */
export const growAdminRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (app, context) => {
  await app.register(growOrderAdminRoutes, context);
  await app.register(growPaymentAdminRoutes, context);
  await app.register(webhookRoutes, context);
  await app.register(growClaimAdminRoutes, context);
  await app.register(growWalletAdminRoutes, context);
};
