import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { AnyPartnerModule } from '../../partners/module.js';
import { BudgetError } from '../../sandbox/memory-budget.js';
import type { Sandbox } from '../../sandbox/sandboxes.js';
import { sandboxOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import { partnerSnapshot, partnerStateSchema, restorePartner } from '../partner-state.js';
import type { AdminDocs } from '../schemas.js';
import { ClockStateSchema, clockState } from './clock.js';
import { FaultStateSchema, faultState, restoreFaults } from './faults.js';

/** The state document's version: a state saved by another version is refused, not guessed at. */
export const STATE_VERSION = 2 as const;

/**
 * A sandbox's whole state, what QA saves to a file and CI loads before a suite: its version, the
 * clock, the fault rules, and each partner's declared part, under the partner's name.
 */
export function stateSchema(partners: readonly AnyPartnerModule[]) {
  // One schema per partner list, so every route naming it refers to the one SandboxState component.
  const known = schemas.get(partners);
  if (known) return known as ReturnType<typeof buildStateSchema>;
  const built = buildStateSchema(partners);
  schemas.set(partners, built);
  return built;
}

const schemas = new WeakMap<readonly AnyPartnerModule[], z.ZodType>();

function buildStateSchema(partners: readonly AnyPartnerModule[]) {
  return z.strictObject({
    version: z.literal(STATE_VERSION, {
      error: `expected ${STATE_VERSION}: this simulator loads states of version ${STATE_VERSION} (save one with GET /__admin/state)`,
    }),
    clock: ClockStateSchema,
    faults: FaultStateSchema(partners),
    ...Object.fromEntries(partners.map((partner) => [partner.name, partnerStateSchema(partner)])),
  });
}

/** A saved state (as parsed by stateSchema) replaces the sandbox's: a state load, or SIM_STATE_FILE. */
export function applyState(
  sandbox: Sandbox<unknown>,
  partners: readonly AnyPartnerModule[],
  state: SavedState,
  /** A shared store's document: each partner's work under way, by name. */
  work?: Record<string, unknown>,
): void {
  // The one step that may still refuse (the rules' bytes) goes first, so a refusal changes nothing.
  restoreFaults(sandbox.faults, state.faults);
  sandbox.clock.clear();
  sandbox.clock.freeze(Date.parse(state.clock.now));
  if (!state.clock.frozen) sandbox.clock.resume();
  for (const partner of partners) {
    restorePartner(
      sandbox,
      partner,
      state[partner.name] as Record<string, unknown>,
      work && { saved: work[partner.name] },
    );
  }
}

/** The route options of a call whose body is a whole state (a state load, a scenario upload). */
export function stateBodyOptions(config: Config) {
  return {
    // A state is held as parsed objects, about twice its JSON: one that cannot fit a sandbox is
    // refused while it is still bytes on the wire.
    bodyLimit: config.sandboxMaxBytes,
    // While loading, the text, the parsed JSON, zod's copy and the answer are all alive.
    config: {
      bodyLimitSetting: 'SIM_SANDBOX_MAX_BYTES',
      maxJsonContainers: Number.POSITIVE_INFINITY,
      bodyCostPerByte: 6,
    },
  };
}

/** A state as stateSchema parses it: its version, clock and faults, and each partner's part by name. */
export type SavedState = z.output<ReturnType<typeof stateSchema>> & Record<string, unknown>;

/** The sandbox's whole state, as GET /__admin/state answers it. */
export function stateOf(sandbox: Sandbox<unknown>, partners: readonly AnyPartnerModule[]) {
  return {
    version: STATE_VERSION as typeof STATE_VERSION,
    clock: clockState(sandbox.clock),
    faults: faultState(sandbox.faults),
    ...Object.fromEntries(partners.map((partner) => [partner.name, partnerSnapshot(sandbox, partner)])),
  };
}

/**
 * Loads a state of `jsonBytes` into the sandbox, unless it could not fit: a state is held as parsed
 * objects, about twice its JSON.
 */
export function loadState(
  sandbox: Sandbox<unknown>,
  partners: readonly AnyPartnerModule[],
  state: SavedState,
  jsonBytes: number,
  config: { sandboxMaxBytes: number },
): void {
  const needed = 2 * jsonBytes;
  if (needed > config.sandboxMaxBytes) {
    throw new BudgetError(
      'sandbox',
      `This state needs about ${needed} bytes once loaded, more than a sandbox may hold (SIM_SANDBOX_MAX_BYTES=${config.sandboxMaxBytes}). Load a smaller state, or raise SIM_SANDBOX_MAX_BYTES.`,
    );
  }
  applyState(sandbox, partners, state);
}

const errorsOf = (docs: AdminDocs) => ({
  400: docs.error('Invalid state (the issues list each problem), or no bearer token.'),
  413: docs.error('The state is larger than a sandbox may hold (SIM_SANDBOX_MAX_BYTES).'),
});

export const stateRoutes: FastifyPluginAsyncZod<AdminContext> = async (
  app,
  { sandboxes, config, partners, docs },
) => {
  const errors = errorsOf(docs);
  const StateSchema = stateSchema(partners);
  docs.registry.add(StateSchema, { id: 'SandboxState' });

  app.get(
    '/__admin/state',
    { schema: { summary: "The sandbox's whole state", response: { 200: StateSchema, ...errors } } },
    async (request) => stateOf(sandboxOf(request, sandboxes), partners),
  );

  app.put(
    '/__admin/state',
    {
      ...stateBodyOptions(config),
      schema: {
        summary: "Replace the sandbox's whole state with a saved one",
        body: StateSchema,
        response: { 200: StateSchema, ...errors },
      },
    },
    async (request) => {
      const sandbox = sandboxOf(request, sandboxes);
      loadState(sandbox, partners, request.body as SavedState, request.receivedBody?.length ?? 0, config);
      return stateOf(sandbox, partners);
    },
  );
};
