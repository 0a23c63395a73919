import type { PartnerModule } from '../module.js';
import { growAdminRoutes } from './admin/index.js';
import { growErrorHandler } from './errors.js';
import { loadGrowSeed } from './fixtures.js';
import { growPlugin } from './plugin.js';
import { growResourceOf } from './resource.js';
import { type GrowSavedState, type GrowStores, growState } from './state.js';
import { type GrowSeed, GrowStore } from './store.js';
import { GrowWebhooks } from './webhooks/dispatcher.js';

/** The Curacel Grow API, as the simulator's registry knows it. */
export const grow: PartnerModule<GrowSeed, GrowStores, GrowSavedState> = {
  name: 'grow',
  // `/api/v1` is the partner's base URL path (reference §1); `/v1` serves clients configured
  // without it. The document is generated on `/v1`.
  prefixes: ['/v1', '/api/v1'],
  loadSeed: loadGrowSeed,
  describeSeed: (seed) => `${seed.orders.size} grow orders`,
  createStores: (seed, { clock, bytes }, { config, webhookSender, warn }) => ({
    grow: new GrowStore(seed, bytes),
    growWebhooks: new GrowWebhooks({
      settings: { ...config.growWebhook, deliverTwice: false },
      clock,
      bytes,
      sender: webhookSender,
      warn,
    }),
  }),
  plugin: growPlugin,
  errorHandler: growErrorHandler,
  adminRoutes: growAdminRoutes,
  state: growState,
  resourceOf: growResourceOf,
};
