import { join } from 'node:path';
import { deepFreeze, FixtureError, loadJsonFiles } from '../../lib/fixture-files.js';
import type { GrowSeed } from './records.js';
import { type Order, OrderSchema } from './schemas.js';

/** Reads `<fixturesDir>/grow/orders/*.json`, one order per file, in the partner's wire format. */
export function loadGrowSeed(fixturesDir: string): GrowSeed {
  const files = loadJsonFiles(join(fixturesDir, 'grow', 'orders'), OrderSchema);
  return growSeed(files.map(({ file, value }) => ({ file, order: value })));
}

/** Builds the shared seed from orders (tests pass their own small data here). */
export function growSeed(entries: ReadonlyArray<{ file?: string; order: Order }>): GrowSeed {
  const orders = new Map<number, Order>();
  let maxPolicyId = 0;
  for (const { file, order } of entries) {
    if (orders.has(order.id)) {
      throw new FixtureError(`Invalid fixture ${file ?? '(inline)'}: field id: ${order.id} is used twice`);
    }
    orders.set(order.id, deepFreeze(structuredClone(order)));
    maxPolicyId = Math.max(maxPolicyId, order.policy?.id ?? 0);
  }
  return { orders, firstPolicyId: maxPolicyId + 1 };
}
