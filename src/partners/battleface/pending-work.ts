import type { PendingWork } from '../module.js';
import type { BattlefaceStores } from './records.js';

/** Open payment intents that pay themselves at succeeds_at (approvals.ts, scheduleIntentSuccess). */
export function battlefacePendingWork(sandbox: { stores: BattlefaceStores }): PendingWork[] {
  return sandbox.stores.battleface.payments
    .list()
    .filter((payment) => payment.method === 'intent' && payment.status === 'requires_payment')
    .flatMap((payment) =>
      payment.succeeds_at === null
        ? []
        : [
            {
              kind: 'intent succeeds',
              subject: `order ${payment.order_number}`,
              due_at: payment.succeeds_at,
            },
          ],
    );
}
