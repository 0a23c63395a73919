import { MAX_ORDERS } from '../../admin/order-input.js';
import { duplicates } from '../../lib/duplicates.js';
import type { Sandbox } from '../../sandbox/sandboxes.js';
import type { PartnerState } from '../module.js';
import { type BattlefaceState, BattlefaceStateSchema } from './schemas.js';
import type { BattlefaceStore } from './store.js';

export type BattlefaceStores = { battleface: BattlefaceStore };

/** battleface's part of a saved state: orders (unique order numbers), documents, outbox, numbering. */
export const battlefaceState: PartnerState<BattlefaceStores, BattlefaceState> = {
  schema: BattlefaceStateSchema.extend({
    orders: BattlefaceStateSchema.shape.orders.max(MAX_ORDERS),
  }).superRefine((state, context) => {
    const issues = duplicates(
      state.orders.map((order) => order.order_number),
      ['orders'],
      'order_number',
    );
    for (const issue of issues) context.addIssue({ code: 'custom', ...issue });
  }),
  snapshot: (sandbox: Sandbox<BattlefaceStores>) => sandbox.stores.battleface.snapshot(),
  restore: (sandbox, state) => sandbox.stores.battleface.restore(state),
};
