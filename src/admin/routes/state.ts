import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Stores } from '../../app.js';
import { BattlefaceStateSchema } from '../../partners/battleface/schemas.js';
import { restoreGrowState } from '../../partners/grow/order-service.js';
import { GrowStateSchema } from '../../partners/grow/schemas.js';
import type { Sandbox } from '../../shared/sandboxes.js';
import { sandboxOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import { adminDocs, adminError } from '../schemas.js';
import { ClockStateSchema, clockState } from './clock.js';

/** A sandbox's whole state: what QA saves to a file and CI loads before a suite. */
export const StateSchema = z.strictObject({
  clock: ClockStateSchema,
  battleface: BattlefaceStateSchema,
  grow: GrowStateSchema,
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

const errors = { 400: adminError('Invalid state (the issues list each problem), or no bearer token.') };

export const stateRoutes: FastifyPluginAsyncZod<AdminContext> = async (app, { sandboxes }) => {
  app.get(
    '/__admin/state',
    { schema: { summary: "The sandbox's whole state", response: { 200: StateSchema, ...errors } } },
    async (request) => stateOf(sandboxOf(request, sandboxes)),
  );

  app.put(
    '/__admin/state',
    {
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        summary: "Replace the sandbox's whole state with a saved one",
        body: StateSchema,
        response: { 200: StateSchema, ...errors },
      },
    },
    async (request) => {
      const sandbox = sandboxOf(request, sandboxes);
      const state = request.body;
      sandbox.clock.clear();
      sandbox.clock.freeze(Date.parse(state.clock.now));
      if (!state.clock.frozen) sandbox.clock.resume();
      sandbox.stores.battleface.restore(state.battleface);
      restoreGrowState(sandbox, state.grow);
      return stateOf(sandbox);
    },
  );
};
