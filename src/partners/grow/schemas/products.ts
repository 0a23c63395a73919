import { z } from 'zod';
import { paginatedSchema } from './pagination.js';

// Products (reference §4 /products; examples §1–§3). No Curacel page shows a whole product; the
// wire shape is the raw product objects a third party relays (CreditChek: `insurer.currency`,
// `product_type`, snake_case `cover_benefits`) plus the pricing fields a second integrator types
// (`premium_type`, `premium_rate_unit`, `partner_commission_rate` as a string), INFERENCE.

export const ProductTypeSchema = z.strictObject({
  id: z.int().positive(),
  name: z.string(),
  slug: z.string(),
  premium_type: z.enum(['fixed', 'relative']),
  icon_url: z.string().nullable(),
});
export type ProductType = z.infer<typeof ProductTypeSchema>;

const BenefitSchema = z.strictObject({
  id: z.int(),
  cover: z.string(),
  benefit: z.string(),
  description: z.string().nullable(),
});

/** A product as its fixture declares it (fixtures/grow/products/). */
export const CatalogueProductSchema = z.strictObject({
  id: z.int().positive(),
  code: z.string().min(1),
  title: z.string(),
  description: z.string(),
  insurer: z.strictObject({
    code: z.string(),
    name: z.string(),
    logo_url: z.string().nullable(),
    terms_conditions: z.string().nullable(),
    /** Where the insurer is based (ISO alpha-2), for `insurer_country`; not on the wire. */
    country: z.string().length(2),
  }),
  currency: z.enum(['NGN', 'GHS', 'KES', 'USD']),
  product_type_id: z.int().positive(),
  premium_type: z.enum(['fixed', 'relative']),
  /** A fixed product's premium; for a relative one, the price shown before an asset value. */
  price: z.number().nonnegative(),
  /** A relative product's rate, in percent of the asset value. */
  premium_rate: z.number().nonnegative(),
  premium_rate_unit: z.string(),
  min_premium: z.number().nonnegative(),
  /** The partner's commission, in percent of the premium. */
  partner_commission_rate: z.number().min(0).max(100),
  premium_frequencies: z.array(z.string()).min(1),
  cover_benefits: z.array(BenefitSchema),
  /** Countries a travel product covers (ISO alpha-2; `*` for worldwide). */
  travel_countries: z.array(z.string()),
  active: z.boolean(),
  /** The most the insurer pays on one claim (its offer is capped there); none when absent. */
  claim_limit: z.number().positive().nullable().optional(),
});
export type CatalogueProduct = z.infer<typeof CatalogueProductSchema>;

export interface GrowCatalogue {
  products: readonly CatalogueProduct[];
  types: readonly ProductType[];
}

/** A product on the wire. */
export const ProductViewSchema = z.strictObject({
  title: z.string(),
  id: z.int(),
  code: z.string(),
  description: z.string(),
  insurer: z.strictObject({
    code: z.string(),
    name: z.string(),
    logo_url: z.string().nullable(),
    terms_conditions: z.string().nullable(),
    currency: z.string(),
  }),
  product_type: ProductTypeSchema,
  price: z.number(),
  premium_type: z.string(),
  premium_rate: z.number(),
  premium_rate_unit: z.string(),
  min_premium: z.string(),
  partner_commission_rate: z.string(),
  premium_frequencies: z.array(z.string()),
  cover_benefits: z.array(BenefitSchema).optional(),
  /** With `calculate_premium=1`: the premium for the inputs given. */
  premium: z.number().optional(),
});

export const ProductListSchema = paginatedSchema(ProductViewSchema);
export const ProductEnvelopeSchema = z.strictObject({ data: ProductViewSchema });
export const ProductTypeListSchema = z.strictObject({
  data: z.array(z.strictObject({ id: z.int(), name: z.string(), slug: z.string() })),
});

export const ProductQuerySchema = z.object({
  q: z.string().optional(),
  page: z.string().optional(),
  per_page: z.string().optional(),
  type: z.string().optional(),
  with: z.string().optional(),
  insurer_country: z.string().optional(),
  travel_country: z.string().optional(),
  calculate_premium: z.string().optional(),
  asset_value: z.string().optional(),
  using_product_code: z.string().optional(),
});
export type ProductQuery = z.infer<typeof ProductQuerySchema>;

export const ProductParamsSchema = z.object({ id: z.string() });
