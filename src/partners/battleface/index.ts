import type { PartnerModule } from '../module.js';
import { battlefaceAdminRoutes } from './admin.js';
import { battlefaceErrorHandler } from './errors.js';
import { loadBattlefaceSeed } from './fixtures.js';
import { battlefacePlugin } from './plugin.js';
import { battlefaceResourceOf } from './resource.js';
import type { BattlefaceState } from './schemas.js';
import { type BattlefaceStores, battlefaceState } from './state.js';
import { type BattlefaceSeed, BattlefaceStore } from './store.js';

/** The battleface Partner API, as the simulator's registry knows it. */
export const battleface: PartnerModule<BattlefaceSeed, BattlefaceStores, BattlefaceState> = {
  name: 'battleface',
  // Its real base path (reference §3).
  prefixes: ['/api/partner'],
  loadSeed: loadBattlefaceSeed,
  describeSeed: (seed) => `${seed.orders.size} battleface orders`,
  createStores: (seed, { bytes }) => ({ battleface: new BattlefaceStore(seed, bytes) }),
  plugin: battlefacePlugin,
  errorHandler: battlefaceErrorHandler,
  adminRoutes: battlefaceAdminRoutes,
  state: battlefaceState,
  resourceOf: battlefaceResourceOf,
};
