import { join } from 'node:path';
import { deepFreeze, FixtureError, loadJsonFiles } from '../../lib/fixture-files.js';
import type { BattlefaceSeed } from './records.js';
import { type Order, OrderSchema } from './schemas.js';

/** Reads `<fixturesDir>/battleface/orders/*.json`, one order per file, in the partner's wire format. */
export function loadBattlefaceSeed(fixturesDir: string): BattlefaceSeed {
  const files = loadJsonFiles(join(fixturesDir, 'battleface', 'orders'), OrderSchema);
  return battlefaceSeed(files.map(({ file, value }) => ({ file, order: value })));
}

/** Builds the shared seed from orders (tests pass their own small data here). */
export function battlefaceSeed(entries: ReadonlyArray<{ file?: string; order: Order }>): BattlefaceSeed {
  const orders = new Map<string, Order>();
  let maxFileId = 0;
  for (const { file, order } of entries) {
    if (orders.has(order.order_number)) {
      throw new FixtureError(
        `Invalid fixture ${file ?? '(inline)'}: field order_number: ${order.order_number} is used twice`,
      );
    }
    orders.set(order.order_number, deepFreeze(structuredClone(order)));
    for (const item of order.items) maxFileId = Math.max(maxFileId, item.policy_file_id ?? 0);
  }
  // New documents get ids above every fixture's, in the range the partner's example uses (11249).
  return { orders, firstFileId: Math.max(maxFileId + 1, 11250) };
}
