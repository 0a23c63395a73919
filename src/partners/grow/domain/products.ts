import { GrowError } from '../errors.js';
import type { CatalogueProduct, GrowCatalogue, ProductQuery, ProductType } from '../schemas/products.js';

/** `auto` stands for both motor types (reference §4 /products: "'auto' is an alias"). */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  auto: ['3rd_party_auto', 'comprehensive_auto'],
};

const cents = (amount: number) => Math.round((amount + Number.EPSILON) * 100) / 100;

/**
 * The premium of a product (README, "Grow pricing"): a fixed product costs its price; a relative
 * one its rate (percent) of the asset value, at least its minimum premium.
 */
export function premiumOf(product: CatalogueProduct, assetValue: number | undefined): number {
  if (product.premium_type === 'fixed') return product.price;
  return cents(Math.max(((assetValue ?? 0) * product.premium_rate) / 100, product.min_premium));
}

export interface ProductFilter {
  types: readonly string[] | undefined;
  search: string | undefined;
  insurerCountry: string | undefined;
  travelCountry: string | undefined;
  withBenefits: boolean;
  /** Set when `calculate_premium=1`. */
  assetValue: number | undefined;
  calculate: boolean;
}

/** Laravel's validation of the list's query: the combinations the docs name (INFERENCE: wording). */
export function productFilter(query: ProductQuery, types: readonly ProductType[]): ProductFilter | GrowError {
  const errors: Record<string, string[]> = {};
  const slug = query.type?.toLowerCase();
  const known = slug === undefined || ALIASES[slug] !== undefined || types.some((type) => type.slug === slug);
  if (!known) errors.type = ['The selected type is invalid.'];
  const calculate = query.calculate_premium === '1';
  if (query.calculate_premium !== undefined && !['0', '1'].includes(query.calculate_premium)) {
    errors.calculate_premium = ['The selected calculate premium is invalid.'];
  }
  if (calculate && slug === undefined)
    errors.type = ['The type field is required when calculate premium is 1.'];
  const assetValue = query.asset_value === undefined ? undefined : Number(query.asset_value);
  if (assetValue !== undefined && !(Number.isFinite(assetValue) && assetValue >= 0)) {
    errors.asset_value = ['The asset value must be a number.'];
  }
  const relative = types.find((type) => type.slug === slug)?.premium_type === 'relative' || slug === 'auto';
  if (calculate && relative && assetValue === undefined) {
    errors.asset_value = ['The asset value field is required when calculate premium is 1.'];
  }
  if (query.with !== undefined && !['cover_benefits', 'travel_plans'].includes(query.with)) {
    errors.with = ['The selected with is invalid.'];
  }
  if (Object.keys(errors).length > 0) return new GrowError(422, 'The given data was invalid', errors);
  return {
    types: slug === undefined ? undefined : (ALIASES[slug] ?? [slug]),
    search: query.q,
    insurerCountry: query.insurer_country?.toUpperCase(),
    travelCountry: query.travel_country?.toUpperCase(),
    withBenefits: query.with === 'cover_benefits',
    assetValue,
    calculate,
  };
}

export function matchingProducts(catalogue: GrowCatalogue, filter: ProductFilter): CatalogueProduct[] {
  const slugOf = (product: CatalogueProduct) =>
    catalogue.types.find((type) => type.id === product.product_type_id)?.slug;
  return catalogue.products.filter(
    (product) =>
      product.active &&
      (filter.types === undefined || filter.types.includes(slugOf(product) ?? '')) &&
      (filter.search === undefined || product.title.toLowerCase().includes(filter.search.toLowerCase())) &&
      (filter.insurerCountry === undefined || product.insurer.country === filter.insurerCountry) &&
      (filter.travelCountry === undefined ||
        product.travel_countries.includes('*') ||
        product.travel_countries.includes(filter.travelCountry)),
  );
}

/** A product on the wire; `premium` only when asked to calculate it. */
export function productView(
  product: CatalogueProduct,
  types: readonly ProductType[],
  options: { withBenefits: boolean; premium?: number | undefined },
) {
  const type = types.find((candidate) => candidate.id === product.product_type_id);
  return {
    title: product.title,
    id: product.id,
    code: product.code,
    description: product.description,
    insurer: {
      code: product.insurer.code,
      name: product.insurer.name,
      logo_url: product.insurer.logo_url,
      terms_conditions: product.insurer.terms_conditions,
      currency: product.currency,
    },
    product_type: type ?? {
      id: product.product_type_id,
      name: '',
      slug: '',
      premium_type: product.premium_type,
      icon_url: null,
    },
    price: product.price,
    premium_type: product.premium_type,
    premium_rate: product.premium_rate,
    premium_rate_unit: product.premium_rate_unit,
    min_premium: product.min_premium.toFixed(2),
    partner_commission_rate: product.partner_commission_rate.toFixed(2),
    premium_frequencies: product.premium_frequencies,
    ...(options.withBenefits ? { cover_benefits: product.cover_benefits } : {}),
    ...(options.premium === undefined ? {} : { premium: options.premium }),
  };
}
