import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Stores } from '../../app.js';
import { BattlefaceStateSchema } from '../../partners/battleface/schemas.js';
import { restoreGrowState } from '../../partners/grow/order-service.js';
import { GrowStateSchema } from '../../partners/grow/schemas.js';
import { BudgetError } from '../../sandbox/memory-budget.js';
import type { Sandbox } from '../../sandbox/sandboxes.js';
import { sandboxOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import { MAX_ORDERS } from '../order-input.js';
import { adminDocs, adminError } from '../schemas.js';
import { ClockStateSchema, clockState } from './clock.js';

/** An issue for each value of `keys` seen before, at its place in the state. */
function duplicates(keys: Array<string | number>, path: string[], what: string) {
  const seen = new Set<string | number>();
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  keys.forEach((key, index) => {
    if (seen.has(key)) issues.push({ path: [...path, index], message: `${what} ${key} appears twice` });
    seen.add(key);
  });
  return issues;
}

/** A sandbox's whole state: what QA saves to a file and CI loads before a suite. */
export const StateSchema = z
  .strictObject({
    clock: ClockStateSchema,
    battleface: BattlefaceStateSchema.extend({
      orders: BattlefaceStateSchema.shape.orders.max(MAX_ORDERS),
    }),
    grow: GrowStateSchema.extend({ orders: GrowStateSchema.shape.orders.max(MAX_ORDERS) }),
  })
  .superRefine((state, context) => {
    const issues = [
      ...duplicates(
        state.battleface.orders.map((order) => order.order_number),
        ['battleface', 'orders'],
        'order_number',
      ),
      ...duplicates(
        state.grow.orders.map((order) => order.id),
        ['grow', 'orders'],
        'id',
      ),
      ...duplicates(
        state.grow.pending_policies.map((pending) => pending.order_id),
        ['grow', 'pending_policies'],
        'order_id',
      ),
    ];
    for (const { path, message } of issues) context.addIssue({ code: 'custom', path, message });
  });
adminDocs.add(StateSchema, { id: 'SandboxState' });
export type State = z.infer<typeof StateSchema>;

function stateOf(sandbox: Sandbox<Stores>): State {
  return {
    clock: clockState(sandbox.clock),
    battleface: sandbox.stores.battleface.snapshot(),
    grow: sandbox.stores.grow.snapshot(),
  };
}

const errors = {
  400: adminError('Invalid state (the issues list each problem), or no bearer token.'),
  413: adminError('The state is larger than a sandbox may hold (SIM_SANDBOX_MAX_BYTES).'),
};

export const stateRoutes: FastifyPluginAsyncZod<AdminContext> = async (app, { sandboxes, config }) => {
  app.get(
    '/__admin/state',
    { schema: { summary: "The sandbox's whole state", response: { 200: StateSchema, ...errors } } },
    async (request) => stateOf(sandboxOf(request, sandboxes)),
  );

  app.put(
    '/__admin/state',
    {
      // A state is held as parsed objects, about twice its JSON: one that cannot fit a sandbox is
      // refused while it is still bytes on the wire.
      bodyLimit: config.sandboxMaxBytes,
      // A state is many objects by nature; its byte limit bounds it.
      // While loading, the text, the parsed JSON, zod's copy and the answer are all alive.
      config: {
        bodyLimitSetting: 'SIM_SANDBOX_MAX_BYTES',
        maxJsonContainers: Number.POSITIVE_INFINITY,
        bodyCostPerByte: 6,
      },
      schema: {
        summary: "Replace the sandbox's whole state with a saved one",
        body: StateSchema,
        response: { 200: StateSchema, ...errors },
      },
    },
    async (request) => {
      const sandbox = sandboxOf(request, sandboxes);
      const state = request.body;
      const needed = 2 * (request.receivedBody?.length ?? 0);
      if (needed > config.sandboxMaxBytes) {
        throw new BudgetError(
          'sandbox',
          `This state needs about ${needed} bytes once loaded, more than a sandbox may hold (SIM_SANDBOX_MAX_BYTES=${config.sandboxMaxBytes}). Load a smaller state, or raise SIM_SANDBOX_MAX_BYTES.`,
        );
      }
      sandbox.clock.clear();
      sandbox.clock.freeze(Date.parse(state.clock.now));
      if (!state.clock.frozen) sandbox.clock.resume();
      sandbox.stores.battleface.restore(state.battleface);
      restoreGrowState(sandbox, state.grow);
      return stateOf(sandbox);
    },
  );
};
