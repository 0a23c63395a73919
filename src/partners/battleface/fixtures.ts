import { join } from 'node:path';
import { deepFreeze, FixtureError, loadJsonFiles } from '../../lib/fixture-files.js';
import type { BattlefaceSeed } from './records.js';
import { type ClaimForm, ClaimFormSchema } from './schemas/claims.js';
import { type Order, OrderSchema } from './schemas/orders.js';
import { type Catalogue, type Product, ProductSchema } from './schemas/products.js';

/**
 * Reads `<fixturesDir>/battleface/orders/*.json` (one order per file) and
 * `<fixturesDir>/battleface/products/*.json` (one product per file), in the partner's formats,
 * and the Claims API's form, `<fixturesDir>/battleface/claims/*.json` (one file, optional).
 */
export function loadBattlefaceSeed(fixturesDir: string): BattlefaceSeed {
  const orders = loadJsonFiles(join(fixturesDir, 'battleface', 'orders'), OrderSchema);
  const products = loadJsonFiles(join(fixturesDir, 'battleface', 'products'), ProductSchema);
  const forms = loadJsonFiles(join(fixturesDir, 'battleface', 'claims'), ClaimFormSchema);
  if (forms.length > 1) {
    throw new FixtureError(
      `Invalid fixtures: battleface/claims/ holds one claim form; found ${forms.map(({ file }) => file).join(', ')}`,
    );
  }
  return battlefaceSeed(
    orders.map(({ file, value }) => ({ file, order: value })),
    products.map(({ file, value }) => ({ file, product: value })),
    forms[0]?.value,
  );
}

/** Builds the shared seed from orders and products (tests pass their own small data here). */
export function battlefaceSeed(
  entries: ReadonlyArray<{ file?: string; order: Order }>,
  products: ReadonlyArray<{ file?: string; product: Product }> = [],
  claimForm: ClaimForm = NO_CLAIM_FORM,
): BattlefaceSeed {
  const orders = new Map<string, Order>();
  let maxFileId = 0;
  let maxClientId = 0;
  for (const { file, order } of entries) {
    if (orders.has(order.order_number)) {
      throw new FixtureError(
        `Invalid fixture ${file ?? '(inline)'}: field order_number: ${order.order_number} is used twice`,
      );
    }
    orders.set(order.order_number, deepFreeze(structuredClone(order)));
    maxClientId = Math.max(maxClientId, order.client_id);
    for (const item of order.items) maxFileId = Math.max(maxFileId, item.policy_file_id ?? 0);
  }
  return {
    orders,
    catalogue: catalogueOf(products),
    // New documents get ids above every fixture's, in the range the partner's example uses (11249).
    firstFileId: Math.max(maxFileId + 1, 11250),
    // INFERENCE (reference §6): client ids are the partner's numbering of its customers; a new
    // sandbox numbers from the Dynamic Order example's 123, above every fixture's.
    firstClientId: Math.max(maxClientId + 1, 123),
    claimForm: deepFreeze(structuredClone(claimForm)),
  };
}

/** Without a form file, Questions answers a form with no parts and a claim needs no field. */
const NO_CLAIM_FORM: ClaimForm = { displayType: 'part', inputs: [] };

function catalogueOf(products: ReadonlyArray<{ file?: string; product: Product }>): Catalogue {
  const byId = new Map<number, Product>();
  const byUuid = new Map<string, Product>();
  for (const { file, product } of products) {
    const where = `Invalid fixture ${file ?? '(inline)'}`;
    if (byId.has(product.id))
      throw new FixtureError(`${where}: field id: product ${product.id} is used twice`);
    if (byUuid.has(product.uuid))
      throw new FixtureError(`${where}: field uuid: ${product.uuid} is used by two products`);
    const aliases = product.packages.map((pkg) => pkg.alias);
    const twice = aliases.find((alias, index) => aliases.indexOf(alias) !== index);
    if (twice) throw new FixtureError(`${where}: field packages: alias ${twice} is used twice`);
    const frozen = deepFreeze(structuredClone(product));
    byId.set(product.id, frozen);
    byUuid.set(product.uuid, frozen);
  }
  return { byId, byUuid };
}
