/**
 * battleface's part of the QA dashboard (a browser ES module, served as text: see
 * src/admin/ui/app-script.ts for the contract). Actions follow the order's state: Process
 * Payment (reference §4) and cancel for a Pending order, settling an intent that waits on Stripe.
 */
export const BATTLEFACE_DASHBOARD = String.raw`
const path = (number) => encodeURIComponent(number);
const PATCH_HELP = 'A JSON Merge Patch (RFC 7396): only the fields given change, null removes one; the order is checked with the partner\'s schema.';

export default {
  faultTemplates: [
    { label: 'battleface: every payment/status is 2 s slow', rule: { match: { partner: 'battleface', path: '/api/partner/orders/*/payment/status' }, action: { delay_ms: 2000 } } },
    { label: 'battleface: next payment/status answers 503', rule: { match: { partner: 'battleface', path: '/api/partner/orders/*/payment/status' }, action: { status: 503 }, times: 1 } },
    { label: 'battleface: next request resets the connection', rule: { match: { partner: 'battleface' }, action: { reset_connection: true }, times: 1 } },
  ],
  render(ui, state) {
    const { h, act, table, json, time, button, openFile, jsonForm } = ui;
    const orders = state.orders ?? [];
    const payments = state.payments ?? [];
    // A failed intent stays open for another try (approvals.ts, settleIntent): it can still be paid.
    const openIntent = (order) => payments.find((payment) => payment.order_number === order.order_number && payment.method === 'intent' && payment.status !== 'succeeded');
    const actions = (order) => {
      const n = order.order_number;
      const list = [];
      if (order.status === 'Pending') {
        list.push(button('Approve', () => act('Approve ' + n + ' (Process Payment)', 'POST', '/api/partner/orders/' + path(n) + '/payment/status', { status: 'Approved' }), { 'aria-label': 'Approve ' + n }));
        const intent = openIntent(order);
        if (intent) {
          list.push(button('Intent paid', () => act('Settle the intent of ' + n + ': succeeded', 'POST', '/__admin/battleface/orders/' + path(n) + '/payment/intent', { outcome: 'succeeded' }), { 'aria-label': 'Intent of ' + n + ' paid' }));
          if (intent.status === 'requires_payment') list.push(button('Intent failed', () => act('Settle the intent of ' + n + ': failed', 'POST', '/__admin/battleface/orders/' + path(n) + '/payment/intent', { outcome: 'failed' }), { 'aria-label': 'Intent of ' + n + ' failed' }));
        }
      }
      if (order.status !== 'Cancelled')
        list.push(button('Cancel', () => act('Cancel ' + n, 'POST', '/__admin/battleface/orders/' + path(n) + '/cancel'), { 'aria-label': 'Cancel ' + n }));
      return h('div', { class: 'actions' }, list,
        jsonForm({ label: 'Edit ' + n, fieldLabel: 'Merge patch for ' + n, method: 'PATCH', path: '/__admin/battleface/orders/' + path(n), sample: { status: order.status }, help: PATCH_HELP, submit: 'Apply patch' }));
    };
    return [h('section', { id: 'partner-battleface', 'aria-labelledby': 'partner-battleface-h' },
      h('h2', { id: 'partner-battleface-h' }, 'battleface orders'),
      table('battleface orders', [
        ['Order number', (o) => h('code', {}, o.order_number)],
        ['Status', (o) => h('span', { class: 'status' }, o.status)],
        ['Premium', (o) => o.premium + ' ' + o.currency_id],
        ['Items', (o) => o.items.length],
        ['Ordered', (o) => time(o.ordered_at)],
        ['Approved', (o) => (o.approved_at ? time(o.approved_at) : '')],
        ['Actions', actions],
        ['Order', (o) => json(o, 'Whole order')],
      ], orders, { key: (o) => o.order_number, empty: 'No battleface orders in this sandbox.' }),
      jsonForm({ label: 'Seed a battleface order', fieldLabel: 'Order fields (JSON)', method: 'POST', path: '/__admin/battleface/orders', sample: { status: 'Pending' }, help: 'Any part of an order, from {} to a whole one: the partner\'s defaults fill the rest (POST /__admin/battleface/orders).', submit: 'Seed order' }),
      h('h3', {}, 'Quotes'),
      table('battleface quotes', [
        ['Id', (q) => h('code', {}, q.id)],
        ['Price', (q) => q.quoted_price],
        ['Email', (q) => q.email ?? ''],
        ['Created', (q) => time(q.created_at)],
        ['Quote', (q) => json(q, 'Whole quote')],
        ['', (q) => jsonForm({ label: 'Edit quote ' + q.id, fieldLabel: 'Merge patch for quote ' + q.id, method: 'PATCH', path: '/__admin/battleface/quotes/' + path(q.id), sample: {}, help: PATCH_HELP, submit: 'Apply patch' })],
      ], state.quotes ?? [], { key: (q) => q.id, empty: 'No saved quotes.' }),
      jsonForm({ label: 'Seed a battleface quote', fieldLabel: 'Quote fields (JSON)', method: 'POST', path: '/__admin/battleface/quotes', sample: {}, help: 'Any part of a saved quote: defaults fill the rest.', submit: 'Seed quote' }),
      h('h3', {}, 'Outbox: policy emails'),
      table('battleface policy emails, as sent', [
        ['Sent', (e) => time(e.sent_at)],
        ['To', (e) => e.to],
        ['Subject', (e) => e.subject],
        ['Order', (e) => h('code', {}, e.order_number)],
        ['', (e) => button('Open', () => openFile('/__admin/battleface/emails/' + path(e.id), e.id + '.txt'), { 'aria-label': 'Open email ' + e.id })],
      ], state.emails ?? [], { key: (e) => e.id, empty: 'No emails: approving an order with send_policy_emails sends one.' }),
      h('h3', {}, 'Outbox: policy documents'),
      table('battleface policy documents', [
        ['File id', (d) => d.file_id],
        ['Policy number', (d) => h('code', {}, d.policy_number)],
        ['Order', (d) => h('code', {}, d.order_number)],
        ['Generated', (d) => time(d.created_at)],
        ['', (d) => button('Open', () => openFile('/__admin/battleface/documents/' + d.file_id, d.policy_number + '.pdf'), { 'aria-label': 'Open policy document ' + d.file_id })],
      ], state.documents ?? [], { key: (d) => String(d.file_id), empty: 'No documents: approving an order with generate_policy_document makes one per item.' }),
      h('h3', {}, 'Payments'),
      table('battleface payments (Stripe)', [
        ['Order', (p) => h('code', {}, p.order_number)],
        ['Method', (p) => p.method],
        ['Id', (p) => h('code', {}, p.id)],
        ['Status', (p) => p.status],
        ['Pays itself', (p) => (p.succeeds_at ? time(p.succeeds_at) : '')],
      ], payments, { key: (p) => p.order_number, empty: 'No payments: a charge or an intent makes one.' }),
      h('h3', {}, 'Claims'),
      table('battleface claims (Claims API)', [
        ['Claim number', (c) => h('code', {}, c.claimNumber)],
        ['Policy', (c) => h('code', {}, c.policyNumber)],
        ['Order', (c) => h('code', {}, c.orderNumber)],
        ['Status', (c) => c.status],
        ['Submitted', (c) => time(c.submittedAt)],
        ['Submission', (c) => json(c.submission, 'Whole submission')],
      ], state.claims ?? [], { key: (c) => c.claimNumber, empty: 'No claims filed through the Claims API.' }))];
  },
};
`;
