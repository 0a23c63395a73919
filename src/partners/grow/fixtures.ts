import { join } from 'node:path';
import { z } from 'zod';
import { deepFreeze, FixtureError, loadJsonFiles } from '../../lib/fixture-files.js';
import type { GrowSeed } from './records.js';
import { type StoredCustomer, StoredCustomerSchema } from './schemas/customers.js';
import { type Order, OrderSchema } from './schemas/orders.js';
import { CatalogueProductSchema, type GrowCatalogue, ProductTypeSchema } from './schemas/products.js';
import { type Wallet, WalletSchema } from './schemas/purchases.js';

/**
 * Reads `<fixturesDir>/grow/orders/*.json` and `<fixturesDir>/grow/customers/*.json`, one record
 * per file, in the partner's wire format.
 */
export function loadGrowSeed(fixturesDir: string): GrowSeed {
  const orders = loadJsonFiles(join(fixturesDir, 'grow', 'orders'), OrderSchema);
  const customers = loadJsonFiles(join(fixturesDir, 'grow', 'customers'), StoredCustomerSchema);
  const products = loadJsonFiles(join(fixturesDir, 'grow', 'products'), CatalogueProductSchema);
  const types = loadJsonFiles(join(fixturesDir, 'grow', 'product-types'), z.array(ProductTypeSchema));
  const wallets = loadJsonFiles(join(fixturesDir, 'grow', 'wallets'), z.array(WalletSchema));
  return growSeed(
    orders.map(({ file, value }) => ({ file, order: value })),
    customers.map(({ file, value }) => ({ file, customer: value })),
    { products: products.map(({ value }) => value), types: types.flatMap(({ value }) => value) },
    wallets.flatMap(({ value }) => value),
  );
}

/** Builds the shared seed from orders and customers (tests pass their own small data here). */
export function growSeed(
  entries: ReadonlyArray<{ file?: string; order: Order }>,
  customerEntries: ReadonlyArray<{ file?: string; customer: StoredCustomer }> = [],
  catalogue: GrowCatalogue = { products: [], types: [] },
  wallets: readonly Wallet[] = [],
): GrowSeed {
  const codes = catalogue.products.map((product) => product.code);
  const twice = codes.find((code, index) => codes.indexOf(code) !== index);
  if (twice) throw new FixtureError(`Invalid fixture: product code ${twice} is used twice`);
  const orders = new Map<number, Order>();
  let maxPolicyId = 0;
  for (const { file, order } of entries) {
    if (orders.has(order.id)) {
      throw new FixtureError(`Invalid fixture ${file ?? '(inline)'}: field id: ${order.id} is used twice`);
    }
    orders.set(order.id, deepFreeze(structuredClone(order)));
    maxPolicyId = Math.max(maxPolicyId, order.policy?.id ?? 0);
  }
  const customers = new Map<string, StoredCustomer>();
  let maxCustomerId = 0;
  for (const { file, customer } of customerEntries) {
    if (customers.has(customer.ref)) {
      throw new FixtureError(
        `Invalid fixture ${file ?? '(inline)'}: field ref: ${customer.ref} is used twice`,
      );
    }
    customers.set(customer.ref, deepFreeze(structuredClone(customer)));
    maxCustomerId = Math.max(maxCustomerId, customer.id);
  }
  return {
    orders,
    firstPolicyId: maxPolicyId + 1,
    customers,
    firstCustomerId: maxCustomerId + 1,
    catalogue: deepFreeze(structuredClone(catalogue)),
    wallets: new Map(wallets.map((wallet) => [wallet.currency, deepFreeze({ ...wallet })])),
  };
}
