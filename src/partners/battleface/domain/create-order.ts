import { formatMicros } from '../../../lib/clock.js';
import type { Ids } from '../../../lib/ids.js';
import { BattlefaceError, PREMIUM_MISMATCH } from '../errors.js';
import type { DetailRequest, OrderApplicant, OrderFields } from '../schemas/order-requests.js';
import type { Order } from '../schemas/orders.js';
import type { Catalogue, Product } from '../schemas/products.js';
import type { PackageRequest, StoredQuote } from '../schemas/quotes.js';
import { embeddedOrder } from './new-order.js';
import { orderNumberFor, policyNumberFor } from './numbering.js';
import { cents, findProduct } from './pricing.js';
import {
  dynamicProduct,
  fieldsOf,
  invalid,
  type PricedQuote,
  priceFields,
  type QuoteFields,
  savedQuote,
} from './quotes.js';

const SITE_ID = 1;

export interface CreateOrderContext {
  catalogue: Catalogue;
  findQuote: (id: string) => StoredQuote | undefined;
  /** Sandbox time, ms. */
  now: number;
  ids: Ids;
  /** The client id the order gets (the sandbox's counter). */
  clientId: number;
  /** The caller's address, kept as the applicant's `ip_address`. */
  ip: string;
  /** `dynamic`: the product is inferred from the program and host state (reference §3 #5). */
  by: 'quote' | 'program';
}

export interface CreatedOrder {
  order: Order;
  /** The quote behind an order made without a saved one, saved with it (INFERENCE, §3 #4). */
  newQuote?: StoredQuote;
}

/**
 * A Pending order from a quote, order-level details overriding the quote's (reference §3 #4):
 * re-priced by the product's rules, refused with the documented 400 when its `total` differs.
 */
export function createOrder(
  fields: OrderFields,
  context: CreateOrderContext,
): CreatedOrder | BattlefaceError {
  const problems: string[] = [];
  const quote = fields.quote_id === undefined ? undefined : context.findQuote(fields.quote_id);
  const product = productOf(fields, quote, context, problems);
  if (product instanceof BattlefaceError) return product;
  const merged = mergedFields(fields, quote, problems);
  if (!product || !merged) return invalid(problems);
  const priced = priceFields(product, merged, context.now);
  if (priced instanceof BattlefaceError) return priced;
  if (fields.total !== undefined && cents(fields.total) !== priced.pricing.quotedPrice) {
    return PREMIUM_MISMATCH();
  }
  const flags = {
    send_policy_emails: fields.flags?.send_policy_emails ?? true,
    generate_policy_document: fields.flags?.generate_policy_document ?? true,
    trigger_sanction_search: fields.flags?.trigger_sanction_search ?? false,
    ...(fields.flags?.disable_discounts_in_docs === undefined
      ? {}
      : { disable_discounts_in_docs: fields.flags.disable_discounts_in_docs }),
  };
  // INFERENCE (reference §2): the documented 400 for a failed sanction search; the screening list
  // is partner-sim's magic value (README): a traveller whose name contains "Sanctioned".
  if (flags.trigger_sanction_search) {
    const hit = fields.applicants.find((applicant) =>
      /sanctioned/i.test(`${applicant.first_name} ${applicant.last_name}`),
    );
    if (hit)
      return new BattlefaceError(400, `Sanction search failed for ${hit.first_name} ${hit.last_name}.`);
  }
  const newQuote = quote ? undefined : savedQuote(priced, context.now, context.ids);
  const quoteId = quote?.id ?? newQuote?.id ?? '';
  const order = buildOrder(priced, fields, flags, quoteId, context);
  return newQuote ? { order, newQuote } : { order };
}

function productOf(
  fields: OrderFields,
  quote: StoredQuote | undefined,
  context: CreateOrderContext,
  problems: string[],
): Product | BattlefaceError | undefined {
  if (quote) {
    const product = findProduct(context.catalogue, quote.product_id);
    if (!product) problems.push(`Product ${quote.product_id} of quote ${quote.id} no longer exists.`);
    return product;
  }
  if (context.by === 'program') {
    if (fields.program_id === undefined) problems.push('Program ID not provided.');
    if (fields.host_country_state === undefined) problems.push('Host country state not provided.');
    if (fields.program_id === undefined || fields.host_country_state === undefined) return undefined;
    return dynamicProduct(context.catalogue, {
      program_id: fields.program_id,
      host_country_state: fields.host_country_state,
      host_country: fields.host_country,
      ...(typeof fields.product_id === 'number' ? { products: { ids: [fields.product_id] } } : {}),
    } as Parameters<typeof dynamicProduct>[1]);
  }
  if (fields.product_id === undefined) {
    problems.push(
      fields.quote_id === undefined ? 'Quote ID not provided.' : `Quote ${fields.quote_id} not found.`,
    );
    return undefined;
  }
  const product = findProduct(context.catalogue, fields.product_id);
  if (!product) problems.push(`Product ${fields.product_id} not found.`);
  return product;
}

/** The quote's fields with the order's on top; without a quote the order must carry them all. */
function mergedFields(
  fields: OrderFields,
  quote: StoredQuote | undefined,
  problems: string[],
): QuoteFields | undefined {
  const base = quote ? fieldsOf(quote) : undefined;
  const startDate = fields.start_at ?? base?.start_date;
  const endDate = fields.end_at ?? base?.end_date;
  const depositDate = fields.deposit_at ?? base?.deposit_date;
  const destinations = fields.destinations ?? base?.destinations;
  const state = fields.host_country_state ?? base?.host_country_state;
  if (!startDate) problems.push('Start date not provided.');
  if (!endDate) problems.push('End date not provided.');
  if (!depositDate) problems.push('Deposit date not provided.');
  if (!destinations) problems.push('Destinations not provided.');
  if (!state) problems.push('Host country state not provided.');
  if (!startDate || !endDate || !depositDate || !destinations || !state) return undefined;
  const lines = fields.details ?? [];
  const packages = packagesOf(lines);
  const deductible = lines.find((line) => line.type === 'deductible');
  return {
    ...base,
    start_date: startDate,
    end_date: endDate,
    deposit_date: depositDate,
    destinations,
    host_country_state: state,
    host_country: fields.host_country ?? base?.host_country,
    currency: fields.currency_id ?? base?.currency,
    applicants: fields.applicants.map((applicant, index) => ({
      age: applicant.age_at_travel ?? ageOn(applicant.dob, startDate),
      trip_cost: applicant.trip_cost ?? base?.applicants[index]?.trip_cost ?? 0,
      email: applicant.email,
      is_main: applicant.is_main ?? index === 0,
    })),
    packages: packages.length > 0 ? packages : base?.packages,
    ...(deductible?.amount === undefined ? {} : { deductible: deductible.amount }),
    ...(fields.discount === undefined ? {} : { discount: fields.discount }),
  };
}

/** Order detail lines as quote packages: a package by alias or id, with its limits and reservations. */
function packagesOf(lines: readonly DetailRequest[]): PackageRequest[] {
  const byPackage = new Map<
    string | number,
    {
      id: string | number;
      limits: Array<{ type: 'benefit_limit'; for: string; value: string }>;
      reservations: Array<{ type: 'reservations'; for: string; amount: number }>;
    }
  >();
  for (const line of lines) {
    if (line.type === 'deductible' || line.product_package_id === undefined) continue;
    const entry = byPackage.get(line.product_package_id) ?? {
      id: line.product_package_id,
      limits: [],
      reservations: [],
    };
    if (line.type === 'limit' && line.for !== undefined && line.value !== undefined) {
      entry.limits.push({ type: 'benefit_limit', for: line.for, value: String(line.value) });
    }
    if (line.type === 'reservations' && line.amount !== undefined) {
      entry.reservations.push({
        type: 'reservations',
        for:
          typeof line.product_package_id === 'string'
            ? line.product_package_id
            : String(line.product_package_id),
        amount: line.amount,
      });
    }
    byPackage.set(line.product_package_id, entry);
  }
  return [...byPackage.values()];
}

/** Whole years from the date of birth to the trip's start. */
export function ageOn(dob: string, onDate: string): number {
  const [by = 0, bm = 0, bd = 0] = dob.split('-').map(Number);
  const [ty = 0, tm = 0, td = 0] = onDate.split('-').map(Number);
  return Math.max(0, ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0));
}

type Flags = Order['items'][number]['order']['flags'];

function buildOrder(
  priced: PricedQuote,
  fields: OrderFields,
  flags: Flags,
  quoteId: string,
  context: CreateOrderContext,
): Order {
  const { ids, now } = context;
  const { product, pricing } = priced;
  const orderedAt = formatMicros(now);
  const orderNumber = orderNumberFor(SITE_ID, now, ids.uuid());
  const taxed = product.taxes.stamp_duty !== null || product.taxes.witholding !== null;
  const main = fields.applicants.find((applicant) => applicant.is_main) ?? fields.applicants[0];
  // The discount comes off, and the minimum's top-up goes on, the main traveller's policy.
  const mainIndex = Math.max(0, main ? fields.applicants.indexOf(main) : 0);
  const items = fields.applicants.map((applicant, index) => {
    const premium = cents(
      pricing.packages.reduce((total, priced) => total + (priced.shares[index]?.amount ?? 0), 0) +
        (index === mainIndex ? pricing.minimumTopUp : 0),
    );
    const total = cents(premium - (index === mainIndex ? pricing.discount : 0));
    return {
      applicant,
      premium,
      total,
      stampDuty: taxOf(priced, index, 'stampDuty'),
      witholding: taxOf(priced, index, 'witholding'),
    };
  });
  const premium = cents(items.reduce((sum, item) => sum + item.premium, 0));
  const total = pricing.quotedPrice;
  const stampDuty = cents(items.reduce((sum, item) => sum + item.stampDuty, 0));
  const witholding = cents(items.reduce((sum, item) => sum + item.witholding, 0));
  const applicant = applicantOf(main ?? fields.applicants[0], priced, context.ip);
  const orderDetails = taxed
    ? [
        { id: ids.uuid(), type: 'included_tax', detail: 'stamp_duty', amount: stampDuty },
        { id: ids.uuid(), type: 'included_breakdown_tax', detail: 'witholding', amount: witholding },
      ]
    : [];
  // The whole order in one literal, its items filled in below (they embed a record read from it):
  // spreading a head object into the order and into the embedded record's source cost more than
  // the rest of pricing and building together.
  const order: Order = {
    schema_version: 1,
    site_id: SITE_ID,
    quote_id: quoteId,
    order_number: orderNumber,
    client_id: context.clientId,
    status: 'Pending' as const,
    premium,
    total,
    currency_id: product.currency,
    status_updated_at: orderedAt,
    ordered_at: orderedAt,
    // INFERENCE (reference §4): the Pending example's signed_at is its deposit date at midnight.
    signed_at: `${priced.depositDate}T00:00:00.000000Z`,
    items: [],
    applicant,
    affiliate: {
      id: priced.affiliateId,
      commission_amount: cents(pricing.commission - pricing.discount),
      commission_percentage: product.commission_percentage,
    },
    details: orderDetails,
  };
  const embedded = embeddedOrder(order, ids, {
    flags,
    tax: cents(orderDetails.reduce((sum, line) => sum + line.amount, 0)),
  }) as Order['items'][number]['order'];
  const builtItems = items.map((item, index) => {
    const id = ids.uuid();
    const lines = [
      ...(priced.selection.deductible === null
        ? []
        : [
            { id: ids.uuid(), type: 'deductible', detail: 'excess_fee', amount: priced.selection.deductible },
          ]),
      ...pricing.packages.flatMap((pkgPrice) => {
        const packageId = pkgPrice.pkg.product_package_id;
        const chosen = priced.selection.packages.find((candidate) => candidate.alias === pkgPrice.pkg.alias);
        return [
          {
            id: ids.uuid(),
            type: 'package',
            detail: pkgPrice.pkg.name,
            amount: pkgPrice.shares[index]?.amount ?? 0,
            product_package_id: packageId,
          },
          ...Object.values(chosen?.limits ?? {}).map((value) => ({
            id: ids.uuid(),
            type: 'level-condition',
            detail: 'level',
            amount: 0,
            value,
            product_package_id: packageId,
          })),
          ...Object.values(chosen?.reservations ?? {}).map((amount) => ({
            id: ids.uuid(),
            type: 'reservations',
            amount,
            product_package_id: packageId,
          })),
        ];
      }),
      { id: ids.uuid(), type: 'trip_cost', amount: priced.applicants[index]?.trip_cost ?? 0 },
      ...(taxed
        ? [
            { id: ids.uuid(), type: 'included_tax', detail: 'stamp_duty', amount: item.stampDuty },
            { id: ids.uuid(), type: 'included_breakdown_tax', detail: 'witholding', amount: item.witholding },
          ]
        : []),
      { id: ids.uuid(), type: 'premium', detail: 'Policy premium', amount: item.premium },
      { id: ids.uuid(), type: 'total', detail: 'Policy total', amount: item.total },
    ];
    const traveller = item.applicant;
    return {
      id,
      product_id: product.id,
      program_id: product.program_id,
      product_uuid: product.uuid,
      sanction_search_id: fields.sanction_search_id ?? 0,
      product_major_id: product.major_id,
      product_minor_id: product.minor_id,
      policy_file_id: null,
      policy_number: policyNumberFor(SITE_ID, now, id, index + 1),
      start_at: priced.startDate,
      end_at: priced.endDate,
      deposit_at: priced.depositDate,
      details: lines,
      insured: {
        first_name: traveller.first_name,
        middle_name: traveller.middle_name ?? '',
        last_name: traveller.last_name,
        dob: traveller.dob,
      },
      ...(traveller.beneficiary
        ? {
            beneficiary: {
              first_name: traveller.beneficiary.first_name,
              middle_name: traveller.beneficiary.middle_name ?? '',
              last_name: traveller.beneficiary.last_name,
              email: traveller.beneficiary.email,
            },
          }
        : {}),
      destinations: priced.destinations.map(({ country }) => ({
        country_code: country,
        country_name:
          product.destinations.find((destination) => destination.code === country)?.name ?? country,
      })),
      is_main: index === mainIndex,
      order: embedded,
      meta: null,
    };
  });
  order.items = builtItems;
  return order;
}

function taxOf(priced: PricedQuote, index: number, tax: 'stampDuty' | 'witholding'): number {
  return cents(
    priced.pricing.packages.reduce((total, pkgPrice) => total + (pkgPrice.shares[index]?.[tax] ?? 0), 0),
  );
}

function applicantOf(
  applicant: OrderApplicant | undefined,
  priced: PricedQuote,
  ip: string,
): Order['applicant'] {
  return {
    first_name: applicant?.first_name ?? '',
    middle_name: applicant?.middle_name ?? '',
    last_name: applicant?.last_name ?? '',
    dob: applicant?.dob ?? '',
    age_at_travel: applicant?.age_at_travel ?? ageOn(applicant?.dob ?? priced.startDate, priced.startDate),
    email: applicant?.email ?? '',
    contact_number: applicant?.contact_number ?? '',
    address: applicant?.address ?? '',
    city: applicant?.city ?? '',
    post_code: applicant?.post_code ?? '',
    country_code: priced.hostCountry.code,
    state_code: priced.hostState,
    // INFERENCE (reference §6): the Process Payment example records the caller's address here.
    ip_address: ip,
  };
}
