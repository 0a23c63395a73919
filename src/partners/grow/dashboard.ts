/**
 * Grow's part of the QA dashboard (a browser ES module, served as text: see
 * src/admin/ui/app-script.ts for the contract). Actions follow the order's state table
 * (domain/lifecycle.ts: authorize and cancel from pending, cancel from paid) and a claim's steps
 * (admin/claims.ts); webhook settings and deliveries come from the control plane.
 */
export const GROW_DASHBOARD = String.raw`
const STEPS = ['pending', 'processing', 'discharge_voucher', 'approved', 'settled'];
const PATCH_HELP = 'A JSON Merge Patch (RFC 7396): only the fields given change, null removes one; the order is checked with the partner\'s schema.';

function webhooks(ui) {
  const { h, fill, act, table, json, time, button, call } = ui;
  const box = h('div', {}, h('p', { class: 'muted' }, 'Loading webhooks…'));
  Promise.all([call('GET', '/__admin/grow/webhook'), call('GET', '/__admin/webhooks')]).then(([settings, { deliveries }]) => {
    const url = h('input', { id: 'grow-webhook-url', type: 'url', size: 40, value: settings.url ?? '', placeholder: 'https://your-app.test/webhooks/grow' });
    const secret = h('input', { id: 'grow-webhook-secret', type: 'password', autocomplete: 'off', placeholder: 'unchanged', 'aria-describedby': 'grow-webhook-help' });
    const twice = h('input', { id: 'grow-webhook-twice', type: 'checkbox', checked: settings.deliver_twice });
    const inline = h('div', { 'aria-live': 'polite' });
    fill(box, 
      h('p', {}, 'URL: ', h('code', {}, settings.url ?? 'none (deliveries are not sent)'), ' · secret: ', h('code', {}, settings.secret || 'none'), ' · deliver twice: ', settings.deliver_twice ? 'on' : 'off'),
      h('form', { class: 'inline', 'aria-label': 'Grow webhook settings', onsubmit: (event) => {
        event.preventDefault();
        const body = { url: url.value.trim() === '' ? null : url.value.trim(), deliver_twice: twice.checked };
        if (secret.value !== '') body.secret = secret.value;
        act('Set the Grow webhook', 'PUT', '/__admin/grow/webhook', body, { inline });
      } },
      h('label', { for: 'grow-webhook-url' }, 'Webhook URL'), ' ', url, ' ',
      h('label', { for: 'grow-webhook-secret' }, 'Secret'), ' ', secret, ' ',
      twice, ' ', h('label', { for: 'grow-webhook-twice' }, 'Deliver each event twice'), ' ',
      h('button', { type: 'submit' }, 'Save webhook settings')),
      h('p', { id: 'grow-webhook-help', class: 'muted' }, 'An empty URL stops deliveries; an empty secret keeps the current one (it is never shown in full).'),
      inline,
      table('Grow webhook deliveries, newest first', [
        ['Id', (d) => h('code', {}, d.id)],
        ['Event', (d) => d.event],
        ['State', (d) => d.state],
        ['Attempts', (d) => d.attempts.map((a) => '#' + a.number + ' ' + time(a.at) + ' → ' + (a.status ?? a.error ?? '…')).join('; ')],
        ['Next attempt', (d) => (d.next_attempt_at ? time(d.next_attempt_at) : '')],
        ['', (d) => button('Redeliver', () => act('Redeliver ' + d.id, 'POST', '/__admin/webhooks/' + encodeURIComponent(d.id) + '/redeliver'), { 'aria-label': 'Redeliver ' + d.id })],
        ['Payload', (d) => json(d.payload, 'Payload')],
      ], deliveries, { empty: 'No webhook deliveries yet.' }));
  }, (error) => fill(box, h('p', { class: 'error', role: 'alert' }, error.message)));
  return box;
}

export default {
  faultTemplates: [
    { label: 'grow: next authorize answers 503', rule: { match: { partner: 'grow', path: '/v1/orders/authorize' }, action: { status: 503 }, times: 1 } },
    { label: 'grow: every authorize is 2 s slow', rule: { match: { partner: 'grow', path: '/v1/orders/authorize' }, action: { delay_ms: 2000 } } },
    { label: 'grow: next authorize gets a malformed body', rule: { match: { partner: 'grow', path: '/v1/orders/authorize' }, action: { malformed_body: true }, times: 1 } },
  ],
  render(ui, state) {
    const { h, act, table, json, time, button, openFile, jsonForm } = ui;
    const orders = state.orders ?? [];
    const insured = orders.filter((o) => o.policy);
    const pending = new Map((state.pending_policies ?? []).map((p) => [p.order_id, p]));
    const orderActions = (order) => {
      const id = order.id;
      const list = [];
      if (order.status === 'pending') {
        list.push(button('Authorize', () => act('Authorize order ' + id, 'POST', '/v1/orders/authorize', { id }), { 'aria-label': 'Authorize order ' + id }));
        // A purchase by web link or card waits for the customer (routes/purchases.ts).
        if (order.payment_method !== 'wallet')
          list.push(button('Pay', () => act('Pay order ' + id + ' (the customer pays)', 'POST', '/__admin/grow/orders/' + id + '/payment'), { 'aria-label': 'Pay order ' + id }));
      }
      if (order.status === 'pending' || order.status === 'paid')
        list.push(button('Cancel', () => act('Cancel order ' + id, 'POST', '/v1/orders/' + id + '/cancel'), { 'aria-label': 'Cancel order ' + id }));
      return h('div', { class: 'actions' }, list,
        jsonForm({ label: 'Edit order ' + id, fieldLabel: 'Merge patch for order ' + id, method: 'PATCH', path: '/__admin/grow/orders/' + id, sample: { status: order.status }, help: PATCH_HELP, submit: 'Apply patch' }));
    };
    const claimActions = (claim) => {
      const at = STEPS.indexOf(claim.status);
      if (at < 0 || claim.status === 'settled') return '';
      const next = STEPS[at + 1];
      return h('div', { class: 'actions' },
        button('Move to ' + next, () => act('Move claim ' + claim.id + ' to ' + next, 'POST', '/__admin/grow/claims/' + claim.id + '/step', { to: next }), { 'aria-label': 'Move claim ' + claim.id + ' to ' + next }),
        button('Decline', () => act('Decline claim ' + claim.id, 'POST', '/__admin/grow/claims/' + claim.id + '/step', { to: 'declined' }), { 'aria-label': 'Decline claim ' + claim.id }));
    };
    return [h('section', { id: 'partner-grow', 'aria-labelledby': 'partner-grow-h' },
      h('h2', { id: 'partner-grow-h' }, 'Grow orders'),
      table('Grow orders', [
        ['Id', (o) => o.id],
        ['Status', (o) => h('span', { class: 'status' }, o.status)],
        ['Amount due', (o) => o.amount_due + ' ' + o.currency],
        ['Payment', (o) => o.payment_method + (o.payment_made_at ? ' (paid ' + time(o.payment_made_at) + ')' : '')],
        ['Policy', (o) => (o.policy ? h('code', { class: 'policy' }, o.policy.number) : pending.has(o.id) ? 'due ' + time(pending.get(o.id).due_at) : '')],
        ['Actions', orderActions],
        ['Order', (o) => json(o, 'Whole order')],
      ], orders, { key: (o) => String(o.id), empty: 'No Grow orders in this sandbox.' }),
      jsonForm({ label: 'Seed a Grow order', fieldLabel: 'Order fields (JSON)', method: 'POST', path: '/__admin/grow/orders', sample: { status: 'pending' }, help: 'Any part of an order, from {} to a whole one: the partner\'s defaults fill the rest (POST /__admin/grow/orders).', submit: 'Seed order' }),
      h('h3', {}, 'Quotes'),
      table('Grow quotes', [
        ['Id', (q) => q.id],
        ['Status', (q) => q.status],
        ['Amount due', (q) => q.amount_due + ' ' + q.currency],
        ['Product', (q) => q.product.code],
        ['Quote', (q) => json(q, 'Whole quote')],
      ], state.quotes ?? [], { key: (q) => String(q.id), empty: 'No quotes.' }),
      h('h3', {}, 'Customers'),
      table('Grow customers', [
        ['Ref', (c) => h('code', {}, c.ref)],
        ['Name', (c) => [c.first_name, c.last_name].filter(Boolean).join(' ')],
        ['Email', (c) => c.email ?? ''],
        ['Customer', (c) => json(c, 'Whole customer')],
      ], state.customers ?? [], { key: (c) => c.ref, empty: 'No customers.' }),
      h('h3', {}, 'Wallets'),
      table('Grow wallets', [
        ['Currency', (w) => w.currency],
        ['Balance', (w) => w.balance],
      ], state.wallets ?? [], { key: (w) => w.currency, empty: 'No wallets.' }),
      table('Grow wallet transactions, newest last', [
        ['Reference', (t) => h('code', {}, t.reference)],
        ['Type', (t) => t.type],
        ['Amount', (t) => t.amount + ' ' + t.currency],
        ['Balance after', (t) => t.balance_after],
        ['Description', (t) => t.description],
        ['At', (t) => time(t.created_at)],
      ], state.wallet_transactions ?? [], { empty: 'No wallet transactions.' }),
      h('h3', {}, 'Policy documents'),
      table('Grow policy documents', [
        ['Policy', (o) => h('code', {}, o.policy.number)],
        ['Order', (o) => o.id],
        ['Status', (o) => o.policy.status],
        ['Cover', (o) => time(o.policy.start_date) + ' to ' + time(o.policy.end_date)],
        // The partner's own route (routes/orders.ts), as the policy's document_url names it.
        ['', (o) => button('Open', () => openFile('/v1/policies/' + o.policy.id + '/doc', o.policy.number + '.pdf'), { 'aria-label': 'Open policy document ' + o.policy.number })],
      ], insured, { key: (o) => String(o.policy.id), empty: 'No policies yet: an authorized order gets one once the insurer issues it.' }),
      h('h3', {}, 'Claims'),
      table('Grow claims', [
        ['Id', (c) => c.id],
        ['Order', (c) => c.order_id],
        ['Status', (c) => c.status],
        ['Requested', (c) => c.amount_requested + ' ' + c.currency],
        ['Approved', (c) => (c.amount_approved === null ? '' : c.amount_approved)],
        ['Next insurer step', (c) => (c.next_step_at ? time(c.next_step_at) : '')],
        ['Actions', claimActions],
        ['Claim', (c) => json(c, 'Whole claim')],
      ], state.claims ?? [], { key: (c) => String(c.id), empty: 'No claims.' }),
      h('h3', {}, 'Webhooks'),
      webhooks(ui))];
  },
};
`;
