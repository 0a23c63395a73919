import { createHmac } from 'node:crypto';
import { phpEscape } from '../../../lib/php-json.js';

/**
 * The body bytes as Grow's PHP backend sends them: `json_encode`, `/` escaped as `\/` and
 * non-ASCII as `\uXXXX` (reference §8: the partner's PHP sample hashes these bytes; its Node
 * sample re-serialises the body and escapes only `/`, so it fails for a name with diacritics,
 * exactly as it would against Grow).
 */
export function phpJson(value: unknown): string {
  return phpEscape(JSON.stringify(value));
}

/** `x-curacel-signature`: hex HMAC-SHA256 of the exact bytes sent, keyed with the webhook secret. */
export function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export interface WebhookResponse {
  status: number;
}

/** Sends one delivery; the app's default is shared/outbound's http sender, tests may inject another. */
export type WebhookSender = (request: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}) => Promise<WebhookResponse>;
