import { type DeepPartial, segment, type Transport } from '../../admin/client/transport.js';
import type { Email, Order, PolicyDocument } from './schemas/orders.js';
import type { StoredQuote } from './schemas/quotes.js';

/** battleface's part of a saved state: the collections typed, the rest as saved. */
export type BattlefaceState = {
  orders: Order[];
  quotes: StoredQuote[];
  emails: Email[];
  documents: PolicyDocument[];
} & Record<string, unknown>;

/** The admin client's battleface section: what /__admin/battleface offers, unwrapped from `data`. */
export function battlefaceClient(http: Transport) {
  const orders = '/__admin/battleface/orders';
  const quotes = '/__admin/battleface/quotes';
  const data = async <T>(call: Promise<{ data: T }>) => (await call).data;
  return {
    orders: {
      /** Adds an order; defaults fill what `order` leaves out. */
      seed: (order: DeepPartial<Order> = {}) =>
        data(http.call<{ data: Order }>('POST', orders, { body: order })),
      /** Changes any field (JSON Merge Patch), status included. */
      patch: (orderNumber: string, patch: DeepPartial<Order>) =>
        data(http.call<{ data: Order }>('PATCH', `${orders}/${segment(orderNumber)}`, { body: patch })),
      /** The customer paid on Stripe's page (`succeeded`) or did not (`failed`). */
      settleIntent: (orderNumber: string, outcome: 'succeeded' | 'failed') =>
        data(
          http.call<{ data: Order }>('POST', `${orders}/${segment(orderNumber)}/payment/intent`, {
            body: { outcome },
          }),
        ),
      /** Cancels the order as battleface would. */
      cancel: (orderNumber: string) =>
        data(http.call<{ data: Order }>('POST', `${orders}/${segment(orderNumber)}/cancel`)),
    },
    quotes: {
      seed: (quote: DeepPartial<StoredQuote> = {}) =>
        data(http.call<{ data: StoredQuote }>('POST', quotes, { body: quote })),
      patch: (id: string, patch: DeepPartial<StoredQuote>) =>
        data(http.call<{ data: StoredQuote }>('PATCH', `${quotes}/${segment(id)}`, { body: patch })),
    },
    /** Policy emails approvals sent (the outbox). */
    emails: async () => (await http.call<{ emails: Email[] }>('GET', '/__admin/battleface/emails')).emails,
    documents: async () =>
      (await http.call<{ documents: PolicyDocument[] }>('GET', '/__admin/battleface/documents')).documents,
  };
}
