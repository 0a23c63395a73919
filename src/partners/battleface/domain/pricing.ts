import type { Catalogue, Package, Product } from '../schemas/products.js';
import type { PackageRequest, Selection } from '../schemas/quotes.js';

// The pricing engine: deterministic, from the product's rules in its fixture (README, "Pricing").
// Per applicant and package: the rule's amount (trip length × age factor, a share of the trip
// cost, flat, or per reservation), times the chosen limit's factor, times the deductible's factor
// on packages with one; taxes on top of that net amount. Each applicant's amount is rounded to the
// cent before anything is summed, so a quote, the order made from it and the charge agree to the
// cent. Problems are collected, never thrown: a request hears of all of them at once.

const DAY = 86_400_000;

/** To the cent, without binary fractions tipping a half cent the wrong way. */
export const cents = (amount: number) => Math.round((amount + Number.EPSILON) * 100) / 100;

export interface TravellerInput {
  age: number;
  trip_cost: number;
}

export interface PricingInput {
  product: Product;
  startDate: string;
  endDate: string;
  applicants: readonly TravellerInput[];
  selection: Selection;
}

export interface PricedPackage {
  pkg: Package;
  /** The chosen limit value, shown as the quote line's `value`. */
  limit: string | null;
  /** Per applicant: net amount, taxes, and the amount with taxes (cents). */
  shares: Array<{ net: number; stampDuty: number; witholding: number; amount: number }>;
  /** The package's amount over all applicants, taxes included, discounts not (the quote line). */
  amount: number;
}

export interface Pricing {
  tripLength: number;
  packages: PricedPackage[];
  stampDuty: number | null;
  witholding: number | null;
  /** Sum of the packages' amounts. */
  subtotal: number;
  commission: number;
  discount: number;
  /** Added to reach the product's minimum premium. */
  minimumTopUp: number;
  quotedPrice: number;
}

/** Days covered, first and last included: 2022-12-12 to 2022-12-24 is 13 (reference §3 #3). */
export function tripLength(startDate: string, endDate: string): number {
  return Math.round((Date.parse(endDate) - Date.parse(startDate)) / DAY) + 1;
}

/**
 * A product's packages by alias (unique within a product, checked when fixtures load), made once
 * per product: products are frozen fixture data, and every quote and order looks its packages up.
 */
const packagesByAlias = new WeakMap<Product, ReadonlyMap<string, Package>>();

export function packageByAlias(product: Product, alias: string): Package | undefined {
  let byAlias = packagesByAlias.get(product);
  if (!byAlias) {
    const made = new Map<string, Package>();
    // The first of an alias wins, as a search of the list would find it.
    for (const pkg of product.packages) if (!made.has(pkg.alias)) made.set(pkg.alias, pkg);
    packagesByAlias.set(product, made);
    byAlias = made;
  }
  return byAlias.get(alias);
}

/** A product named by integer id, numeric string or uuid. */
export function findProduct(catalogue: Catalogue, product: number | string): Product | undefined {
  if (typeof product === 'number') return catalogue.byId.get(product);
  if (/^\d+$/.test(product)) return catalogue.byId.get(Number(product));
  return catalogue.byUuid.get(product.toLowerCase());
}

/**
 * The packages a request asks for, normalised: known aliases (an integer id or an alias string is
 * accepted, reference §3.1), options checked against the product's, duplicates merged, required
 * packages added, in the product's order.
 */
export function selectPackages(
  product: Product,
  requested: readonly PackageRequest[] | undefined,
  problems: string[],
): Selection['packages'] {
  const chosen = new Map<string, { limits: Record<string, string>; reservations: Record<string, number> }>();
  for (const entry of requested ?? []) {
    const reference = typeof entry === 'object' ? entry.id : entry;
    const pkg = packageNamed(product, reference, problems);
    if (!pkg) continue;
    const options = chosen.get(pkg.alias) ?? { limits: {}, reservations: {} };
    if (typeof entry === 'object') {
      for (const limit of entry.limits ?? []) {
        const offered = pkg.limits?.find((candidate) => candidate.for === limit.for);
        const value = String(limit.value);
        if (!offered) problems.push(`Package ${pkg.alias} has no limit for ${limit.for}.`);
        else if (offered.values[value] === undefined)
          problems.push(
            `Limit ${value} for ${limit.for} is not offered: choose ${Object.keys(offered.values).join(', ')}.`,
          );
        else options.limits[limit.for] = value;
      }
      for (const reservation of entry.reservations ?? []) {
        const offered = pkg.reservations?.find((candidate) => candidate.for === reservation.for);
        if (!offered) problems.push(`Package ${pkg.alias} takes no reservations for ${reservation.for}.`);
        else if (reservation.amount < 1 || reservation.amount > offered.max)
          problems.push(`Reservations for ${reservation.for} must be from 1 to ${offered.max}.`);
        else options.reservations[reservation.for] = reservation.amount;
      }
    }
    chosen.set(pkg.alias, options);
  }
  return product.packages
    .filter((pkg) => pkg.required || chosen.has(pkg.alias))
    .map((pkg) => ({ alias: pkg.alias, ...(chosen.get(pkg.alias) ?? { limits: {}, reservations: {} }) }));
}

function packageNamed(product: Product, reference: string | number, problems: string[]): Package | undefined {
  const id =
    typeof reference === 'number' ? reference : /^\d+$/.test(reference) ? Number(reference) : undefined;
  if (id === undefined) {
    // Not a number: an alias.
    const pkg = packageByAlias(product, String(reference));
    if (!pkg) problems.push(`Unknown package ${reference} for product ${product.id}.`);
    return pkg;
  }
  const pkg = product.packages.find(
    (candidate) => candidate.product_package_id === id || candidate.package_id === id,
  );
  if (pkg) return pkg;
  const moved = product.packages.find((candidate) => candidate.retired_product_package_ids?.includes(id));
  problems.push(
    moved
      ? `Package id ${id} has changed: send the alias ${moved.alias} instead.`
      : `Unknown package ${id} for product ${product.id}.`,
  );
  return undefined;
}

/** Prices a trip; problems (too long, too old, a discount above the commission) are pushed. */
export function price(input: PricingInput, problems: string[]): Pricing {
  const { product, selection } = input;
  const length = tripLength(input.startDate, input.endDate);
  const deductibleFactor =
    selection.deductible === null ? 1 : (product.deductibles[String(selection.deductible)] ?? 1);
  if (selection.deductible !== null && product.deductibles[String(selection.deductible)] === undefined) {
    problems.push(
      `Deductible ${selection.deductible} is not offered: choose ${Object.keys(product.deductibles).join(', ')}.`,
    );
  }
  const sd = product.taxes.stamp_duty;
  const wh = product.taxes.witholding;
  const packages: PricedPackage[] = [];
  for (const chosen of selection.packages) {
    const pkg = packageByAlias(product, chosen.alias);
    if (!pkg) continue;
    let factor = pkg.has_deductible ? deductibleFactor : 1;
    let limit: string | null = null;
    for (const offered of pkg.limits ?? []) {
      const value = chosen.limits[offered.for] ?? Object.keys(offered.values)[0] ?? '';
      factor *= offered.values[value] ?? 1;
      limit ??= chosen.limits[offered.for] ?? null;
    }
    const shares = input.applicants.map((applicant) => {
      const net = cents(ruleAmount(pkg, chosen.reservations, length, applicant, problems) * factor);
      const stampDuty = sd === null ? 0 : cents(net * sd);
      const witholding = wh === null ? 0 : cents(net * wh);
      return { net, stampDuty, witholding, amount: cents(net + stampDuty + witholding) };
    });
    packages.push({ pkg, limit, shares, amount: cents(sumOf(shares, amountOf)) });
  }
  // Every applicant's share of every package, in that order, summed without flattening them.
  let subtotal = 0;
  let net = 0;
  let stampDuty = 0;
  let witholding = 0;
  for (const priced of packages) {
    subtotal += priced.amount;
    for (const share of priced.shares) {
      net += share.net;
      stampDuty += share.stampDuty;
      witholding += share.witholding;
    }
  }
  subtotal = cents(subtotal);
  const commission = cents((net * product.commission_percentage) / 100);
  if (selection.discount > commission) {
    problems.push(`Discount ${selection.discount} exceeds your commission of ${commission} on this quote.`);
  }
  const discount = Math.min(selection.discount, commission);
  const minimumTopUp = cents(Math.max(0, product.minimum_premium - (subtotal - discount)));
  return {
    tripLength: length,
    packages,
    stampDuty: sd === null ? null : cents(stampDuty),
    witholding: wh === null ? null : cents(witholding),
    subtotal,
    commission,
    discount,
    minimumTopUp,
    quotedPrice: cents(subtotal - discount + minimumTopUp),
  };
}

function ruleAmount(
  pkg: Package,
  reservations: Record<string, number>,
  length: number,
  applicant: TravellerInput,
  problems: string[],
): number {
  const rule = pkg.pricing;
  switch (rule.kind) {
    case 'flat':
      return rule.amount;
    case 'per_reservation':
      return rule.amount * (reservations[pkg.reservations?.[0]?.for ?? pkg.alias] ?? 1);
    case 'trip_cost':
      return Math.max(applicant.trip_cost * rule.rate, rule.minimum ?? 0);
    case 'trip_length': {
      const band = rule.bands.find((candidate) => length <= candidate.max_days);
      const longest = rule.bands.at(-1)?.max_days ?? 0;
      if (!band) {
        pushOnce(problems, `A trip of ${length} days is longer than ${pkg.name} covers (${longest} days).`);
        return 0;
      }
      if (!rule.ages) return band.amount;
      const age = rule.ages.find((candidate) => applicant.age <= candidate.max_age);
      if (!age) {
        const oldest = rule.ages.at(-1)?.max_age ?? 0;
        pushOnce(
          problems,
          `Applicant age ${applicant.age} is above the oldest ${pkg.name} covers (${oldest}).`,
        );
        return 0;
      }
      return band.amount * age.factor;
    }
  }
}

function pushOnce(problems: string[], problem: string): void {
  if (!problems.includes(problem)) problems.push(problem);
}

/** The sum of one number of each value, from 0 in order (the order a reduce would add them in). */
function sumOf<T>(values: readonly T[], numberOf: (value: T) => number): number {
  let total = 0;
  for (const value of values) total += numberOf(value);
  return total;
}

const amountOf = (share: { amount: number }) => share.amount;
