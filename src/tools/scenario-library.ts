import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { BUNDLED_FIXTURES_DIR, loadConfig } from '../config.js';
import { PARTNERS } from '../partners/index.js';
import type { ScenarioCall, ScenarioRecipe } from '../partners/module.js';

/** Where the built-in scenarios live: `fixtures/scenarios/`, beside the seed they start from. */
export const SCENARIOS_DIR = new URL('../../fixtures/scenarios/', import.meta.url);

/** The instant every library scenario is built at (and frozen at): a fixed day, so files are stable. */
const BUILT_AT = '2026-01-15T09:00:00Z';
const TOKEN = 'scenario-builder';

/**
 * Each library file's name and text, as `npm run scenarios` writes them: every partner's recipes
 * (PartnerModule.scenarioRecipes), each driven through the real simulator (partner and
 * control-plane calls on a fresh sandbox of the bundled fixtures) and saved as GET /__admin/state
 * answers, so no field is written by hand. A test keeps the files in step.
 */
export async function renderScenarioLibrary(): Promise<Record<string, string>> {
  const seeds = Object.fromEntries(
    PARTNERS.map((partner) => [partner.name, partner.loadSeed(BUNDLED_FIXTURES_DIR)]),
  );
  const recipes: Record<string, ScenarioRecipe> = {};
  for (const partner of PARTNERS) Object.assign(recipes, await partner.scenarioRecipes?.());
  const files: Record<string, string> = {};
  for (const [name, built] of Object.entries(recipes)) {
    // No library of its own (the fixtures come as seeds): a stale file cannot stop the rebuild.
    const app = await buildApp(
      {
        ...loadConfig({ SIM_NOW: BUILT_AT, SIM_SEED: name, LOG_LEVEL: 'silent' }),
        fixturesDir: '/nonexistent',
      },
      { seeds, webhookSender: async () => ({ status: 200 }) },
    );
    try {
      await built.drive(driver(app));
      const state = await driver(app)('GET', '/__admin/state');
      files[`${name}.json`] = `${JSON.stringify({ description: built.description, state }, null, 2)}\n`;
    } finally {
      await app.close();
    }
  }
  return files;
}

function driver(app: FastifyInstance): ScenarioCall {
  return async (method, url, payload) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (response.statusCode >= 400) {
      throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
    }
    return response.body === '' ? undefined : response.json();
  };
}
