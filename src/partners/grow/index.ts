import type { PartnerModule } from '../module.js';
import { growAdminRoutes } from './admin/index.js';
import { watchWebhookChanges } from './admin/webhooks.js';
import { resumeGrowWork } from './effects.js';
import { growErrorHandler } from './errors.js';
import { loadGrowSeed } from './fixtures.js';
import { settleNotice } from './instalments.js';
import { Throttle, type ThrottleWindow } from './laravel/throttle.js';
import { growPendingWork } from './pending-work.js';
import { growPlugin } from './plugin.js';
import { type GrowSeed, type GrowStores, growRecords } from './records.js';
import { growResourceOf } from './resource.js';
import { growSettings } from './settings.js';
import { GrowWebhooks, type WebhookLog } from './webhooks/dispatcher.js';

/** What a shared store keeps of Grow beyond its state document. */
interface GrowWork {
  webhooks: WebhookLog;
  throttle: ThrottleWindow | undefined;
}

/** The Curacel Grow API, as the simulator's registry knows it. */
export const grow: PartnerModule<
  GrowSeed,
  typeof growRecords.fields,
  Pick<GrowStores, 'growWebhooks' | 'growCatalogue' | 'growClaimDelays' | 'growThrottle'>,
  GrowStores
> = {
  name: 'grow',
  // `/api/v1` is the partner's base URL path (reference §1); `/v1` serves clients configured
  // without it. The document is generated on `/v1`.
  prefixes: ['/v1', '/api/v1'],
  loadSeed: loadGrowSeed,
  describeSeed: (seed) =>
    `${seed.orders.size} grow orders, ${seed.customers.size} customers, ${seed.catalogue.products.length} products`,
  records: growRecords,
  recordsBase: (seed) => ({
    orders: seed.orders,
    next_policy_id: seed.firstPolicyId,
    customers: seed.customers,
    next_customer_id: seed.firstCustomerId,
    wallets: seed.wallets,
  }),
  createExtras: (
    { token, clock, ids, bytes, records, shared, revision },
    { config, webhookSender, warn },
    seed,
  ) => {
    const extras = {
      growCatalogue: seed.catalogue,
      growClaimDelays: config.growClaimDelays,
      growThrottle: config.growThrottlePerMinute > 0 ? new Throttle(config.growThrottlePerMinute) : undefined,
      growWebhooks: new GrowWebhooks({
        settings: { ...config.growWebhook, deliverTwice: false },
        clock,
        bytes,
        sender: webhookSender,
        warn,
        retryDelaysMs: config.growWebhookRetryDelaysMs,
        revision,
        shared: shared && {
          work: shared,
          token,
          of: (sandbox) => (sandbox as { stores: GrowStores }).stores.growWebhooks,
        },
      }),
    };
    // An instalment's charge waits on its instalment.due delivery's answer.
    const sandbox = { clock, ids, stores: { grow: records, ...extras } };
    extras.growWebhooks.onFinished = (delivery) => settleNotice(sandbox, delivery);
    return extras;
  },
  settings: growSettings,
  afterRestore: resumeGrowWork,
  // A shared store keeps the delivery log too (a delivery under way survives the replica that
  // started it), and the throttle's window (SIM_GROW_THROTTLE counts across replicas).
  work: {
    snapshot: (sandbox): GrowWork => ({
      webhooks: sandbox.stores.growWebhooks.exportLog(),
      throttle: sandbox.stores.growThrottle?.snapshot(),
    }),
    restore: (sandbox, saved) => {
      const work = saved as GrowWork | undefined;
      sandbox.stores.growWebhooks.importLog(work?.webhooks);
      sandbox.stores.growThrottle?.restore(work?.throttle);
    },
  },
  plugin: growPlugin,
  errorHandler: growErrorHandler,
  adminRoutes: growAdminRoutes,
  resourceOf: growResourceOf,
  // Its part of the QA dashboard, loaded on the first request for it.
  pendingWork: growPendingWork,
  dashboard: () => import('./dashboard.js').then((module) => module.GROW_DASHBOARD),
  watchEvents: watchWebhookChanges,
  scenarioRecipes: () => import('./scenarios.js').then((module) => module.GROW_SCENARIOS),
};
