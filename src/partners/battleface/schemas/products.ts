import { z } from 'zod';

// A product as its fixture declares it (fixtures/battleface/products/<id>.json): what battleface
// keeps per product and never publishes whole. The reference data routes answer from it, and the
// pricing engine (domain/pricing.ts) prices quotes and orders by its rules.

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a lower-case uuid');
const amount = z.number().nonnegative();

const BandSchema = z.strictObject({ max_days: z.int().positive(), amount });
const AgeFactorSchema = z.strictObject({ max_age: z.int().positive(), factor: z.number().positive() });

/** How a package's price is made, per applicant, before limits, deductibles and taxes. */
export const PricingRuleSchema = z.discriminatedUnion('kind', [
  /** By trip length (days, first and last included), then by age. */
  z.strictObject({
    kind: z.literal('trip_length'),
    bands: z.array(BandSchema).min(1),
    ages: z.array(AgeFactorSchema).min(1).optional(),
  }),
  /** A share of the applicant's trip cost, with an optional floor. */
  z.strictObject({ kind: z.literal('trip_cost'), rate: z.number().positive(), minimum: amount.optional() }),
  z.strictObject({ kind: z.literal('flat'), amount }),
  /** An amount per reservation (vacation rentals). */
  z.strictObject({ kind: z.literal('per_reservation'), amount }),
]);
export type PricingRule = z.infer<typeof PricingRuleSchema>;

export const PackageSchema = z.strictObject({
  /** The id quotes show (`details[].package_id`). */
  package_id: z.int().positive(),
  /** The id orders show (`product_package_id`); integer ids drift, aliases do not (reference §8). */
  product_package_id: z.int().positive(),
  alias: z.string().regex(/^[a-z_]+$/),
  name: z.string(),
  /** Always priced, whether asked for or not. */
  required: z.boolean(),
  has_deductible: z.boolean(),
  pricing: PricingRuleSchema,
  /** Benefit limits a request may choose (`limits[].value`), each with its price factor. */
  limits: z
    .array(z.strictObject({ for: z.string(), values: z.record(z.string(), z.number().positive()) }))
    .optional(),
  reservations: z.array(z.strictObject({ for: z.string(), max: z.int().positive() })).optional(),
  /** Earlier ids of this package: a request naming one is told the package moved. */
  retired_product_package_ids: z.array(z.int().positive()).optional(),
  levels: z
    .array(z.strictObject({ id: z.int(), amount: z.number(), detail: z.string(), level_id: z.int() }))
    .optional(),
  coverages: z.array(z.unknown()),
});
export type Package = z.infer<typeof PackageSchema>;

const StateSchema = z.strictObject({
  /** The host-country-state id (11050 …). */
  id: z.int().positive(),
  /** The id of the state itself, another id space (91 …). */
  state_ref: z.int().positive(),
  code: z.string(),
  name: z.string(),
  is_disabled: z.boolean(),
});

export const HostCountrySchema = z.strictObject({
  id: z.int().positive(),
  code: z.string().length(2),
  name: z.string(),
  is_disabled: z.boolean(),
  aliases: z.array(z.strictObject({ alias: z.string() })),
  alternative_names: z.array(z.strictObject({ name: z.string() })),
  states: z.array(StateSchema),
});
export type HostCountry = z.infer<typeof HostCountrySchema>;

export const ProductSchema = z.strictObject({
  id: z.int().positive(),
  uuid,
  name: z.string(),
  program_id: z.int().positive(),
  major_id: z.int(),
  minor_id: z.int(),
  active: z.boolean(),
  currency: z.string().length(3),
  /** The partner's commission: discounts may not exceed it (reference §3 #1). */
  commission_percentage: z.number().min(0).max(100),
  /** The least a quote costs; below it the difference is added as `minimums.amount`. */
  minimum_premium: amount,
  /** Rates on the net premium; null where the product has none (the quote shows null). */
  taxes: z.strictObject({
    stamp_duty: z.number().nonnegative().nullable(),
    witholding: z.number().nonnegative().nullable(),
  }),
  /** Price factor of each allowed deductible (0, 100, 200, 250), on packages with one. */
  deductibles: z.record(z.string().regex(/^\d+$/), z.number().positive()),
  host_countries: z.array(HostCountrySchema).min(1),
  destinations: z.array(
    z.strictObject({
      code: z.string().length(2),
      name: z.string(),
      is_disabled: z.boolean(),
      risk_index: z.int(),
    }),
  ),
  packages: z.array(PackageSchema).min(1),
});
export type Product = z.infer<typeof ProductSchema>;

/** The catalogue every sandbox reads: products by id and by uuid. */
export interface Catalogue {
  byId: ReadonlyMap<number, Product>;
  byUuid: ReadonlyMap<string, Product>;
}
