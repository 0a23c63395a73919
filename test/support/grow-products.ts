import type {
  CatalogueProduct,
  GrowCatalogue,
  ProductType,
} from '../../src/partners/grow/schemas/products.js';

export const TYPES: ProductType[] = [
  { id: 1, name: 'Health', slug: 'health', premium_type: 'fixed', icon_url: null },
  { id: 2, name: '3rd Party Auto', slug: '3rd_party_auto', premium_type: 'fixed', icon_url: null },
  { id: 4, name: 'Goods in Transit', slug: 'git', premium_type: 'relative', icon_url: null },
  {
    id: 10,
    name: 'Comprehensive Auto',
    slug: 'comprehensive_auto',
    premium_type: 'relative',
    icon_url: null,
  },
  { id: 14, name: 'Travel', slug: 'travel', premium_type: 'fixed', icon_url: null },
];

/** A small Grow product for one test: AXA goods in transit, 0.5 % of the asset, at least 1000 GHS. */
export function growProduct(overrides: Partial<CatalogueProduct> = {}): CatalogueProduct {
  return {
    id: 4,
    code: 'git-test',
    title: 'Goods in Transit Cover',
    description: 'Goods by road.',
    insurer: { code: 'AXA', name: 'Axa Mansard', logo_url: null, terms_conditions: null, country: 'NG' },
    currency: 'GHS',
    product_type_id: 4,
    premium_type: 'relative',
    price: 1500,
    premium_rate: 0.5,
    premium_rate_unit: '%',
    min_premium: 1000,
    partner_commission_rate: 2,
    premium_frequencies: ['annually'],
    cover_benefits: [
      { id: 40, cover: 'Accidental Damage', benefit: 'Pays for damaged goods', description: null },
    ],
    travel_countries: [],
    active: true,
    ...overrides,
  };
}

export function growCatalogue(products: CatalogueProduct[]): GrowCatalogue {
  return { products, types: TYPES };
}
