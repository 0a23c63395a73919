import { formatSeconds } from '../../../lib/clock.js';
import { onePagePdf } from '../../../lib/pdf.js';
import type { PurchaseRequest } from '../schemas/purchases.js';
import type { StoredQuote } from '../schemas/quotes.js';
import type { Purchase } from './purchases.js';

/**
 * INFERENCE (reference examples §14, §15): the partner's company is the sandbox's; the docs show
 * "Curacel Inc." as `company_name` and refs like `q-partner-one-1`, `q-<company>-<n>`.
 */
export const COMPANY_NAME = 'Curacel Inc.';
const COMPANY_SLUG = COMPANY_NAME.toLowerCase()
  .replace(/[^a-z0-9]+/g, '-')
  .replace(/^-|-$/g, '');

/** A quote from a priced purchase that was not paid (the request is kept, to buy it later). */
export function newQuote(priced: Purchase, request: PurchaseRequest, id: number, now: number): StoredQuote {
  const { order } = priced.outcome;
  return {
    id,
    ref: `q-${COMPANY_SLUG}-${id}`,
    status: 'pending',
    amount_due: priced.view.amount_due,
    policy_start_date: order.policy_start_date,
    product_price: priced.view.product_price,
    asset_ref: order.asset_ref,
    currency: order.currency,
    created_at: formatSeconds(now),
    company_name: COMPANY_NAME,
    product: order.product,
    customer: order.customer,
    partner_commission: priced.view.partner_commission,
    partner_commission_rate: order.product['partner-commision-rate'],
    description: `${order.product.title} (${order.product['product type'].name})`,
    request: request as Record<string, unknown>,
  };
}

/** A quote re-priced after a change of its request (PATCH /quotes), keeping its id, ref and time. */
export function repriced(quote: StoredQuote, priced: Purchase, request: PurchaseRequest): StoredQuote {
  return { ...newQuote(priced, request, quote.id, 0), ref: quote.ref, created_at: quote.created_at };
}

export const quoteView = (quote: StoredQuote) => ({
  id: quote.id,
  ref: quote.ref,
  status: quote.status,
  amount_due: quote.amount_due,
  policy_start_date: quote.policy_start_date,
  product_price: quote.product_price,
  asset_ref: quote.asset_ref,
  currency: quote.currency,
  created_at: quote.created_at,
  company_name: quote.company_name,
  product: quote.product,
  customer: quote.customer,
});

export const createdQuoteView = (quote: StoredQuote) => ({
  id: quote.id,
  asset_ref: quote.asset_ref,
  product_price: quote.product_price,
  partner_commission: quote.partner_commission,
  partner_commission_rate: quote.partner_commission_rate,
  amount_due: quote.amount_due,
  currency: quote.currency,
  company_name: quote.company_name,
  description: quote.description,
  policy_start_date: quote.policy_start_date,
});

/** `search` looks in the product title and the customer's name (reference examples §15). */
export function quoteMatches(quote: StoredQuote, search: string): boolean {
  const needle = search.toLowerCase();
  return [quote.product.title, `${quote.customer.first_name} ${quote.customer.last_name}`].some((field) =>
    field.toLowerCase().includes(needle),
  );
}

/** The quote's invoice: a one-page PDF (reference examples §18: "returns a PDF"). */
export function quoteInvoicePdf(quote: StoredQuote): Buffer {
  return onePagePdf([
    `${quote.company_name}: quotation ${quote.ref} (partner-sim)`,
    `${quote.product.insurer.name}: ${quote.product.title}`,
    `For: ${quote.customer.first_name} ${quote.customer.last_name}`,
    `Cover from ${quote.policy_start_date.slice(0, 10)}`,
    `Price ${quote.product_price} ${quote.currency}, amount due ${quote.amount_due} ${quote.currency}`,
  ]);
}
