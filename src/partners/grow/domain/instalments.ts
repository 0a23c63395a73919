import { formatMicros } from '../../../lib/clock.js';
import type { Instalment } from '../schemas/instalments.js';
import type { Order } from '../schemas/orders.js';

// Recurring premiums (reference §5 item 5, §8 `instalment.due`). INFERENCE: a monthly or
// quarterly policy covers a year; its first premium is paid with the order, and each later one is
// due a period after the previous, from policy_start_date. Grow notices it NOTICE_MS before the
// charge date; a 2xx answer authorises the charge, which the wallet pays on the date; any other
// answer, or no webhook URL, leaves it unpaid and the policy lapses.

/** How far ahead of its charge date an instalment is noticed (INFERENCE). */
export const NOTICE_MS = 3 * 24 * 60 * 60 * 1000;
const PERIOD_MONTHS = { monthly: 1, quarterly: 3 } as const;

/** The policy's later premiums, numbered from 2, ids from `firstId`; none for an annual one. */
export function instalmentsFor(order: Order, policyId: number, firstId: number): Instalment[] {
  const frequency = order.product.premium_frequency;
  if (frequency === 'annually') return [];
  const months = PERIOD_MONTHS[frequency];
  const of = 12 / months;
  const start = Date.parse(order.policy_start_date);
  return Array.from({ length: of - 1 }, (_, index) => {
    const due = new Date(start);
    due.setUTCMonth(due.getUTCMonth() + months * (index + 1));
    return {
      id: firstId + index,
      order_id: order.id,
      policy_id: policyId,
      number: index + 2,
      of,
      amount: order.amount_due,
      currency: order.currency,
      notice_at: formatMicros(due.getTime() - NOTICE_MS),
      due_at: formatMicros(due.getTime()),
      status: 'scheduled',
      delivery_id: null,
    };
  });
}

/** `instalment.due` (INFERENCE, reference §8: its payload is not published). */
export function instalmentDueData(instalment: Instalment, order: Order | undefined) {
  return {
    id: instalment.id,
    instalment: instalment.number,
    instalments: instalment.of,
    amount: instalment.amount,
    currency: instalment.currency,
    due_date: instalment.due_at,
    policy: { id: instalment.policy_id, number: order?.policy?.number ?? null },
    order: {
      id: instalment.order_id,
      asset_ref: order?.asset_ref ?? null,
      premium_frequency: order?.product.premium_frequency ?? null,
    },
    customer: order
      ? {
          ref: order.customer.ref,
          first_name: order.customer.first_name,
          last_name: order.customer.last_name,
          email: order.customer.email,
        }
      : null,
  };
}

export type InstalmentDueData = ReturnType<typeof instalmentDueData>;
