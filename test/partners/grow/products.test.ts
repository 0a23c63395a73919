import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.js';
import { growCatalogue, growProduct } from '../../support/grow-products.js';

const GIT = growProduct();
const TRAVEL = growProduct({
  id: 9,
  code: 'travel-ke',
  title: 'Travel Basic',
  insurer: {
    code: 'JUBILEE',
    name: 'Jubilee Insurance',
    logo_url: null,
    terms_conditions: null,
    country: 'KE',
  },
  currency: 'KES',
  product_type_id: 14,
  premium_type: 'fixed',
  price: 3500,
  premium_rate: 0,
  premium_rate_unit: 'KES',
  min_premium: 3500,
  partner_commission_rate: 15,
  travel_countries: ['GB'],
});
const MOTOR = growProduct({
  id: 8,
  code: 'motor-3p',
  title: 'Third Party Motor',
  product_type_id: 2,
  premium_type: 'fixed',
  price: 15000,
});

async function app() {
  return testApp({ growCatalogue: growCatalogue([GIT, TRAVEL, MOTOR]) });
}

const gitView = {
  title: 'Goods in Transit Cover',
  id: 4,
  code: 'git-test',
  description: 'Goods by road.',
  insurer: { code: 'AXA', name: 'Axa Mansard', logo_url: null, terms_conditions: null, currency: 'GHS' },
  product_type: { id: 4, name: 'Goods in Transit', slug: 'git', premium_type: 'relative', icon_url: null },
  price: 1500,
  premium_type: 'relative',
  premium_rate: 0.5,
  premium_rate_unit: '%',
  min_premium: '1000.00',
  partner_commission_rate: '2.00',
  premium_frequencies: ['annually'],
};

describe('Grow products', () => {
  it("lists products in Laravel's pagination: data, links, meta", async () => {
    const sim = await app();

    const response = await sim.request({ method: 'GET', url: '/api/v1/products?per_page=1&page=1' });

    const base = 'http://localhost:80/api/v1/products';
    expect(response.json()).toEqual({
      data: [gitView],
      links: { first: `${base}?page=1`, last: `${base}?page=3`, prev: null, next: `${base}?page=2` },
      meta: {
        current_page: 1,
        from: 1,
        last_page: 3,
        links: [
          { url: null, label: '&laquo; Previous', active: false },
          { url: `${base}?page=1`, label: '1', active: true },
          { url: `${base}?page=2`, label: '2', active: false },
          { url: `${base}?page=3`, label: '3', active: false },
          { url: `${base}?page=2`, label: 'Next &raquo;', active: false },
        ],
        path: base,
        per_page: 1,
        to: 1,
        total: 3,
      },
    });
  });

  it('filters by type (auto an alias), title, insurer country and travel country', async () => {
    const sim = await app();
    const ids = async (query: string) =>
      (await sim.request({ method: 'GET', url: `/v1/products?${query}` }))
        .json()
        .data.map((p: { id: number }) => p.id);

    expect(await ids('type=auto')).toEqual([8]);
    expect(await ids('type=git')).toEqual([4]);
    expect(await ids('q=travel')).toEqual([9]);
    expect(await ids('insurer_country=ke')).toEqual([9]);
    expect(await ids('travel_country=GB')).toEqual([9]);
  });

  it('prices products with calculate_premium=1: a relative one by asset value, at least its minimum', async () => {
    const sim = await app();

    const git = await sim.request({
      method: 'GET',
      url: '/v1/products?type=git&calculate_premium=1&asset_value=500000',
    });
    const small = await sim.request({
      method: 'GET',
      url: '/v1/products?type=git&calculate_premium=1&asset_value=1000',
    });
    const fixed = await sim.request({ method: 'GET', url: '/v1/products?type=travel&calculate_premium=1' });

    expect(git.json().data[0].premium).toBe(2500);
    expect(small.json().data[0].premium).toBe(1000);
    expect(fixed.json().data[0].premium).toBe(3500);
  });

  it('answers 422 in Laravel shape for invalid combinations', async () => {
    const sim = await app();

    const noType = await sim.request({ method: 'GET', url: '/v1/products?calculate_premium=1' });
    const noValue = await sim.request({ method: 'GET', url: '/v1/products?type=git&calculate_premium=1' });
    const unknown = await sim.request({ method: 'GET', url: '/v1/products?type=boats&with=everything' });

    expect([noType.statusCode, noType.json()]).toEqual([
      422,
      {
        message: 'The given data was invalid',
        errors: { type: ['The type field is required when calculate premium is 1.'] },
      },
    ]);
    expect(noValue.json()).toEqual({
      message: 'The given data was invalid',
      errors: { asset_value: ['The asset value field is required when calculate premium is 1.'] },
    });
    expect(unknown.json()).toEqual({
      message: 'The given data was invalid',
      errors: { type: ['The selected type is invalid.'], with: ['The selected with is invalid.'] },
    });
  });

  it('reads one product by id or by code, with its cover benefits; 404 otherwise', async () => {
    const sim = await app();

    const byId = await sim.request({ method: 'GET', url: '/v1/products/4' });
    const byCode = await sim.request({ method: 'GET', url: '/v1/products/git-test?using_product_code=1' });
    const missing = await sim.request({ method: 'GET', url: '/v1/products/git-test' });

    expect(byId.json()).toEqual({ data: { ...gitView, cover_benefits: GIT.cover_benefits } });
    expect(byCode.body).toBe(byId.body);
    expect([missing.statusCode, missing.json()]).toEqual([404, { message: 'Product not found' }]);
  });

  it('lists the product types', async () => {
    const sim = await app();

    const response = await sim.request({ method: 'GET', url: '/v1/product-types' });

    expect(response.json().data.slice(0, 2)).toEqual([
      { id: 1, name: 'Health', slug: 'health' },
      { id: 2, name: '3rd Party Auto', slug: '3rd_party_auto' },
    ]);
  });
});
