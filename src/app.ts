import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { loadBattlefaceSeed } from './partners/battleface/fixtures.js';
import { battlefacePlugin } from './partners/battleface/plugin.js';
import { type BattlefaceSeed, BattlefaceStore } from './partners/battleface/store.js';
import { type Clock, systemClock } from './shared/clock.js';
import { createIds, type Ids } from './shared/ids.js';
import { Sandboxes } from './shared/sandboxes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every credential's sandbox; the control plane and tests read state through it. */
    sandboxes: Sandboxes<Stores>;
  }
}

/** Everything the app takes from outside besides configuration; tests pass fixed ones. */
export interface Deps {
  clock: Clock;
  ids: Ids;
  /** Seed data; loaded from config.fixturesDir when absent. */
  seeds: Seeds;
}

export interface Seeds {
  battleface: BattlefaceSeed;
}

export interface Stores {
  battleface: BattlefaceStore;
}

export function loadSeeds(fixturesDir: string): Seeds {
  return { battleface: loadBattlefaceSeed(fixturesDir) };
}

/** A ready app with both partner APIs; it never listens (server.ts does). */
export async function buildApp(config: Config, deps: Partial<Deps> = {}): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? createIds();
  const seeds = deps.seeds ?? loadSeeds(config.fixturesDir);

  const sandboxes = new Sandboxes<Stores>({
    max: config.maxSandboxes,
    tokens: config.tokens,
    clock,
    onError: (error) => app.log.error({ err: error }, 'scheduled sandbox work failed'),
    createStores: () => ({ battleface: new BattlefaceStore(seeds.battleface) }),
  });

  const app = Fastify({ logger: { level: config.logLevel } });
  app.addHook('onClose', async () => sandboxes.dispose());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('sandboxes', sandboxes);

  await app.register(battlefacePlugin, { prefix: '/api/partner', sandboxes, ids });
  await app.ready();
  return app;
}
