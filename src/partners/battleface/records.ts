import { MAX_ORDERS } from '../../admin/order-input.js';
import { collection, counter, declareRecords, list, type RecordsOf } from '../../sandbox/records.js';
import { type ClaimForm, type StoredClaim, StoredClaimSchema } from './schemas/claims.js';
import { EmailSchema, type Order, OrderSchema, PolicyDocumentSchema } from './schemas/orders.js';
import { type Payment, PaymentSchema } from './schemas/payments.js';
import type { Catalogue } from './schemas/products.js';
import { type StoredQuote, StoredQuoteSchema } from './schemas/quotes.js';

/**
 * What a sandbox holds of battleface, in the saved state's order: orders over the shared seed,
 * the policy documents and emails approvals produced, the next policy_file_id, saved quotes, each
 * order's Stripe payment (charge or intent), the next client id, and the claims filed through
 * the Claims API.
 */
export const battlefaceRecords = declareRecords({
  orders: collection(OrderSchema, {
    keyName: 'order_number',
    keyOf: (order: Order) => order.order_number,
    noun: 'The order',
    max: MAX_ORDERS,
  }),
  documents: list(PolicyDocumentSchema),
  emails: list(EmailSchema),
  next_file_id: counter(),
  quotes: collection(StoredQuoteSchema, {
    keyName: 'id',
    keyOf: (quote: StoredQuote) => quote.id,
    noun: 'The quote',
    max: MAX_ORDERS,
  }),
  payments: collection(PaymentSchema, {
    keyName: 'order_number',
    keyOf: (payment: Payment) => payment.order_number,
    noun: 'The payment',
    max: MAX_ORDERS,
  }),
  next_client_id: counter(),
  claims: collection(StoredClaimSchema, {
    keyName: 'claimNumber',
    keyOf: (claim: StoredClaim) => claim.claimNumber,
    noun: 'The claim',
    max: MAX_ORDERS,
  }),
});

export type BattlefaceRecords = RecordsOf<typeof battlefaceRecords.fields>;
/** A sandbox's stores as battleface code sees them: its records, the product catalogue, the claim form. */
export type BattlefaceStores = {
  battleface: BattlefaceRecords;
  battlefaceCatalogue: Catalogue;
  battlefaceClaimForm: ClaimForm;
};

/** What every sandbox starts from: parsed once, frozen, shared by all sandboxes. */
export interface BattlefaceSeed {
  orders: ReadonlyMap<string, Order>;
  /** The products (read only): reference data and pricing rules. */
  catalogue: Catalogue;
  /** The first policy_file_id a sandbox hands out: above every id in the fixtures. */
  firstFileId: number;
  firstClientId: number;
  /** The Claims API's form (read only): Questions answers it, Create Claim is checked against it. */
  claimForm: ClaimForm;
}
