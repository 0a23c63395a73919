import { formatMicros } from '../../lib/clock.js';
import type { Sandbox } from '../../sandbox/sandboxes.js';
import { approveOnPayment, type ProcessPaymentResult } from './domain/process-payment.js';
import { BattlefaceError } from './errors.js';
import type { BattlefaceStores } from './records.js';
import type { Order } from './schemas/orders.js';
import type { Payment } from './schemas/payments.js';

export type BattlefaceSandbox = Pick<Sandbox<BattlefaceStores>, 'clock' | 'ids' | 'stores'>;

/** The context an approval draws on: the sandbox's time, its next file id, its ids. */
export function approvalContext(sandbox: BattlefaceSandbox) {
  return {
    now: () => formatMicros(sandbox.clock.now()),
    nextFileId: sandbox.stores.battleface.next_file_id.peek(),
    newId: () => sandbox.ids.token(),
  };
}

/** Writes an approval's order, documents and email: the one place battleface approvals land. */
export function commitApproval(sandbox: BattlefaceSandbox, result: ProcessPaymentResult): Order {
  const records = sandbox.stores.battleface;
  if (result.changed) records.orders.save(result.order);
  records.next_file_id.take(result.documents.length);
  records.documents.add(...result.documents);
  if (result.email) records.emails.add(result.email);
  return result.order;
}

/**
 * The customer paid (or failed to pay) an order's intent on Stripe's page: success approves the
 * order as a charge does; a failure leaves it Pending and the intent open for another try
 * (INFERENCE, reference §3 #8: Stripe keeps a PaymentIntent open after a failed attempt).
 */
export function settleIntent(
  sandbox: BattlefaceSandbox,
  orderNumber: string,
  outcome: 'succeeded' | 'failed',
): Order | BattlefaceError {
  const records = sandbox.stores.battleface;
  const order = records.orders.find(orderNumber);
  const payment = records.payments.find(orderNumber);
  if (!order) return new BattlefaceError(404, `No order ${orderNumber}.`);
  if (payment?.method !== 'intent') {
    return new BattlefaceError(
      409,
      `Order ${orderNumber} has no payment intent: GET its payment/intent first.`,
    );
  }
  if (payment.status === 'succeeded') return order;
  if (outcome === 'failed') {
    records.payments.save({ ...payment, status: 'failed' });
    return order;
  }
  if (order.status !== 'Pending') {
    return new BattlefaceError(
      409,
      `Order ${orderNumber} is ${order.status}: only a Pending order can be paid.`,
    );
  }
  records.payments.save({ ...payment, status: 'succeeded' });
  return commitApproval(sandbox, approveOnPayment(order, approvalContext(sandbox)));
}

/**
 * Makes an open intent pay itself at its `succeeds_at` (SIM_BATTLEFACE_INTENT_SUCCEED_MS), unless
 * the control plane settled it first. Also called for every payment of a loaded state.
 */
export function scheduleIntentSuccess(sandbox: BattlefaceSandbox, payment: Payment): void {
  if (payment.method !== 'intent' || payment.status !== 'requires_payment' || payment.succeeds_at === null) {
    return;
  }
  const orderNumber = payment.order_number;
  sandbox.clock.schedule(Date.parse(payment.succeeds_at), () => {
    if (sandbox.stores.battleface.payments.find(orderNumber)?.status === 'requires_payment') {
      settleIntent(sandbox, orderNumber, 'succeeded');
    }
  });
}

/** After a state load: the open intents that pay themselves are due again. */
export function resumeBattlefaceWork(sandbox: BattlefaceSandbox): void {
  for (const payment of sandbox.stores.battleface.payments.list()) scheduleIntentSuccess(sandbox, payment);
}
