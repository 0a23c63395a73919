import { z } from 'zod';
import { mask } from '../../lib/secrets.js';
import type { Sandbox } from '../../sandbox/sandboxes.js';
import type { PartnerSettings } from '../module.js';
import type { GrowStores } from './records.js';

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

/** Where a sandbox's webhooks go, saved beside Grow's records. */
export const growSettings: PartnerSettings<Sandbox<GrowStores>> = {
  shape: { webhook: WebhookStateSchema },
  snapshot: (sandbox) => {
    const { url, secret, deliverTwice } = sandbox.stores.growWebhooks.settings;
    return {
      webhook: { url: url ?? null, secret: secret === '' ? '' : mask(secret), deliver_twice: deliverTwice },
    };
  },
  restore: (sandbox, saved) => {
    const webhook = saved.webhook as z.infer<typeof WebhookStateSchema>;
    const webhooks = sandbox.stores.growWebhooks;
    webhooks.settings = {
      url: webhook.url ?? undefined,
      secret: isMasked(webhook.secret) ? webhooks.settings.secret : webhook.secret,
      deliverTwice: webhook.deliver_twice,
    };
  },
};
