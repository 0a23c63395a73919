import { MAX_ORDERS } from '../../admin/order-input.js';
import { collection, counter, declareRecords, list, type RecordsOf } from '../../sandbox/records.js';
import type { Throttle } from './laravel/throttle.js';
import { type StoredCustomer, StoredCustomerSchema } from './schemas/customers.js';
import { type Order, OrderSchema, type PendingPolicy, PendingPolicySchema } from './schemas/orders.js';
import type { GrowCatalogue } from './schemas/products.js';
import { type Wallet, WalletSchema, WalletTransactionSchema } from './schemas/purchases.js';
import { type StoredQuote, StoredQuoteSchema } from './schemas/quotes.js';
import type { GrowWebhooks } from './webhooks/dispatcher.js';

/**
 * What a sandbox holds of Grow, in the saved state's order: orders over the shared seed, the next
 * policy id, the policies the insurer still owes (each due at an instant on the sandbox clock), and
 * the partner's customers.
 */
export const growRecords = declareRecords({
  orders: collection(OrderSchema, {
    keyName: 'id',
    keyOf: (order: Order) => order.id,
    noun: 'The order',
    max: MAX_ORDERS,
  }),
  next_policy_id: counter(),
  pending_policies: collection(PendingPolicySchema, {
    keyName: 'order_id',
    keyOf: (pending: PendingPolicy) => pending.order_id,
    noun: 'The pending policy',
  }),
  customers: collection(StoredCustomerSchema, {
    keyName: 'ref',
    keyOf: (customer: StoredCustomer) => customer.ref,
    noun: 'The customer',
    max: MAX_ORDERS,
  }),
  next_customer_id: counter(),
  quotes: collection(StoredQuoteSchema, {
    keyName: 'id',
    keyOf: (quote: StoredQuote) => quote.id,
    noun: 'The quote',
    max: MAX_ORDERS,
  }),
  wallets: collection(WalletSchema, {
    keyName: 'currency',
    keyOf: (wallet: Wallet) => wallet.currency,
    noun: 'The wallet',
  }),
  wallet_transactions: list(WalletTransactionSchema),
});

export type GrowRecords = RecordsOf<typeof growRecords.fields>;
/** A sandbox's stores as Grow code sees them: its records, and its webhook dispatcher and limiter beside them. */
export type GrowStores = {
  grow: GrowRecords;
  growWebhooks: GrowWebhooks;
  growCatalogue: GrowCatalogue;
  /** Laravel's throttle:api for this sandbox's token, when SIM_GROW_THROTTLE is set. */
  growThrottle: Throttle | undefined;
};

/** What every sandbox starts from: parsed once, frozen, shared by all sandboxes. */
export interface GrowSeed {
  orders: ReadonlyMap<number, Order>;
  /** The first policy id a sandbox hands out: above every policy in the fixtures. */
  firstPolicyId: number;
  customers: ReadonlyMap<string, StoredCustomer>;
  firstCustomerId: number;
  wallets: ReadonlyMap<string, Wallet>;
  /** Products and product types (read only). */
  catalogue: GrowCatalogue;
}
