import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxOf } from '../../../admin/addressing.js';
import { NOT_FOUND } from '../../../admin/errors.js';
import { waitQuery } from '../../../admin/long-poll.js';
import type { AdminDocs } from '../../../admin/schemas.js';
import { mask } from '../../../lib/secrets.js';
import type { Sandbox } from '../../../sandbox/sandboxes.js';
import type { PartnerAdminOptions } from '../../module.js';
import type { GrowStores } from '../records.js';
import type { Delivery } from '../webhooks/dispatcher.js';

const WebhookSettingsSchema = z.strictObject({
  url: z.string().nullable(),
  secret: z.string().describe('Masked to its last 4 characters'),
  deliver_twice: z.boolean(),
});

const AttemptSchema = z.strictObject({
  number: z.int(),
  at: z.string(),
  status: z.int().nullable(),
  duration_ms: z.number().nullable(),
  error: z.string().nullable(),
});

const STATES = ['pending', 'delivered', 'failed', 'dropped'] as const;

const DeliverySchema = z.strictObject({
  id: z.string(),
  event: z.string(),
  url: z.string(),
  created_at: z.string(),
  state: z.enum(STATES),
  delivered: z.boolean(),
  attempts: z.array(AttemptSchema),
  next_attempt_at: z.string().nullable(),
  payload: z.unknown().describe('The body sent, decoded'),
  signature: z.string().describe('The x-curacel-signature header sent'),
});

/** A delivery as the control plane lists it (the admin client's type). */
export type DeliveryView = z.infer<typeof DeliverySchema>;

function view(delivery: Delivery): DeliveryView {
  const { body, ...rest } = delivery;
  return { ...rest, attempts: [...delivery.attempts], payload: JSON.parse(body) };
}

/**
 * The live event stream's `webhooks` event: the delivery log at a glance, newest first, once per
 * turn of the event loop however many changes it saw (an attempt changes a delivery twice).
 */
export function watchWebhookChanges(
  sandbox: Pick<Sandbox<GrowStores>, 'stores'>,
  emit: (event: string, data: unknown) => void,
): () => void {
  const webhooks = sandbox.stores.growWebhooks;
  let queued = false;
  return webhooks.watch(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      emit('webhooks', {
        partner: 'grow',
        deliveries: webhooks.deliveries.map((delivery) => ({
          id: delivery.id,
          event: delivery.event,
          state: delivery.state,
          attempts: delivery.attempts.length,
          next_attempt_at: delivery.next_attempt_at,
        })),
      });
    });
  });
}

const errorsOf = (docs: AdminDocs) => ({
  400: docs.error('Invalid settings, or no bearer token to pick the sandbox.'),
});

/** Where a sandbox's Grow webhooks go, and what became of each one. */
export const webhookRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (
  app,
  { sandboxes, docs, polls },
) => {
  const errors = errorsOf(docs);
  const settingsOf = (webhooks: {
    settings: { url: string | undefined; secret: string; deliverTwice: boolean };
  }) => ({
    url: webhooks.settings.url ?? null,
    secret: webhooks.settings.secret === '' ? '' : mask(webhooks.settings.secret),
    deliver_twice: webhooks.settings.deliverTwice,
  });

  app.get(
    '/__admin/grow/webhook',
    {
      schema: {
        summary: "The sandbox's Grow webhook URL and secret (masked)",
        response: { 200: WebhookSettingsSchema, ...errors },
      },
    },
    async (request) => settingsOf(sandboxOf<GrowStores>(request, sandboxes).stores.growWebhooks),
  );

  app.put(
    '/__admin/grow/webhook',
    {
      schema: {
        summary: "Set the sandbox's Grow webhook URL and secret (and the deliver-twice QA switch)",
        body: z.strictObject({
          url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).nullable(),
          secret: z.string().optional(),
          deliver_twice: z.boolean().optional(),
        }),
        response: { 200: WebhookSettingsSchema, ...errors },
      },
    },
    async (request) => {
      const webhooks = sandboxOf<GrowStores>(request, sandboxes).stores.growWebhooks;
      const { url, secret, deliver_twice } = request.body;
      webhooks.settings = {
        url: url ?? undefined,
        secret: secret ?? webhooks.settings.secret,
        deliverTwice: deliver_twice ?? webhooks.settings.deliverTwice,
      };
      return settingsOf(webhooks);
    },
  );

  app.get(
    '/__admin/webhooks',
    {
      schema: {
        summary: 'Grow webhook deliveries of the sandbox, newest first',
        querystring: z.strictObject({
          event: z.string().max(200).optional().describe('Only deliveries of this event'),
          state: z.enum(STATES, { error: `one of ${STATES.join(', ')}` }).optional(),
          ...waitQuery,
        }),
        response: {
          200: z.strictObject({ deliveries: z.array(DeliverySchema) }),
          429: docs.error('Too many waits open on this sandbox at once.'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const sandbox = sandboxOf<GrowStores>(request, sandboxes);
      const { event, state, wait_ms, min_count } = request.query;
      // With a shared store a wait reads the sandbox again, and the copy it reads may be a new one.
      const current = () => (sandboxes.peek(sandbox.token) ?? sandbox) as typeof sandbox;
      const select = () =>
        current().stores.growWebhooks.deliveries.filter(
          (delivery) =>
            (event === undefined || delivery.event === event) &&
            (state === undefined || delivery.state === state),
        );
      if (wait_ms !== undefined && select().length < min_count) {
        // The log is small (LOG_SIZE) and changes a few times per delivery: each change re-counts it.
        const shared = sandboxes.shared;
        await polls.until({
          key: sandbox.token,
          waitMs: wait_ms,
          reply,
          subscribe: (wake) =>
            current().stores.growWebhooks.watch(() => {
              if (select().length >= min_count) wake();
            }),
          ready: () => select().length >= min_count,
          refresh: shared && (async () => void (await shared.view(sandbox.token))),
        });
      }
      return { deliveries: select().map(view) };
    },
  );

  app.post(
    '/__admin/webhooks/:id/redeliver',
    {
      schema: {
        summary: "Send a delivery's event again, as a new delivery",
        params: z.object({ id: z.string() }),
        response: { 202: DeliverySchema, 404: docs.error('No such delivery in this sandbox.'), ...errors },
      },
    },
    async (request, reply) => {
      const delivery = sandboxOf<GrowStores>(request, sandboxes).stores.growWebhooks.redeliver(
        request.params.id,
      );
      if (!delivery) throw NOT_FOUND(`No webhook delivery ${request.params.id} in this sandbox.`);
      return reply.code(202).send(view(delivery));
    },
  );
};
