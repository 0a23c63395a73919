import { formatDate } from '../../../lib/clock.js';
import type { Ids } from '../../../lib/ids.js';
import { BattlefaceError } from '../errors.js';
import type { Catalogue, HostCountry, Product } from '../schemas/products.js';
import type {
  DynamicQuoteRequest,
  QuotePreview,
  QuoteRequest,
  Selection,
  StoredQuote,
} from '../schemas/quotes.js';
import { MONTHS } from './numbering.js';
import { findProduct, type Pricing, price, selectPackages, type TravellerInput } from './pricing.js';

const SITE_ID = 1;

/** A quote request once checked against its product and the sandbox clock, and priced. */
export interface PricedQuote {
  product: Product;
  pricing: Pricing;
  affiliateId: number;
  email: string | null;
  hostCountry: HostCountry;
  hostState: string;
  startDate: string;
  endDate: string;
  depositDate: string;
  applicants: Array<TravellerInput & { email: string | null; is_main: boolean }>;
  destinations: Array<{ country: string; risk_index: number }>;
  reference: { employee_id: string | null; external: string | null };
  selection: Selection;
}

/** The fields a quote is priced from, whichever way its product was named. */
export type QuoteFields = Omit<QuoteRequest, 'product'> & { email?: string | null | undefined };

/** The partner's 406 naming every problem of a request in one message (reference §2). */
export const invalid = (problems: readonly string[]) => new BattlefaceError(406, problems.join(' '));

/** Create Quotation and Quotation Preview: the product named by id or uuid. */
export function quoteFor(
  catalogue: Catalogue,
  request: QuoteRequest,
  now: number,
): PricedQuote | BattlefaceError {
  const product = findProduct(catalogue, request.product);
  if (!product) return invalid([`Product ${request.product} not found.`]);
  return priceFields(product, request, now);
}

/**
 * Create Dynamic Quotation: the one active product of the program that covers the host country
 * state, among `products.ids` / `products.uuids` when given (reference §3 #3).
 */
export function dynamicProduct(
  catalogue: Catalogue,
  request: DynamicQuoteRequest,
): Product | BattlefaceError {
  const state = request.host_country_state.toUpperCase();
  const ids = request.products?.ids;
  const uuids = request.products?.uuids?.map((uuid) => uuid.toLowerCase());
  const matches = [...catalogue.byId.values()].filter(
    (product) =>
      product.active &&
      product.program_id === request.program_id &&
      (ids === undefined || ids.includes(product.id)) &&
      (uuids === undefined || uuids.includes(product.uuid)) &&
      product.host_countries.some(
        (country) =>
          (request.host_country === undefined || country.code === request.host_country.toUpperCase()) &&
          country.states.some((candidate) => candidate.code === state),
      ),
  );
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) {
    return invalid([
      `No active product of program ${request.program_id} covers host country state ${state}.`,
    ]);
  }
  return invalid([
    `${matches.length} active products of program ${request.program_id} cover host country state ${state} (${matches.map((product) => product.id).join(', ')}): choose one with products.ids or products.uuids.`,
  ]);
}

/** Checks a request's fields against its product and the sandbox's today, then prices it. */
export function priceFields(
  product: Product,
  request: QuoteFields,
  now: number,
): PricedQuote | BattlefaceError {
  const problems: string[] = [];
  if (!product.active) problems.push(`Product ${product.id} is not active.`);
  if (request.currency !== undefined && request.currency.toUpperCase() !== product.currency) {
    problems.push(
      `Currency ${request.currency} is not offered by product ${product.id} (${product.currency}).`,
    );
  }
  const place = hostOf(product, request.host_country, request.host_country_state, problems);
  const today = formatDate(now);
  for (const [name, value] of [
    ['Start date', request.start_date],
    ['End date', request.end_date],
    ['Deposit date', request.deposit_date],
  ] as const) {
    if (!isCalendarDate(value)) problems.push(`${name} ${value} is not a date.`);
  }
  if (isCalendarDate(request.start_date) && request.start_date < today) {
    problems.push(`Start date ${request.start_date} is in the past.`);
  }
  if (request.end_date < request.start_date) problems.push('End date must not be before the start date.');
  const destinations = request.destinations.map((code) => {
    const covered = product.destinations.find(
      (destination) => destination.code === code.toUpperCase() && !destination.is_disabled,
    );
    if (!covered) problems.push(`Destination ${code} is not covered by product ${product.id}.`);
    return { country: code.toUpperCase(), risk_index: covered?.risk_index ?? 0 };
  });
  if (destinations.length === 0) problems.push('Destinations not provided.');
  const applicants = request.applicants.map((applicant, index) => ({
    age: applicant.age,
    trip_cost: applicant.trip_cost ?? 0,
    email: applicant.email ?? null,
    is_main: applicant.is_main ?? index === 0,
  }));
  const selection: Selection = {
    packages: selectPackages(product, request.packages, problems),
    deductible: request.deductible ?? null,
    discount: request.discount ?? 0,
  };
  if (problems.length > 0 || !place) return invalid(problems);
  const pricing = price(
    { product, startDate: request.start_date, endDate: request.end_date, applicants, selection },
    problems,
  );
  if (problems.length > 0) return invalid(problems);
  return {
    product,
    pricing,
    affiliateId: affiliateIdOf(request.affiliate),
    email: request.email ?? null,
    hostCountry: place.country,
    hostState: place.state,
    startDate: request.start_date,
    endDate: request.end_date,
    depositDate: request.deposit_date,
    applicants,
    destinations,
    reference: {
      employee_id: request.reference?.employee_id ?? null,
      external: request.reference?.external ?? null,
    },
    selection,
  };
}

function hostOf(
  product: Product,
  countryCode: string | undefined,
  stateCode: string,
  problems: string[],
): { country: HostCountry; state: string } | undefined {
  const state = stateCode.toUpperCase();
  const wanted = countryCode?.toUpperCase();
  const country = wanted
    ? product.host_countries.find((candidate) => candidate.code === wanted)
    : (product.host_countries.find((candidate) => candidate.states.some((s) => s.code === state)) ??
      product.host_countries[0]);
  if (!country || country.is_disabled) {
    problems.push(`Host country ${wanted} is not available for product ${product.id}.`);
    return undefined;
  }
  const found = country.states.find((candidate) => candidate.code === state);
  if (!found) {
    const elsewhere = product.host_countries.find((other) => other.states.some((s) => s.code === state));
    problems.push(
      elsewhere
        ? `Host country state ${state} is in ${elsewhere.code}, not ${country.code}.`
        : `Host country state ${state} is not available for product ${product.id}.`,
    );
    return undefined;
  }
  if (found.is_disabled) {
    problems.push(`Host country state ${state} is disabled for product ${product.id}.`);
    return undefined;
  }
  return { country, state };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `2023-02-30` is not a date; `2024-02-29` is. */
function isCalendarDate(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0))) return false;
  return month !== 2 || day < 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
}

/** `"1"` or 1; INFERENCE (reference §3 #1): the token's affiliate, 1, when none is sent. */
function affiliateIdOf(affiliate: string | number | undefined): number {
  const id = Number(affiliate ?? 1);
  return Number.isInteger(id) && id > 0 ? id : 1;
}

function lines(quote: PricedQuote) {
  return quote.pricing.packages.map((priced) => ({
    package_id: priced.pkg.package_id,
    package_alias: priced.pkg.alias,
    amount: priced.amount,
    type: priced.pkg.name,
    // INFERENCE (reference §3 #2): both are null in the examples; a chosen limit shows as value.
    value: priced.limit,
    detail: null,
  }));
}

/**
 * INFERENCE (reference §3 #3): `dob` is January 1st of the start year less the age (age 24 on a
 * 2022 trip gives 1998-01-01, as the example).
 */
function applicantLines(quote: PricedQuote) {
  const year = Number(quote.startDate.slice(0, 4));
  return quote.applicants.map((applicant) => ({
    type: 'applicant' as const,
    email: applicant.email,
    is_main: applicant.is_main,
    age: applicant.age,
    dob: `${String(year - applicant.age).padStart(4, '0')}-01-01T00:00:00.000000Z`,
    trip_cost: applicant.trip_cost,
  }));
}

/** The trip's fields, which a preview and a saved quote show alike, in their order. */
function tripOf(quote: PricedQuote) {
  return {
    currency_id: quote.product.currency,
    host_country: quote.hostCountry.code,
    host_country_state: quote.hostState,
    trip_length: quote.pricing.tripLength,
    start_date: quote.startDate,
    end_date: quote.endDate,
    deposit_date: quote.depositDate,
  };
}

/** Quotation Preview's body: priced, not saved. */
export function previewOf(quote: PricedQuote): QuotePreview {
  return {
    email: quote.email,
    affiliate_id: quote.affiliateId,
    product_id: String(quote.product.id),
    product_uuid: quote.product.uuid,
    quoted_price: quote.pricing.quotedPrice,
    taxes: { stamp_duty: quote.pricing.stampDuty, witholding: quote.pricing.witholding },
    discounts: { amount: quote.pricing.discount },
    // INFERENCE (reference §3 #2): value is the product's minimum premium, amount what was added.
    minimums: { amount: quote.pricing.minimumTopUp, value: quote.product.minimum_premium },
    deductibles: { excess_fee: quote.selection.deductible },
    ...tripOf(quote),
    details: lines(quote),
    applicants: applicantLines(quote),
    destinations: quote.destinations,
    reference: quote.reference,
  };
}

/** `2022-12-08 03:12:12`: quote timestamps are not ISO (reference §8 #3). */
export function quoteTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** A saved quote: its ObjectId twice, `<site>-<MON><5 digits>-<product id>`, the clock's time. */
export function savedQuote(quote: PricedQuote, now: number, ids: Ids): StoredQuote {
  const id = ids.hex(24);
  const digits = String(Number.parseInt(ids.hex(5), 16) % 100_000).padStart(5, '0');
  const time = quoteTime(now);
  return {
    _id: id,
    id,
    document_version: 1,
    quote_number: `${SITE_ID}-${MONTHS[new Date(now).getUTCMonth()]}${digits}-${quote.product.id}`,
    email: quote.email,
    affiliate_id: quote.affiliateId,
    product_id: String(quote.product.id),
    quoted_price: quote.pricing.quotedPrice,
    taxes: { stamp_duty: quote.pricing.stampDuty, witholding: quote.pricing.witholding },
    deductibles: { excess_fee: quote.selection.deductible },
    ...tripOf(quote),
    created_at: time,
    updated_at: time,
    deleted_at: null,
    details: lines(quote),
    applicants: applicantLines(quote),
    destinations: quote.destinations,
    reference: quote.reference,
    selection: quote.selection,
  };
}

/** A saved quote's fields as a request, to re-price it (order creation overrides some). */
export function fieldsOf(quote: StoredQuote): QuoteFields {
  return {
    start_date: quote.start_date,
    end_date: quote.end_date,
    deposit_date: quote.deposit_date,
    currency: quote.currency_id,
    destinations: quote.destinations.map((destination) => destination.country),
    applicants: quote.applicants.map((applicant) => ({
      age: applicant.age,
      trip_cost: applicant.trip_cost,
      email: applicant.email,
      is_main: applicant.is_main,
    })),
    affiliate: quote.affiliate_id,
    host_country: quote.host_country,
    host_country_state: quote.host_country_state,
    packages: quote.selection.packages.map((chosen) => ({
      id: chosen.alias,
      limits: Object.entries(chosen.limits).map(([target, value]) => ({
        type: 'benefit_limit' as const,
        for: target,
        value,
      })),
      reservations: Object.entries(chosen.reservations).map(([target, amount]) => ({
        type: 'reservations' as const,
        for: target,
        amount,
      })),
    })),
    discount: quote.selection.discount,
    ...(quote.selection.deductible === null ? {} : { deductible: quote.selection.deductible }),
    reference: quote.reference,
    email: quote.email,
  };
}
