import { createHmac } from 'node:crypto';

/**
 * The body bytes as Grow's PHP backend sends them: `json_encode`, whose only difference from
 * JSON.stringify that matters here is `/` escaped as `\/` (reference §8: the partner's own Node
 * sample re-serialises the body and replaces every `/` with `\/` before hashing).
 */
export function phpJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('/', '\\/');
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
