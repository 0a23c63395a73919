import { z } from 'zod';
import { MAX_ORDERS } from '../../admin/order-input.js';
import { duplicates } from '../../lib/duplicates.js';
import { mask } from '../../lib/secrets.js';
import type { Sandbox } from '../../sandbox/sandboxes.js';
import type { PartnerState } from '../module.js';
import { restoreGrowState } from './order-service.js';
import { type GrowState, GrowStateSchema } from './schemas.js';
import type { GrowStore } from './store.js';
import type { GrowWebhooks } from './webhooks/dispatcher.js';

export type GrowStores = { grow: GrowStore; growWebhooks: GrowWebhooks };

/**
 * The sandbox's webhook settings as a state holds them. The secret is masked, as everywhere the
 * simulator shows it: loading a masked (or empty-masked) secret keeps the sandbox's current one,
 * a secret given in clear replaces it.
 */
const WebhookStateSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).nullable(),
  secret: z.string(),
  deliver_twice: z.boolean(),
});

const isMasked = (secret: string) => secret.startsWith('****');

export type GrowSavedState = GrowState & { webhook: z.infer<typeof WebhookStateSchema> };

/**
 * Grow's part of a saved state: orders (unique ids), numbering, the policies still owed, and
 * where webhooks go.
 */
export const growState: PartnerState<GrowStores, GrowSavedState> = {
  schema: GrowStateSchema.extend({
    orders: GrowStateSchema.shape.orders.max(MAX_ORDERS),
    webhook: WebhookStateSchema,
  }).superRefine((state, context) => {
    const issues = [
      ...duplicates(
        state.orders.map((order) => order.id),
        ['orders'],
        'id',
      ),
      ...duplicates(
        state.pending_policies.map((pending) => pending.order_id),
        ['pending_policies'],
        'order_id',
      ),
    ];
    for (const issue of issues) context.addIssue({ code: 'custom', ...issue });
  }),
  snapshot: (sandbox: Sandbox<GrowStores>) => {
    const { url, secret, deliverTwice } = sandbox.stores.growWebhooks.settings;
    return {
      ...sandbox.stores.grow.snapshot(),
      webhook: { url: url ?? null, secret: secret === '' ? '' : mask(secret), deliver_twice: deliverTwice },
    };
  },
  restore: (sandbox, { webhook, ...state }) => {
    const webhooks = sandbox.stores.growWebhooks;
    webhooks.settings = {
      url: webhook.url ?? undefined,
      secret: isMasked(webhook.secret) ? webhooks.settings.secret : webhook.secret,
      deliverTwice: webhook.deliver_twice,
    };
    restoreGrowState(sandbox, state);
  },
};
