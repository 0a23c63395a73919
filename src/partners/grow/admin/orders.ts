import { seedableCollectionRoutes } from '../../../admin/collection-routes.js';
import { newOrder, withIssuedPolicy } from '../domain/new-order.js';
import type { GrowStores } from '../records.js';
import { idFromPath, type Order, OrderEnvelopeSchema, OrderSchema } from '../schemas/orders.js';

/** Seed and shape Grow orders. */
export const growOrderAdminRoutes = seedableCollectionRoutes<GrowStores, number, Order>({
  path: 'grow/orders',
  keyName: 'id',
  noun: 'Grow order',
  plural: 'orders',
  schema: OrderSchema,
  envelope: OrderEnvelopeSchema,
  wrap: (order) => ({ order }),
  collectionOf: (sandbox) => sandbox.stores.grow.orders,
  keyFromPath: idFromPath,
  build: (partial, sandbox) =>
    newOrder(partial, {
      now: sandbox.clock.now(),
      ids: sandbox.ids,
      id: sandbox.stores.grow.orders.highestKey() + 1,
    }),
  // A new order that says policy_created but names no policy gets one issued.
  complete: (order, partial, sandbox, baseUrl) =>
    withIssuedPolicy(order, partial, () => sandbox.stores.grow.next_policy_id.take(), baseUrl),
  // The policy owed to the old id is no longer owed (the order it was for is gone).
  rekeyed: (sandbox, oldId) => sandbox.stores.grow.pending_policies.remove(oldId),
});
