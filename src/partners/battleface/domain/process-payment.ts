import type { Email, Order, OrderStatus, PaymentStatusBody, PolicyDocument } from '../schemas/orders.js';

/** What Process Payment does to an order in each status (reference §4 and §5). */
export const PROCESS_PAYMENT: Record<OrderStatus, 'approve' | 'already-approved' | 'unchanged'> = {
  Pending: 'approve',
  // INFERENCE (reference §5): approving twice is idempotent; approved_at does not move.
  Approved: 'already-approved',
  // The partner's own example answers 200 with the Cancelled order untouched (reference §5).
  Cancelled: 'unchanged',
};

export interface ProcessPaymentContext {
  /** The sandbox's current time as a battleface timestamp; read only when the order changes. */
  now: () => string;
  /** The sandbox's next policy_file_id: new documents number from it. */
  nextFileId: number;
  newId: () => string;
}

export interface ProcessPaymentResult {
  order: Order;
  /** Whether `order` differs from the input and must be saved. */
  changed: boolean;
  /** New documents, numbered from `nextFileId` up: the sandbox's counter moves past them. */
  documents: PolicyDocument[];
  email?: Email;
}

/** Manual approval of an order whose payment was received ("Process Payment", reference §5). */
export function processPayment(
  current: Order,
  body: PaymentStatusBody,
  context: ProcessPaymentContext,
): ProcessPaymentResult {
  const action = PROCESS_PAYMENT[current.status];
  if (action === 'unchanged') return { order: current, changed: false, documents: [] };

  const flags = current.items[0]?.order.flags;
  // INFERENCE (reference §5): generate_docs omitted follows the order's generate_policy_document flag.
  const generateDocs = body.generate_docs ?? flags?.generate_policy_document ?? false;
  const needsDocuments = generateDocs && current.items.some((item) => item.policy_file_id === null);
  if (action === 'already-approved' && !needsDocuments)
    return { order: current, changed: false, documents: [] };
  return approval(current, { approve: action === 'approve', generateDocs }, context);
}

/**
 * A Pending order paid by a charge or an intent: Approved "automatically" (reference §3 #7), with
 * documents and emails as the order's flags say.
 */
export function approveOnPayment(current: Order, context: ProcessPaymentContext): ProcessPaymentResult {
  const flags = current.items[0]?.order.flags;
  return approval(
    current,
    { approve: true, generateDocs: flags?.generate_policy_document ?? false },
    context,
  );
}

function approval(
  current: Order,
  options: { approve: boolean; generateDocs: boolean },
  context: ProcessPaymentContext,
): ProcessPaymentResult {
  const flags = current.items[0]?.order.flags;
  const order = structuredClone(current) as Order;
  const now = context.now();
  if (options.approve) {
    order.status = 'Approved';
    order.status_updated_at = now;
    order.approved_at = now;
    for (const item of order.items) {
      item.order.status = 'Approved';
      item.order.status_updated_at = now;
      item.order.approved_at = now;
      item.order.updated_at = now;
    }
  }

  const documents: PolicyDocument[] = [];
  if (options.generateDocs) {
    for (const item of order.items) {
      if (item.policy_file_id !== null) continue;
      item.policy_file_id = context.nextFileId + documents.length;
      documents.push({
        file_id: item.policy_file_id,
        order_number: order.order_number,
        item_id: item.id,
        policy_number: item.policy_number,
        created_at: now,
      });
    }
  }

  const email = options.approve && flags?.send_policy_emails ? policyEmail(order, now, context) : undefined;
  return email ? { order, changed: true, documents, email } : { order, changed: true, documents };
}

function policyEmail(order: Order, now: string, context: ProcessPaymentContext): Email {
  const policyNumbers = order.items.map((item) => item.policy_number);
  return {
    id: context.newId(),
    to: order.applicant.email,
    subject: `Your battleface policy ${policyNumbers.join(', ')}`,
    order_number: order.order_number,
    policy_numbers: policyNumbers,
    sent_at: now,
  };
}
