import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_FIXTURES_DIR } from '../../src/config.js';
import { loadJsonFiles } from '../../src/lib/fixture-files.js';
import { type ClaimForm, ClaimFormSchema } from '../../src/partners/battleface/schemas/claims.js';
import { type Product, ProductSchema } from '../../src/partners/battleface/schemas/products.js';

/** The shipped product catalogue (fixtures/battleface/products/), as the published examples use it. */
export function bundledProducts(): Product[] {
  return loadJsonFiles(join(BUNDLED_FIXTURES_DIR, 'battleface', 'products'), ProductSchema).map(
    ({ value }) => value,
  );
}

/** A published example, verbatim, as its file holds it (without the file's last newline). */
export function publishedExample(file: string): string {
  return readFileSync(join(BUNDLED_FIXTURES_DIR, 'battleface', 'published', file), 'utf8').replace(/\n$/, '');
}

/**
 * A small product with easy numbers, for tests that work prices out by hand: AUD, 10% stamp duty,
 * 20% commission, a 30 minimum; hosts AU (NSW, VIC) and NZ (AUK); base (50 up to 10 days, 80
 * up to 30; age factor 2 from 61), cancel (5% of the trip cost, at least 5), gadget (12, limit
 * 500 or 1000 at ×1.5).
 */
export function battlefaceProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: 5001,
    uuid: '5001aaaa-0000-4000-8000-000000005001',
    name: 'Test Cover',
    program_id: 7,
    major_id: 7,
    minor_id: 70,
    active: true,
    currency: 'AUD',
    commission_percentage: 20,
    minimum_premium: 30,
    taxes: { stamp_duty: 0.1, witholding: null },
    deductibles: { '0': 1, '100': 0.9 },
    host_countries: [
      {
        id: 1,
        code: 'AU',
        name: 'Australia',
        is_disabled: false,
        aliases: [],
        alternative_names: [],
        states: [
          { id: 100, state_ref: 1, code: 'NSW', name: 'New South Wales', is_disabled: false },
          { id: 101, state_ref: 2, code: 'VIC', name: 'Victoria', is_disabled: true },
        ],
      },
      {
        id: 2,
        code: 'NZ',
        name: 'New Zealand',
        is_disabled: false,
        aliases: [],
        alternative_names: [],
        states: [{ id: 200, state_ref: 3, code: 'AUK', name: 'Auckland', is_disabled: false }],
      },
    ],
    destinations: [
      { code: 'JP', name: 'Japan', is_disabled: false, risk_index: 1 },
      { code: 'US', name: 'United States', is_disabled: false, risk_index: 3 },
    ],
    packages: [
      {
        package_id: 10,
        product_package_id: 20,
        alias: 'base',
        name: 'Base',
        required: true,
        has_deductible: true,
        pricing: {
          kind: 'trip_length',
          bands: [
            { max_days: 10, amount: 50 },
            { max_days: 30, amount: 80 },
          ],
          ages: [
            { max_age: 60, factor: 1 },
            { max_age: 80, factor: 2 },
          ],
        },
        retired_product_package_ids: [19],
        coverages: [],
      },
      {
        package_id: 11,
        product_package_id: 21,
        alias: 'cancel',
        name: 'Cancel',
        required: false,
        has_deductible: false,
        pricing: { kind: 'trip_cost', rate: 0.05, minimum: 5 },
        coverages: [],
      },
      {
        package_id: 12,
        product_package_id: 22,
        alias: 'gadget',
        name: 'Gadget',
        required: false,
        has_deductible: false,
        pricing: { kind: 'flat', amount: 12 },
        limits: [{ for: 'gadget', values: { '500': 1, '1000': 1.5 } }],
        coverages: [],
      },
    ],
    ...overrides,
  };
}

/** The shipped Claims API form (fixtures/battleface/claims/form.json). */
export function bundledClaimForm(): ClaimForm {
  const [form] = loadJsonFiles(join(BUNDLED_FIXTURES_DIR, 'battleface', 'claims'), ClaimFormSchema);
  if (!form) throw new Error('fixtures/battleface/claims/ holds no form');
  return form.value;
}
