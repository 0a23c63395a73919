import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isRealInstant, REAL_INSTANT_MESSAGE } from '../../lib/instants.js';
import type { SandboxClock } from '../../sandbox/sandbox-clock.js';
import { sandboxOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import type { AdminDocs } from '../schemas.js';

export const ClockStateSchema = z.strictObject({
  now: z.iso
    .datetime({ offset: true, error: 'expected an ISO 8601 instant like 2024-05-01T12:00:00Z', abort: true })
    .refine(isRealInstant, REAL_INSTANT_MESSAGE),
  frozen: z.boolean(),
});
export type ClockState = z.infer<typeof ClockStateSchema>;

export function clockState(clock: SandboxClock): ClockState {
  return { now: new Date(clock.now()).toISOString(), frozen: clock.frozen };
}

const errorsOf = (docs: AdminDocs) => ({
  400: docs.error('Invalid input, or no bearer token to pick the sandbox.'),
});

/** The sandbox's clock: real time by default; freeze it, move it forward, let it flow again. */
export const clockRoutes: FastifyPluginAsyncZod<AdminContext> = async (app, { sandboxes, docs }) => {
  const errors = errorsOf(docs);
  app.get(
    '/__admin/clock',
    { schema: { summary: "The sandbox's time", response: { 200: ClockStateSchema, ...errors } } },
    async (request) => clockState(sandboxOf(request, sandboxes).clock),
  );

  app.put(
    '/__admin/clock',
    {
      schema: {
        summary: 'Freeze the sandbox clock at an instant',
        body: z.strictObject({ now: ClockStateSchema.shape.now }),
        response: { 200: ClockStateSchema, ...errors },
      },
    },
    async (request) => {
      const { clock } = sandboxOf(request, sandboxes);
      clock.freeze(Date.parse(request.body.now));
      return clockState(clock);
    },
  );

  app.post(
    '/__admin/clock/advance',
    {
      schema: {
        summary: 'Move the sandbox clock forward, running everything that became due',
        body: z.strictObject({
          ms: z
            .int()
            .min(0)
            .max(10 * 365 * 86_400_000),
        }),
        response: { 200: ClockStateSchema, ...errors },
      },
    },
    async (request) => {
      const { clock } = sandboxOf(request, sandboxes);
      clock.advance(request.body.ms);
      return clockState(clock);
    },
  );

  app.post(
    '/__admin/clock/resume',
    {
      schema: {
        summary: 'Let the sandbox clock flow again from where it stands',
        response: { 200: ClockStateSchema, ...errors },
      },
    },
    async (request) => {
      const { clock } = sandboxOf(request, sandboxes);
      clock.resume();
      return clockState(clock);
    },
  );
};
