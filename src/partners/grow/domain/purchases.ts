import { formatSeconds } from '../../../lib/clock.js';
import { GrowError, INVALID_DATA } from '../errors.js';
import type { StoredCustomer } from '../schemas/customers.js';
import type { Order } from '../schemas/orders.js';
import type { CatalogueProduct, ProductType } from '../schemas/products.js';
import type { PurchaseRequest, PurchaseView, Wallet } from '../schemas/purchases.js';
import type { Outcome } from './orders.js';
import { premiumOf } from './products.js';

const cents = (amount: number) => Math.round((amount + Number.EPSILON) * 100) / 100;

export interface PurchaseContext {
  /** Sandbox time, ms. */
  now: number;
  /** The id the order gets. */
  id: number;
  product: CatalogueProduct | undefined;
  productType: ProductType | undefined;
  customer: StoredCustomer | undefined;
  /** The partner's wallet in the product's currency, if it has one. */
  wallet: Wallet | undefined;
  policyDelayMs: number;
  baseUrl: string;
  /** A quote is priced without paying: no wallet needed. */
  quoteOnly?: boolean;
}

export interface Purchase {
  outcome: Outcome;
  view: PurchaseView;
}

/**
 * `POST /orders` (reference §4): the product bought for the customer. Paid from the wallet, the
 * order is `paid` at once (the wallet may go below zero, as documented) and the insurer owes its
 * policy; by web link or card it waits, `pending`, for the payment (the control plane, INFERENCE).
 */
export function purchase(request: PurchaseRequest, context: PurchaseContext): Purchase | GrowError {
  const invalid = problemsOf(request, context);
  if (invalid) return invalid;
  const product = context.product as CatalogueProduct;
  const customer = context.customer as StoredCustomer;
  const paymentType = request.payment_type ?? 'wallet';
  const rated =
    request.broker_premium_rate === undefined
      ? product
      : { ...product, premium_rate: request.broker_premium_rate };
  const base = premiumOf(rated, request.asset_value);
  const productPrice = cents(base + (base * (request.broker_taxes ?? 0)) / 100);
  const commission = cents((productPrice * product.partner_commission_rate) / 100);
  const amountDue = cents(productPrice - commission);
  const paid = paymentType === 'wallet';
  const time = formatSeconds(context.now);
  const order: Order = {
    id: context.id,
    status: paid ? 'paid' : 'pending',
    amount_due: amountDue,
    policy_start_date: `${request.policy_start_date}T00:00:00.000000Z`,
    asset_ref: request.asset_ref ?? null,
    currency: product.currency,
    channel: 'API',
    created_at: time,
    payment_made_at: paid ? time : null,
    payment_method: paymentType,
    product: orderProduct(product, context.productType, productPrice, request.premium_frequency),
    customer: {
      ref: customer.ref,
      email: customer.email,
      phone: customer.phone ?? '',
      first_name: customer.first_name,
      last_name: customer.last_name,
    },
    policy: null,
  };
  const view: PurchaseView = {
    id: order.id,
    asset_ref: order.asset_ref,
    product_price: productPrice,
    partner_commission: commission,
    amount_due: amountDue,
    currency: product.currency,
    payment_instructions: paid
      ? { message: 'Payment successful', success: true }
      : // INFERENCE (reference §4): the documented object has only a message and a flag; the
        // customer's payment is completed through the control plane (README).
        { message: `Awaiting payment by ${paymentType === 'card' ? 'card' : 'web link'}`, success: false },
    // INFERENCE (reference examples §9): null for a wallet payment, as the relayed answer; a
    // gateway's 1.5 % otherwise.
    payment_gateway_charge: paid ? null : cents(amountDue * 0.015),
    status: order.status,
    country: product.insurer.country,
    meta: {
      broker_premium_rate: request.broker_premium_rate ?? null,
      broker_taxes: request.broker_taxes ?? null,
      premium_frequency: request.premium_frequency ?? null,
      trips_per_day: request.trips_per_day ?? null,
      trip_days_per_year: request.trip_days_per_year ?? null,
      trip_frequency: request.trip_frequency ?? (context.productType?.slug === 'git' ? 'recurring' : null),
      pickup_location: request.pickup_location ?? null,
      dropoff_location: request.dropoff_location ?? null,
      asset_value: request.asset_value ?? null,
    },
  };
  const effects: Outcome['effects'] = paid
    ? [
        { kind: 'wallet-debit', currency: product.currency, amount: amountDue, orderId: order.id, at: time },
        {
          kind: 'await-policy',
          pending: {
            order_id: order.id,
            due_at: formatSeconds(context.now + context.policyDelayMs),
            base_url: context.baseUrl,
          },
        },
      ]
    : [];
  return { outcome: { order, effects }, view };
}

/** Laravel's errors for the product-specific rules, in the rules' order (INFERENCE: wording). */
function problemsOf(request: PurchaseRequest, context: PurchaseContext): GrowError | undefined {
  const errors: Record<string, string[]> = {};
  const { product, productType } = context;
  if (!product?.active) errors.product_code = ['The selected product code is invalid.'];
  if (!context.customer) errors.customer_ref = ['The selected customer ref is invalid.'];
  if (!context.quoteOnly && (request.payment_type ?? 'wallet') === 'wallet' && product && !context.wallet) {
    errors.payment_type = ['You do not have a wallet for this currency'];
  }
  if (product?.premium_type === 'relative' && request.asset_value === undefined) {
    errors.asset_value = ['The asset value field is required.'];
  }
  if (productType?.slug === 'git') {
    if ((request.trip_frequency ?? 'recurring') === 'recurring') {
      if (request.trips_per_day === undefined) {
        errors.trips_per_day = ['The trips per day field is required when trip frequency is recurring.'];
      }
      if (request.trip_days_per_year === undefined) {
        errors.trip_days_per_year = [
          'The trip days per year field is required when trip frequency is recurring.',
        ];
      }
    }
    if (
      request.trip_days_per_year !== undefined &&
      (request.trip_days_per_year < 1 || request.trip_days_per_year > 365)
    ) {
      errors.trip_days_per_year = ['The trip days per year must be between 1 and 365.'];
    }
    if (!request.pickup_location) errors.pickup_location = ['The pickup location field is required.'];
    if (!request.dropoff_location) errors.dropoff_location = ['The dropoff location field is required.'];
  }
  if (
    request.premium_frequency !== undefined &&
    product &&
    !product.premium_frequencies.includes(request.premium_frequency)
  ) {
    errors.premium_frequency = ['The selected premium frequency is invalid.'];
  }
  return Object.keys(errors).length > 0 ? new GrowError(422, INVALID_DATA, errors) : undefined;
}

/** The product as an order embeds it (reference §7): the hyphen and space keys of the order shape. */
function orderProduct(
  product: CatalogueProduct,
  type: ProductType | undefined,
  premium: number,
  frequency: PurchaseRequest['premium_frequency'],
): Order['product'] {
  return {
    title: product.title,
    code: product.code,
    id: product.id,
    insurer: {
      code: product.insurer.code,
      name: product.insurer.name,
      logo_url: product.insurer.logo_url,
      terms_conditions: product.insurer.terms_conditions,
    },
    'product type': { name: type?.name ?? '', slug: type?.slug ?? '' },
    'cover-benefits': {},
    // INFERENCE (reference §7): the catalogue has no creation time; a fixed one, as the fixtures'.
    'created-at': '2021-09-14T08:00:00.000000Z',
    price: product.price,
    'premium-type': product.premium_type,
    'premium-rate-unit': 0,
    'premium-rate': product.premium_rate,
    premium,
    'partner-commision-rate': product.partner_commission_rate,
    'min-premium': product.min_premium.toFixed(2),
    'premium-rules':
      product.premium_type === 'fixed'
        ? `${product.price.toFixed(2)} flat`
        : `${product.premium_rate}% of the asset's value, minimum ${product.min_premium.toFixed(2)}`,
    premium_frequency:
      frequency ??
      (product.premium_frequencies.includes('monthly') && !product.premium_frequencies.includes('annually')
        ? 'monthly'
        : 'annually'),
  };
}
