import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { documentRoutes, SIMULATOR_SERVERS } from '../../http/openapi.js';
import { partnerPipeline } from '../../http/partner-plugin.js';
import type { PartnerPluginOptions } from '../module.js';
import {
  GrowError,
  growErrorHandler,
  growFaultBody,
  growNotFoundHandler,
  UNAUTHENTICATED,
} from './errors.js';
import { readLaravelInput } from './form-bodies.js';
import { useLaravelWire } from './laravel-wire.js';
import { growDocs } from './openapi.js';
import { growResourceOf } from './resource.js';
import { attachmentRoutes } from './routes/attachments.js';
import { claimRoutes } from './routes/claims.js';
import { customerRoutes } from './routes/customers.js';
import { noteRoutes } from './routes/notes.js';
import { orderRoutes } from './routes/orders.js';
import { policyRoutes } from './routes/policies.js';
import { productRoutes } from './routes/products.js';
import { purchaseRoutes } from './routes/purchases.js';
import { quoteRoutes } from './routes/quotes.js';
import { walletRoutes } from './routes/wallet.js';

/**
 * The Curacel Grow API. Mounted at `/api/v1` (the partner's base URL path, reference §1) and at
 * `/v1`, so a client configured either way works unchanged; `documents` is given to one mount.
 */
export const growPlugin: FastifyPluginAsyncZod<PartnerPluginOptions> = async (
  app,
  { sandboxes, journal, config, documents },
) => {
  const docs = growDocs();
  if (documents) {
    documentRoutes(app, documents, {
      name: 'grow',
      title: 'Curacel Grow API (partner-sim)',
      description:
        'The Curacel Grow endpoints that partner-sim simulates, in the partner wire format. Served under both /v1 and /api/v1. Every request needs `Authorization: Bearer <token>`; each token has its own sandbox.',
      servers: [
        ...SIMULATOR_SERVERS,
        { url: 'https://api.playbox.grow.curacel.co/api', description: 'The real Grow sandbox (playbox)' },
      ],
      components: docs.registry,
      bearerFormat: 'API KEY from your account dashboard',
      secured: true,
    });
  }
  const wire = useLaravelWire(app, { jsonAlways: config.growJsonAlways });
  readLaravelInput(app);
  partnerPipeline(app, {
    partner: 'grow',
    sandboxes,
    journal,
    unauthenticated: UNAUTHENTICATED,
    // Laravel's bearerToken() finds `Bearer ` only: `bearer …` is no token (Laravel wire).
    bearerScheme: 'exact',
    errorHandler: growErrorHandler,
    notFoundHandler: wire.routeMiss(growNotFoundHandler),
    faults: {
      resourceOf: growResourceOf,
      errorBody: growFaultBody,
      malformedBody: '{"order":{"id":',
      badHeader: (message) => new GrowError(400, message),
    },
  });
  await app.register(orderRoutes, { policyDelayMs: config.growPolicyDelayMs, docs });
  await app.register(customerRoutes, { docs });
  await app.register(productRoutes, { docs });
  await app.register(purchaseRoutes, { docs, policyDelayMs: config.growPolicyDelayMs });
  await app.register(policyRoutes, { docs });
  await app.register(quoteRoutes, { docs, policyDelayMs: config.growPolicyDelayMs });
  await app.register(claimRoutes, { docs });
  await app.register(attachmentRoutes, { docs });
  await app.register(walletRoutes, { docs });
  await app.register(noteRoutes, { docs });
};
