import { type DeepPartial, segment, type Transport } from '../../admin/client/transport.js';
import { type Criterion, type WaitOptions, waitForItems } from '../../admin/client/wait.js';
import { partialMatch } from '../../lib/merge-patch.js';
import type { DeliveryView } from './admin/webhooks.js';
import type { ClaimView, StoredClaim } from './schemas/claims.js';
import type { Order } from './schemas/orders.js';
import type { StoredTopup } from './schemas/wallet.js';

export type { DeliveryView };
/** Grow's part of a saved state: the collections typed, the rest as saved. */
export type GrowState = {
  orders: Order[];
  claims: StoredClaim[];
  topups: StoredTopup[];
} & Record<string, unknown>;

export type ClaimStep = 'processing' | 'discharge_voucher' | 'approved' | 'settled' | 'declined';

/** The admin client's Grow section: what /__admin/grow offers, unwrapped from its envelope. */
export function growClient(http: Transport) {
  const orders = '/__admin/grow/orders';
  return {
    orders: {
      seed: async (order: DeepPartial<Order> = {}) =>
        (await http.call<{ order: Order }>('POST', orders, { body: order })).order,
      patch: async (id: number, patch: DeepPartial<Order>) =>
        (await http.call<{ order: Order }>('PATCH', `${orders}/${segment(id)}`, { body: patch })).order,
      /** The customer pays a pending web-link or card order. */
      pay: async (id: number) =>
        (await http.call<{ order: Order }>('POST', `${orders}/${segment(id)}/payment`)).order,
    },
    claims: {
      /** Moves a claim to a later step now, with every webhook on the way. */
      step: async (id: number, to: ClaimStep, options: { amountApproved?: number } = {}) =>
        (
          await http.call<{ data: ClaimView }>('POST', `/__admin/grow/claims/${segment(id)}/step`, {
            body: { to, amount_approved: options.amountApproved },
          })
        ).data,
    },
    wallet: {
      /** The customer pays a top-up's link: the wallet is credited. */
      payTopup: async (code: string) =>
        (await http.call<{ topup: StoredTopup }>('POST', `/__admin/grow/wallet/topups/${segment(code)}`))
          .topup,
    },
  };
}

export interface WebhookSettings {
  url: string | null;
  secret?: string;
  deliver_twice?: boolean;
}

/** Which deliveries: the server filters event and state; `payload` is a partial match. */
export interface DeliveryMatcher {
  event?: string;
  state?: DeliveryView['state'];
  payload?: unknown;
}

function deliveryCriteria({ event, state, payload }: DeliveryMatcher): Criterion<DeliveryView>[] {
  const criteria: Criterion<DeliveryView>[] = [];
  if (event !== undefined)
    criteria.push({ name: 'event', test: (d) => d.event === event, actual: (d) => d.event, expected: event });
  if (state !== undefined)
    criteria.push({ name: 'state', test: (d) => d.state === state, actual: (d) => d.state, expected: state });
  if (payload !== undefined)
    criteria.push({
      name: 'payload',
      test: (d) => partialMatch(payload, d.payload),
      actual: (d) => JSON.stringify(d.payload),
      expected: JSON.stringify(payload),
    });
  return criteria;
}

/** The webhook section (the simulator's webhooks are Grow's): where they go, and what became of them. */
export function webhooksClient(http: Transport) {
  const list = async (matcher: Omit<DeliveryMatcher, 'payload'> = {}) =>
    (await http.call<{ deliveries: DeliveryView[] }>('GET', '/__admin/webhooks', { query: { ...matcher } }))
      .deliveries;
  return {
    configure: (settings: WebhookSettings) =>
      http.call<Required<WebhookSettings>>('PUT', '/__admin/grow/webhook', { body: settings }),
    settings: () => http.call<Required<WebhookSettings>>('GET', '/__admin/grow/webhook'),
    /** Deliveries, newest first. */
    list,
    redeliver: (id: string) => http.call<DeliveryView>('POST', `/__admin/webhooks/${segment(id)}/redeliver`),
    /** Resolves with the matching deliveries once `count` exist; throws listing the closest after `timeoutMs`. */
    waitFor: (matcher: DeliveryMatcher, options?: WaitOptions) =>
      waitForItems<DeliveryView>(
        {
          wanted: `webhook deliveries matching ${JSON.stringify(matcher)}`,
          list: async (minCount, waitMs) =>
            (
              await http.call<{ deliveries: DeliveryView[] }>('GET', '/__admin/webhooks', {
                query: { event: matcher.event, state: matcher.state, wait_ms: waitMs, min_count: minCount },
              })
            ).deliveries,
          criteria: deliveryCriteria(matcher),
          recent: async () => (await list()).slice(0, 50),
          describe: (d) => `${d.id} ${d.event} ${d.state} → ${d.url}`,
        },
        options,
      ),
  };
}
