import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { documentRoutes, SIMULATOR_SERVERS } from '../../http/openapi.js';
import { partnerPipeline } from '../../http/partner-plugin.js';
import type { PartnerPluginOptions } from '../module.js';
import {
  BattlefaceError,
  battlefaceErrorHandler,
  battlefaceFaultBody,
  battlefaceNotFoundHandler,
  UNAUTHENTICATED,
} from './errors.js';
import { battlefaceDocs } from './openapi.js';
import { allowRegisteredIpsOnly } from './registered-ips.js';
import { battlefaceResourceOf } from './resource.js';
import { claimRoutes } from './routes/claims.js';
import { newOrderRoutes } from './routes/new-orders.js';
import { orderRoutes } from './routes/orders.js';
import { paymentRoutes } from './routes/payments.js';
import { productRoutes } from './routes/products.js';
import { quoteRoutes } from './routes/quotes.js';

/** The battleface Partner API, mounted at its real base path `/api/partner` (reference §3). */
export const battlefacePlugin: FastifyPluginAsyncZod<PartnerPluginOptions> = async (
  app,
  { sandboxes, journal, config, documents },
) => {
  const docs = battlefaceDocs(documents);
  if (documents) {
    documentRoutes(app, documents, {
      name: 'battleface',
      title: 'battleface Partner API (partner-sim)',
      description:
        'The battleface Partner API endpoints that partner-sim simulates, in the partner wire format. Every request needs `Authorization: Bearer <token>`; each token has its own sandbox.',
      servers: SIMULATOR_SERVERS,
      components: docs.registry,
      secured: true,
    });
  }
  battlefacePipeline(app, { sandboxes, journal, config });
  await app.register(quoteRoutes, { docs });
  await app.register(newOrderRoutes, { docs });
  await app.register(orderRoutes, { docs });
  await app.register(paymentRoutes, { docs, intentSucceedsAfterMs: config.battlefaceIntentSucceedMs });
  await app.register(productRoutes, { docs });
};

/**
 * The Claims API (reference §3 #13–#14), on a host of its own at the partner (`{{claim_api_host}}`),
 * mounted here at its own prefix: the same tokens and sandboxes, the same conventions. Its routes
 * join the battleface document.
 */
export const battlefaceClaimsPlugin: FastifyPluginAsyncZod<PartnerPluginOptions> = async (
  app,
  { sandboxes, journal, config, documents },
) => {
  const docs = battlefaceDocs(documents);
  documents?.join(app, 'battleface');
  battlefacePipeline(app, { sandboxes, journal, config });
  await app.register(claimRoutes, { docs });
};

/** Auth, journal, faults, errors and the registered-IP check, as every battleface API has them. */
function battlefacePipeline(
  app: FastifyInstance,
  { sandboxes, journal, config }: Pick<PartnerPluginOptions, 'sandboxes' | 'journal' | 'config'>,
): void {
  partnerPipeline(app, {
    partner: 'battleface',
    sandboxes,
    journal,
    unauthenticated: UNAUTHENTICATED,
    errorHandler: battlefaceErrorHandler,
    notFoundHandler: battlefaceNotFoundHandler,
    faults: {
      resourceOf: battlefaceResourceOf,
      errorBody: battlefaceFaultBody,
      malformedBody: '{"data":{"schema_version":1,"site_id":1,"quote_id":"',
      badHeader: (message) => new BattlefaceError(400, message),
    },
  });
  allowRegisteredIpsOnly(app, config.battlefaceAllowedIps);
}
