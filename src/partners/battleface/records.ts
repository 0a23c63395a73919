import { MAX_ORDERS } from '../../admin/order-input.js';
import { collection, counter, declareRecords, list, type RecordsOf } from '../../sandbox/records.js';
import { EmailSchema, type Order, OrderSchema, PolicyDocumentSchema } from './schemas.js';

/**
 * What a sandbox holds of battleface, in the saved state's order: orders over the shared seed,
 * the policy documents and emails approvals produced, and the next policy_file_id.
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
});

export type BattlefaceRecords = RecordsOf<typeof battlefaceRecords.fields>;
/** A sandbox's stores as battleface code sees them. */
export type BattlefaceStores = { battleface: BattlefaceRecords };

/** What every sandbox starts from: parsed once, frozen, shared by all sandboxes. */
export interface BattlefaceSeed {
  orders: ReadonlyMap<string, Order>;
  /** The first policy_file_id a sandbox hands out: above every id in the fixtures. */
  firstFileId: number;
}
