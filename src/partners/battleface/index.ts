import type { PartnerModule } from '../module.js';
import { battlefaceAdminRoutes } from './admin.js';
import { resumeBattlefaceWork } from './approvals.js';
import { battlefaceErrorHandler } from './errors.js';
import { loadBattlefaceSeed } from './fixtures.js';
import { battlefacePendingWork } from './pending-work.js';
import { battlefaceClaimsPlugin, battlefacePlugin } from './plugin.js';
import { type BattlefaceSeed, type BattlefaceStores, battlefaceRecords } from './records.js';
import { battlefaceResourceOf } from './resource.js';

/** The battleface Partner API, as the simulator's registry knows it. */
export const battleface: PartnerModule<
  BattlefaceSeed,
  typeof battlefaceRecords.fields,
  Pick<BattlefaceStores, 'battlefaceCatalogue' | 'battlefaceClaimForm'>,
  BattlefaceStores
> = {
  name: 'battleface',
  // Its real base path (reference §3).
  prefixes: ['/api/partner'],
  loadSeed: loadBattlefaceSeed,
  describeSeed: (seed) => `${seed.orders.size} battleface orders, ${seed.catalogue.byId.size} products`,
  records: battlefaceRecords,
  recordsBase: (seed) => ({
    orders: seed.orders,
    next_file_id: seed.firstFileId,
    next_client_id: seed.firstClientId,
  }),
  createExtras: (_sandbox, _app, seed) => ({
    battlefaceCatalogue: seed.catalogue,
    battlefaceClaimForm: seed.claimForm,
  }),
  afterRestore: resumeBattlefaceWork,
  plugin: battlefacePlugin,
  // The Claims API's host, `{{claim_api_host}}` (reference §3 #13–#14), is this prefix here.
  hosts: [{ label: 'claims', prefix: '/battleface-claims', plugin: battlefaceClaimsPlugin }],
  errorHandler: battlefaceErrorHandler,
  adminRoutes: battlefaceAdminRoutes,
  resourceOf: battlefaceResourceOf,
  // Its part of the QA dashboard, loaded on the first request for it.
  pendingWork: battlefacePendingWork,
  dashboard: () => import('./dashboard.js').then((module) => module.BATTLEFACE_DASHBOARD),
  scenarioRecipes: () => import('./scenarios.js').then((module) => module.BATTLEFACE_SCENARIOS),
};
