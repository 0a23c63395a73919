import { describe, expect, it } from 'vitest';
import { price, selectPackages, tripLength } from '../../../../src/partners/battleface/domain/pricing.js';
import { battlefaceProduct } from '../../../support/battleface-products.js';

// The engine without HTTP: a product's rules and a trip in, the price (or its problems) out.

const product = battlefaceProduct();
const selection = (
  packages: Parameters<typeof selectPackages>[1],
  extra: { deductible?: number; discount?: number } = {},
) => {
  const problems: string[] = [];
  const chosen = selectPackages(product, packages, problems);
  return {
    problems,
    selection: { packages: chosen, deductible: extra.deductible ?? null, discount: extra.discount ?? 0 },
  };
};

describe('the battleface pricing engine', () => {
  it('counts the first and last day of a trip', () => {
    expect(tripLength('2022-12-12', '2022-12-24')).toBe(13);
    expect(tripLength('2024-06-01', '2024-06-01')).toBe(1);
  });

  it('prices each package per traveller, taxes on top, to the cent', () => {
    const { selection: chosen } = selection([
      'cancel',
      { id: 'gadget', limits: [{ type: 'benefit_limit', for: 'gadget', value: '1000' }] },
    ]);
    const problems: string[] = [];

    const priced = price(
      {
        product,
        startDate: '2024-06-01',
        endDate: '2024-06-07',
        applicants: [{ age: 30, trip_cost: 1000 }],
        selection: chosen,
      },
      problems,
    );

    expect(problems).toEqual([]);
    // base 50, cancel 5% of 1000 = 50, gadget 12 × 1.5 = 18: net 118, stamp duty 11.80.
    expect(priced.packages.map((pkg) => [pkg.pkg.alias, pkg.amount, pkg.limit])).toEqual([
      ['base', 55, null],
      ['cancel', 55, null],
      ['gadget', 19.8, '1000'],
    ]);
    expect(priced).toMatchObject({
      tripLength: 7,
      stampDuty: 11.8,
      witholding: null,
      subtotal: 129.8,
      commission: 23.6,
      discount: 0,
      minimumTopUp: 0,
      quotedPrice: 129.8,
    });
  });

  it('applies age factors, the deductible on its packages, a discount within the commission, and the minimum', () => {
    const { selection: older } = selection([], { deductible: 100, discount: 5 });
    const problems: string[] = [];

    const priced = price(
      {
        product,
        startDate: '2024-06-01',
        endDate: '2024-06-20',
        applicants: [{ age: 70, trip_cost: 0 }],
        selection: older,
      },
      problems,
    );

    // base: 80 (20 days) × 2 (age 70) × 0.9 (deductible 100) = 144, + 14.40 duty = 158.40, less 5.
    expect(problems).toEqual([]);
    expect(priced).toMatchObject({
      subtotal: 158.4,
      commission: 28.8,
      discount: 5,
      minimumTopUp: 0,
      quotedPrice: 153.4,
    });

    const { selection: cheap } = selection([]);
    const tiny = battlefaceProduct({ minimum_premium: 100 });
    const topped = price(
      {
        product: tiny,
        startDate: '2024-06-01',
        endDate: '2024-06-02',
        applicants: [{ age: 20, trip_cost: 0 }],
        selection: cheap,
      },
      problems,
    );
    // 55 is below the 100 minimum: 45 is added.
    expect(topped).toMatchObject({ subtotal: 55, minimumTopUp: 45, quotedPrice: 100 });
  });

  it('names every problem: unknown and moved packages, limits, too long, too old, discount above commission', () => {
    const { problems, selection: chosen } = selection([
      'nope',
      19,
      { id: 'gadget', limits: [{ type: 'benefit_limit', for: 'gadget', value: '750' }] },
    ]);
    expect(problems).toEqual([
      'Unknown package nope for product 5001.',
      'Package id 19 has changed: send the alias base instead.',
      'Limit 750 for gadget is not offered: choose 500, 1000.',
    ]);

    const more: string[] = [];
    price(
      {
        product,
        startDate: '2024-06-01',
        endDate: '2024-07-15',
        applicants: [{ age: 90, trip_cost: 0 }],
        selection: { ...chosen, discount: 1000, deductible: 50 },
      },
      more,
    );
    expect(more).toEqual([
      'Deductible 50 is not offered: choose 0, 100.',
      'A trip of 45 days is longer than Base covers (30 days).',
      // Gadget (12) is still priced: its 20% commission is 2.40.
      'Discount 1000 exceeds your commission of 2.4 on this quote.',
    ]);
  });
});
