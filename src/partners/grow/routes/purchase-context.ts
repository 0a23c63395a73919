import { purchase } from '../domain/purchases.js';
import type { GrowSandbox } from '../effects.js';
import type { PurchaseRequest } from '../schemas/purchases.js';

/** Reads what a purchase (or a quote) is priced from, and prices it: the one place both do so. */
export function pricePurchase(
  sandbox: GrowSandbox,
  request: PurchaseRequest,
  options: { policyDelayMs: number; baseUrl: string; quoteOnly?: boolean },
) {
  const { grow, growCatalogue } = sandbox.stores;
  const product = growCatalogue.products.find((candidate) => candidate.code === request.product_code);
  return purchase(request, {
    now: sandbox.clock.now(),
    id: grow.orders.highestKey() + 1,
    product,
    productType: growCatalogue.types.find((type) => type.id === product?.product_type_id),
    customer: grow.customers.find(request.customer_ref),
    wallet: product ? grow.wallets.find(product.currency) : undefined,
    ...options,
  });
}
