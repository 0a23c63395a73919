import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatMicros } from '../../lib/clock.js';
import { mask } from '../../lib/secrets.js';
import { StoreUnavailableError } from '../../sandbox/store/store.js';
import { sandboxOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import { NOT_FOUND } from '../errors.js';
import {
  loadScenarioLibrary,
  MAX_DESCRIPTION,
  MAX_SCENARIOS,
  type Scenario,
  Scenarios,
  scenarioNameSchema,
} from '../scenarios.js';
import { loadState, type SavedState, stateBodyOptions, stateOf, stateSchema } from './state.js';

const SOURCE = z.enum(['library', 'saved']).describe('library: shipped in FIXTURES_DIR/scenarios, read-only');
const SummarySchema = z.strictObject({ name: z.string(), description: z.string(), source: SOURCE });
const Params = z.object({ name: scenarioNameSchema });
const summary = ({ name, description, source }: Scenario) => ({ name, description, source });

/**
 * Named scenarios (issue 19): whole sandbox states saved under a name on this simulator, and the
 * built-in library, each loaded into the bearer token's sandbox as PUT /__admin/state would.
 * The library is read when the control plane is built, so a bad file stops start-up.
 */
export const scenarioRoutes: FastifyPluginAsyncZod<AdminContext> = async (
  app,
  { sandboxes, partners, config, budget, clock, docs },
) => {
  const StateSchema = stateSchema(partners);
  const scenarios = new Scenarios(
    loadScenarioLibrary(config.fixturesDir, partners),
    budget.account(),
    config.sandboxMaxBytes,
  );
  // With a shared store, scenarios are every replica's: read before each use, written on change.
  const store = sandboxes.shared?.store;
  const pull = async () => {
    if (store === undefined) return;
    let saved: Array<{ name: string; text: string }>;
    try {
      saved = await store.scenarios();
    } catch (error) {
      throw new StoreUnavailableError((error as Error).message);
    }
    scenarios.replaceSaved(saved.map(({ name, text }) => ({ name, ...JSON.parse(text) })));
  };
  const push = async (change: () => Promise<void>) => {
    try {
      await change();
    } catch (error) {
      throw new StoreUnavailableError((error as Error).message);
    }
  };
  const find = (name: string) => {
    const scenario = scenarios.get(name);
    if (!scenario) {
      throw NOT_FOUND(
        `No scenario ${name} on this simulator: GET /__admin/scenarios lists them; save one with PUT /__admin/scenarios/${name}.`,
      );
    }
    return scenario;
  };
  const invalidName = docs.error('Invalid scenario name.');

  app.get(
    '/__admin/scenarios',
    {
      schema: {
        summary: 'The named scenarios: the built-in library, then those saved here',
        response: { 200: z.strictObject({ scenarios: z.array(SummarySchema) }) },
      },
    },
    async () => {
      await pull();
      return { scenarios: scenarios.list().map(summary) };
    },
  );

  app.get(
    '/__admin/scenarios/:name',
    {
      schema: {
        summary: 'One scenario with its whole state (the file format: description and state)',
        params: Params,
        response: {
          200: SummarySchema.extend({ state: StateSchema }),
          400: invalidName,
          404: docs.error('No scenario of that name.'),
        },
      },
    },
    async (request) => {
      await pull();
      return find(request.params.name);
    },
  );

  app.put(
    '/__admin/scenarios/:name',
    {
      ...stateBodyOptions(config),
      schema: {
        summary: "Save a scenario: the given state, or without one the bearer token's sandbox as it is",
        description: `At most ${MAX_SCENARIOS} saved scenarios, together at most SIM_SANDBOX_MAX_BYTES; library scenarios cannot be replaced.`,
        params: Params,
        body: z.strictObject({
          description: z.string().min(1).max(MAX_DESCRIPTION).optional(),
          state: StateSchema.optional(),
        }),
        response: {
          200: SummarySchema.describe('Replaced.'),
          201: SummarySchema.describe('Saved.'),
          400: docs.error(
            'Invalid scenario (the issues list each problem), or no state and no bearer token.',
          ),
          409: docs.error('A library scenario has that name, or the most saved scenarios are kept.'),
          413: docs.error('The scenarios would hold more than SIM_SANDBOX_MAX_BYTES together.'),
        },
      },
    },
    async (request, reply) => {
      await pull();
      const { name } = request.params;
      let state = request.body.state as SavedState | undefined;
      let description = request.body.description;
      if (state === undefined) {
        const sandbox = sandboxOf(request, sandboxes);
        // Parsed as an upload is, so every scenario is loaded from the same shape.
        state = StateSchema.parse(stateOf(sandbox, partners)) as SavedState;
        description ??= `Saved from sandbox ${mask(sandbox.token)} at ${formatMicros(clock.now())}`;
      }
      description ??= `Uploaded at ${formatMicros(clock.now())}`;
      const created = scenarios.save(name, description, state);
      if (store) await push(() => store.putScenario(name, JSON.stringify({ description, state })));
      return reply.code(created ? 201 : 200).send({ name, description, source: 'saved' });
    },
  );

  app.delete(
    '/__admin/scenarios/:name',
    {
      schema: {
        summary: 'Forget a saved scenario',
        params: Params,
        response: {
          204: z.undefined().describe('Deleted.'),
          400: invalidName,
          404: docs.error('No saved scenario of that name.'),
          409: docs.error('A library scenario cannot be deleted.'),
        },
      },
    },
    async (request, reply) => {
      await pull();
      if (!scenarios.delete(request.params.name)) find(request.params.name);
      if (store) await push(() => store.deleteScenario(request.params.name));
      return reply.code(204).send();
    },
  );

  app.post(
    '/__admin/scenarios/:name/load',
    {
      schema: {
        summary: "Replace the bearer token's sandbox state with a scenario's",
        params: Params,
        response: {
          200: StateSchema,
          400: docs.error('Invalid scenario name, or no bearer token.'),
          404: docs.error('No scenario of that name.'),
          413: docs.error('The scenario is larger than a sandbox may hold (SIM_SANDBOX_MAX_BYTES).'),
        },
      },
    },
    async (request) => {
      await pull();
      const sandbox = sandboxOf(request, sandboxes);
      const scenario = find(request.params.name);
      // Each sandbox gets its own copy: a scenario's objects are never shared with a sandbox.
      const state = structuredClone(scenario.state);
      loadState(sandbox, partners, state, JSON.stringify(state).length, config);
      return stateOf(sandbox, partners);
    },
  );
};
