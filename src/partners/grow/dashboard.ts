/**
 * Grow's part of the QA dashboard (a browser ES module, served as text: see
 * src/admin/ui/app-script.ts for the contract). Actions follow the order's state table
 * (domain/lifecycle.ts: authorize and cancel from pending, cancel from paid) and a claim's steps
 * (admin/claims.ts); webhook settings and deliveries come from the control plane.
 */
export const GROW_DASHBOARD = String.raw`
const STEPS = ['pending', 'processing', 'discharge_voucher', 'approved', 'settled'];

function webhooks(ui) {
  const { h, fill, act, table, json, time, button, call } = ui;
  const box = h('div', {}, h('p', { class: 'muted' }, 'Loading webhooks…'));
  Promise.all([call('GET', '/__admin/grow/webhook'), call('GET', '/__admin/webhooks')]).then(([settings, { deliveries }]) => {
    fill(box, 
      h('p', {}, 'URL: ', h('code', {}, settings.url ?? 'none (deliveries are not sent)'), ' · secret: ', h('code', {}, settings.secret || 'none'), ' · deliver twice: ', settings.deliver_twice ? 'on' : 'off'),
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
    const { h, act, table, json, time, button, openFile } = ui;
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
      return h('div', { class: 'actions' }, list);
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
