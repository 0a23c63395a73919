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

const PendingSchema = ClockStateSchema.extend({
  scheduled: z.int().describe('Timers the sandbox clock holds (each due task, one per record at most)'),
  work: z.array(
    z.strictObject({
      partner: z.string(),
      kind: z.string().describe('What runs: policy issuance, claim step, webhook attempt, …'),
      subject: z.string().describe('The record it is for'),
      due_at: z.string(),
    }),
  ),
});

const errorsOf = (docs: AdminDocs) => ({
  400: docs.error('Invalid input, or no bearer token to pick the sandbox.'),
});

/** The sandbox's clock: real time by default; freeze it, move it forward, let it flow again. */
export const clockRoutes: FastifyPluginAsyncZod<AdminContext> = async (
  app,
  { sandboxes, partners, docs },
) => {
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

  app.get(
    '/__admin/clock/pending',
    {
      schema: {
        summary: 'The work waiting on the sandbox clock, soonest first, each with its due time',
        description:
          "What each partner's records still owe (policy issuance, claim steps, webhook attempts, instalments, payment intents), and how many timers the clock holds in all.",
        response: { 200: PendingSchema, ...errors },
      },
    },
    async (request) => {
      const sandbox = sandboxOf(request, sandboxes);
      const work = partners.flatMap((partner) =>
        (partner.pendingWork?.(sandbox) ?? []).map((item) => ({ partner: partner.name, ...item })),
      );
      work.sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at));
      return { ...clockState(sandbox.clock), scheduled: sandbox.clock.pending, work };
    },
  );
};
