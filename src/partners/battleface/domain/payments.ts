import type { Ids } from '../../../lib/ids.js';
import { BattlefaceError, CARD_DECLINED, PAYMENT_PROCESSING_ERROR } from '../errors.js';
import type { Order } from '../schemas/orders.js';
import type { Card, Payment } from '../schemas/payments.js';

// Stripe's published test cards (README, "Magic values"): these fail the way each Stripe decline
// would reach battleface's partner, as its one documented payment error (reference §2), except a
// processing error, which is the partner's 5xx (INFERENCE). Any other card must pass Luhn's
// check and not be expired on the sandbox clock.
export const FAILING_CARDS: Readonly<Record<string, 'declined' | 'processing'>> = {
  '4000000000000002': 'declined', // generic decline
  '4000000000009995': 'declined', // insufficient funds
  '4000000000000069': 'declined', // expired card
  '4000000000000127': 'declined', // incorrect CVC
  '4000000000000119': 'processing', // processing error
};

/** Whether a card would be charged now (sandbox time, ms), or the partner's error for it. */
export function checkCard(card: Card, now: number): BattlefaceError | undefined {
  const number = card.card_number.replace(/[\s-]/g, '');
  const failing = FAILING_CARDS[number];
  if (failing === 'processing') return PAYMENT_PROCESSING_ERROR();
  if (failing || !/^\d{12,19}$/.test(number) || !luhn(number)) return CARD_DECLINED();
  if (!/^\d{3,4}$/.test(card.card_cvc)) return CARD_DECLINED();
  const month = Number(card.card_exp_month);
  const year = Number(card.card_exp_year.length === 2 ? `20${card.card_exp_year}` : card.card_exp_year);
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(year)) return CARD_DECLINED();
  // A card is valid to the end of its expiry month.
  const today = new Date(now);
  const expired =
    year < today.getUTCFullYear() || (year === today.getUTCFullYear() && month < today.getUTCMonth() + 1);
  return expired ? CARD_DECLINED() : undefined;
}

function luhn(digits: string): boolean {
  let total = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    total += digit;
  }
  return total % 10 === 0;
}

/** Why an order cannot be paid now, or undefined when it is Pending. INFERENCE (reference §4). */
export function payable(order: Order): BattlefaceError | undefined {
  if (order.status === 'Pending') return undefined;
  return new BattlefaceError(
    406,
    `Order ${order.order_number} is ${order.status}: only a Pending order can be paid.`,
  );
}

/**
 * The order's Stripe payment: a charge (`ch_…`, succeeded) or an intent (`pi_…` with its client
 * secret, waiting for the customer). INFERENCE (reference §6): the merchant and customer tokens
 * are the order's; a second payment of the same order keeps them.
 */
export function newPayment(
  orderNumber: string,
  method: Payment['method'],
  previous: Payment | undefined,
  ids: Ids,
  /** When an intent pays itself, if it does. */
  succeedsAt?: string,
): Payment {
  const prefix = method === 'charge' ? 'ch_' : 'pi_';
  const id = `${prefix}${ids.alphanumeric(24)}`;
  return {
    order_number: orderNumber,
    method,
    id,
    merchantToken: previous?.merchantToken ?? ids.hex(32),
    customerToken: previous?.customerToken ?? ids.hex(32),
    client_secret: method === 'intent' ? `${id}_secret_${ids.alphanumeric(25)}` : null,
    status: method === 'charge' ? 'succeeded' : 'requires_payment',
    succeeds_at: method === 'intent' ? (succeedsAt ?? null) : null,
  };
}

/** The payment object of the wire (reference §6): camelCase, "Stripe", "Approved". */
export function chargeOf(payment: Payment) {
  return {
    id: payment.id,
    merchantToken: payment.merchantToken,
    customerToken: payment.customerToken,
    name: 'Stripe' as const,
    status: 'Approved' as const,
  };
}

export function intentOf(payment: Payment) {
  return { ...chargeOf(payment), client_secret: payment.client_secret ?? '' };
}
