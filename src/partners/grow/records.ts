import { MAX_ORDERS } from '../../admin/order-input.js';
import { collection, counter, declareRecords, list, type RecordsOf } from '../../sandbox/records.js';
import type { Sandbox } from '../../sandbox/sandboxes.js';
import type { ClaimDelays } from './domain/claims.js';
import type { Throttle } from './laravel/throttle.js';
import { type Attachment, AttachmentSchema } from './schemas/attachments.js';
import { type StoredClaim, StoredClaimSchema } from './schemas/claims.js';
import { type StoredCustomer, StoredCustomerSchema } from './schemas/customers.js';
import { type Instalment, InstalmentSchema } from './schemas/instalments.js';
import {
  type IssuedPolicy,
  IssuedPolicySchema,
  type Order,
  OrderSchema,
  type PendingPolicy,
  PendingPolicySchema,
} from './schemas/orders.js';
import type { GrowCatalogue } from './schemas/products.js';
import { type Wallet, WalletSchema, WalletTransactionSchema } from './schemas/purchases.js';
import { type StoredQuote, StoredQuoteSchema } from './schemas/quotes.js';
import { type StoredTopup, StoredTopupSchema } from './schemas/wallet.js';
import type { GrowWebhooks } from './webhooks/dispatcher.js';

/**
 * What a sandbox holds of Grow, in the saved state's order: orders over the shared seed, the next
 * policy id, the policies the insurer still owes (each due at an instant on the sandbox clock), the
 * partner's customers, quotes, wallets and their transactions, claims (with their discharge
 * vouchers), and when each policy the simulator issued was issued.
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
  claims: collection(StoredClaimSchema, {
    keyName: 'id',
    keyOf: (claim: StoredClaim) => claim.id,
    noun: 'The claim',
    max: MAX_ORDERS,
  }),
  next_claim_id: counter(),
  next_voucher_id: counter(),
  attachments: collection(AttachmentSchema, {
    keyName: 'id',
    keyOf: (attachment: Attachment) => attachment.id,
    noun: 'The attachment',
    max: MAX_ORDERS,
  }),
  next_attachment_id: counter(),
  topups: collection(StoredTopupSchema, {
    keyName: 'code',
    keyOf: (topup: StoredTopup) => topup.code,
    noun: 'The top-up',
    max: MAX_ORDERS,
  }),
  instalments: collection(InstalmentSchema, {
    keyName: 'id',
    keyOf: (instalment: Instalment) => instalment.id,
    noun: 'The instalment',
    max: 12 * MAX_ORDERS,
  }),
  next_instalment_id: counter(),
  issued_policies: collection(IssuedPolicySchema, {
    keyName: 'policy_id',
    keyOf: (issued: IssuedPolicy) => issued.policy_id,
    noun: 'The issued policy',
    max: MAX_ORDERS,
  }),
});

export type GrowRecords = RecordsOf<typeof growRecords.fields>;
/** A sandbox's stores as Grow code sees them: its records, and its webhook dispatcher, claim delays and limiter beside them. */
export type GrowStores = {
  grow: GrowRecords;
  growWebhooks: GrowWebhooks;
  growCatalogue: GrowCatalogue;
  /** The insurer's claim step delays (SIM_GROW_CLAIM_*_MS). */
  growClaimDelays: ClaimDelays;
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

/** The part of a sandbox Grow's effects work on. */
export type GrowSandbox = Pick<Sandbox<GrowStores>, 'clock' | 'stores' | 'ids'>;
