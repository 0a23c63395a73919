import { formatSeconds } from '../../lib/clock.js';
import { instalmentDueData, instalmentsFor } from './domain/instalments.js';
import type { GrowSandbox } from './records.js';
import type { Instalment } from './schemas/instalments.js';
import { moveWallet } from './wallet-moves.js';
import type { Delivery } from './webhooks/dispatcher.js';

// An instalment's life on the sandbox clock (domain/instalments.ts has the rules):
//   scheduled → (notice_at) instalment.due sent: notified → the delivery's answer: a 2xx authorises
//   → (due_at) the wallet pays: paid; no 2xx, or nowhere to send it: unpaid, the policy lapses.

/** A newly issued policy's later premiums, each scheduled. */
export function startInstalments(sandbox: GrowSandbox, orderId: number): void {
  const records = sandbox.stores.grow;
  const order = records.orders.find(orderId);
  if (!order?.policy) return;
  const instalments = instalmentsFor(order, order.policy.id, records.next_instalment_id.peek());
  if (instalments.length === 0) return;
  records.next_instalment_id.take(instalments.length);
  for (const instalment of instalments) {
    records.instalments.save(instalment);
    scheduleInstalment(sandbox, instalment);
  }
}

/** Arms the instalment's next timer: its notice, or its charge once authorised. */
export function scheduleInstalment(sandbox: GrowSandbox, instalment: Instalment): void {
  if (instalment.status === 'scheduled') {
    sandbox.clock.schedule(Date.parse(instalment.notice_at), () => sendNotice(sandbox, instalment.id));
  } else if (instalment.status === 'authorised') {
    sandbox.clock.schedule(Date.parse(instalment.due_at), () => charge(sandbox, instalment.id));
  }
}

function sendNotice(sandbox: GrowSandbox, id: number): void {
  const records = sandbox.stores.grow;
  const instalment = records.instalments.find(id);
  if (instalment?.status !== 'scheduled') return;
  const order = records.orders.find(instalment.order_id);
  // A cancelled order, or a lapsed policy, is charged no more.
  if (order?.status !== 'policy_created' || order.policy?.status === 'lapsed') {
    records.instalments.save({ ...instalment, status: 'unpaid' });
    return;
  }
  const delivery = sandbox.stores.growWebhooks.emit({
    event: 'instalment.due',
    data: instalmentDueData(instalment, order),
  });
  if (!delivery) {
    unpaid(sandbox, instalment);
    return;
  }
  const notified: Instalment = { ...instalment, status: 'notified', delivery_id: delivery.id };
  records.instalments.save(notified);
  // A dropped delivery is finished before its id is saved: settle it now.
  if (delivery.state !== 'pending') settleNotice(sandbox, delivery);
}

/** The partner answered an instalment.due (or never will): the charge is authorised, or not. */
export function settleNotice(sandbox: GrowSandbox, delivery: Delivery): void {
  if (delivery.event !== 'instalment.due') return;
  const records = sandbox.stores.grow;
  const instalment = records.instalments.list().find((candidate) => candidate.delivery_id === delivery.id);
  if (instalment?.status !== 'notified') return;
  if (!delivery.delivered) {
    unpaid(sandbox, instalment);
    return;
  }
  const authorised: Instalment = { ...instalment, status: 'authorised' };
  records.instalments.save(authorised);
  if (Date.parse(authorised.due_at) <= sandbox.clock.now()) charge(sandbox, authorised.id);
  else scheduleInstalment(sandbox, authorised);
}

function charge(sandbox: GrowSandbox, id: number): void {
  const records = sandbox.stores.grow;
  const instalment = records.instalments.find(id);
  if (instalment?.status !== 'authorised' || Date.parse(instalment.due_at) > sandbox.clock.now()) return;
  records.instalments.save({ ...instalment, status: 'paid' });
  moveWallet(sandbox, {
    type: 'debit',
    currency: instalment.currency,
    amount: instalment.amount,
    orderId: instalment.order_id,
    at: formatSeconds(sandbox.clock.now()),
    narration: `Instalment ${instalment.number} of ${instalment.of}, order ${instalment.order_id}`,
  });
}

/** INFERENCE (reference §8): an instalment not authorised is not charged, and the policy lapses. */
function unpaid(sandbox: GrowSandbox, instalment: Instalment): void {
  const records = sandbox.stores.grow;
  records.instalments.save({ ...instalment, status: 'unpaid' });
  const order = records.orders.find(instalment.order_id);
  if (order?.policy) records.orders.save({ ...order, policy: { ...order.policy, status: 'lapsed' } });
}
