import { onePagePdf } from '../../../lib/pdf.js';
import type { Email, Order, PolicyDocument } from '../schemas/orders.js';

// battleface's outbox as QA opens it (issue 19). INFERENCE: the reference publishes neither the
// policy document nor the email's text; these stand-ins carry what the records hold.

/** A one-page PDF standing in for an approval's policy document. */
export function policyDocumentPdf(document: PolicyDocument, order: Order | undefined): Buffer {
  const item = order?.items.find((candidate) => candidate.id === document.item_id);
  return onePagePdf([
    `battleface policy ${document.policy_number} (partner-sim)`,
    `Order ${document.order_number}, file ${document.file_id}`,
    order ? `Applicant: ${order.applicant.first_name} ${order.applicant.last_name}` : 'Order no longer held',
    order && item ? `Order premium: ${order.premium} ${order.currency_id}` : '',
    `Generated ${document.created_at}`,
  ]);
}

/** The policy email as a plain-text message: its headers, then a body naming its documents. */
export function emailText(email: Email, documents: readonly PolicyDocument[]): string {
  const attached = documents.filter((document) => document.order_number === email.order_number);
  return [
    `To: ${email.to}`,
    `Subject: ${email.subject}`,
    `Date: ${email.sent_at}`,
    '',
    `Thank you for your order ${email.order_number}.`,
    `Policies: ${email.policy_numbers.join(', ')}`,
    attached.length === 0
      ? 'No policy document was attached (the order generates none).'
      : `Attached: ${attached.map((document) => `policy document ${document.file_id} (${document.policy_number})`).join(', ')}`,
    '',
    '(partner-sim: an email battleface would have sent; nothing left the simulator.)',
    '',
  ].join('\n');
}
