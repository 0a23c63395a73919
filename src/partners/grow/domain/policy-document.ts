import type { Order } from '../schemas/orders.js';

/**
 * A one-page PDF standing in for the insurer's policy document, so the `document_url` of a policy
 * (and the `document.download` of its webhook) answers with a real file.
 */
export function policyPdf(order: Order): Buffer {
  const policy = order.policy;
  const lines = [
    `${order.product.insurer.name}: ${order.product.title}`,
    `Policy ${policy?.number ?? ''} (partner-sim)`,
    `Insured: ${order.customer.first_name} ${order.customer.last_name}`,
    `Cover: ${policy?.start_date.slice(0, 10) ?? ''} to ${policy?.end_date.slice(0, 10) ?? ''}`,
    `Order ${order.id}, ${order.amount_due} ${order.currency}`,
  ];
  const text = lines
    .map((line, index) => `BT /F1 12 Tf 72 ${720 - index * 20} Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
