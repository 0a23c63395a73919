/**
 * The dashboard's script, served as text (no build step): a browser ES module, written without
 * template literals so it can live in this string. It builds every element with textContent, never
 * innerHTML, so no record, however hostile, becomes markup.
 *
 * A partner's module (PartnerModule.dashboard) is imported from /__admin/ui/partners/<name>.js and
 * default-exports `{ faultTemplates?: [{label, rule}], render(ui, partnerState) => Node[] }`, where
 * `ui` offers h, act, table, json, time and the partner's name.
 */
export const APP_SCRIPT = String.raw`
const KEYS = { sandbox: 'partner-sim.sandbox', admin: 'partner-sim.admin' };
const meta = (name) => (document.querySelector('meta[name="partner-sim:' + name + '"]')?.content ?? '').split(' ').filter(Boolean);
const PARTNERS = meta('partners');
const DASHBOARDS = meta('dashboards');
const session = {
  get sandbox() { return sessionStorage.getItem(KEYS.sandbox) ?? ''; },
  set sandbox(value) { value ? sessionStorage.setItem(KEYS.sandbox, value) : sessionStorage.removeItem(KEYS.sandbox); },
  get admin() { return sessionStorage.getItem(KEYS.admin) ?? ''; },
  set admin(value) { value ? sessionStorage.setItem(KEYS.admin, value) : sessionStorage.removeItem(KEYS.admin); },
};
let adminRequired = false;
const modules = new Map();

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces an element's children, skipping the null, undefined and false a condition leaves. */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false));
}

/** The simulator's own masking: the last four characters of a token of 12 or more. */
export const mask = (token) => (token.length >= 12 ? '****' + token.slice(-4) : '****');
const time = (iso) => (typeof iso === 'string' ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : String(iso ?? ''));
const section = (id) => document.getElementById(id);
const bodyOf = (id) => section(id).querySelector('.body');

class CallError extends Error {
  constructor(status, message, issues) { super(message); this.status = status; this.issues = issues ?? []; }
}

/** One control-plane or partner call, with the sandbox's bearer token and the admin token. */
function headersFor(body, options = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session.admin) headers['x-admin-token'] = session.admin;
  if (options.sandbox !== false && session.sandbox) headers.authorization = 'Bearer ' + session.sandbox;
  return headers;
}

async function call(method, path, body, options = {}) {
  const headers = headersFor(body, options);
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new CallError(0, method + ' ' + path + ' did not reach the simulator (' + error.message + '): is it still running?');
  }
  const text = await response.text();
  let data;
  try { data = text === '' ? undefined : JSON.parse(text); } catch { data = text; }
  if (!response.ok) {
    const said = typeof data === 'object' && data !== null ? (data.error ?? data.message ?? data.errors ?? JSON.stringify(data)) : (data || response.statusText);
    const issues = typeof data === 'object' && data !== null && Array.isArray(data.issues) ? data.issues : [];
    const error = new CallError(response.status, method + ' ' + path + ' answered ' + response.status + ': ' + (typeof said === 'string' ? said : JSON.stringify(said)), issues);
    if (response.status === 401 && /X-Admin-Token/.test(error.message)) askAdminToken(error);
    throw error;
  }
  return data;
}

const SECRET_VARIABLES = { secret: 'SIM_WEBHOOK_SECRET' };

/** The curl a script would run for the same call; tokens stay in shell variables. */
export function curlOf(method, path, body, options = {}) {
  const parts = ['curl -s'];
  if (method !== 'GET') parts.push('-X ' + method);
  parts.push("'" + location.origin + path + "'");
  if (options.sandbox !== false) parts.push('-H "Authorization: Bearer $SIM_SANDBOX_TOKEN"');
  if (adminRequired) parts.push('-H "X-Admin-Token: $SIM_ADMIN_TOKEN"');
  if (body !== undefined) {
    // A secret typed into a form stays a shell variable here too, spliced out of the quotes.
    const text = JSON.stringify(body, (key, value) => (key in SECRET_VARIABLES && typeof value === 'string' ? '\u2063' + SECRET_VARIABLES[key] + '\u2063' : value));
    parts.push("-H 'Content-Type: application/json' -d '" + text.replace(/'/g, "'\\''").replace(/\u2063(\w+)\u2063/g, "'\"$$$1\"'") + "'");
  }
  return parts.join(' ');
}

function say(text, kind = 'error', issues = []) {
  const box = document.getElementById('message');
  fill(box);
  if (!text) return;
  box.append(h('p', { class: kind, role: kind === 'error' ? 'alert' : undefined }, text), issues.length ? h('ul', { class: kind }, issues.map((issue) => h('li', {}, issue))) : null);
}

/** Runs an action, showing its curl and what the simulator answered, then refreshes the views. */
export async function act(label, method, path, body, options = {}) {
  const target = bodyOf('last-action');
  section('last-action').hidden = false;
  const outcome = h('p', { class: 'muted' }, 'Running…');
  fill(target, h('p', {}, h('strong', {}, label)), h('pre', { class: 'curl', 'aria-label': 'Equivalent curl' }, curlOf(method, path, body, options)), outcome);
  const inline = options.inline;
  let ok = false;
  try {
    const data = await call(method, path, body, options);
    outcome.className = 'ok';
    outcome.textContent = 'Done.';
    if (data !== undefined) target.append(json(data, 'Answer'));
    say('');
    if (inline) fill(inline);
    ok = true;
  } catch (error) {
    outcome.className = 'error';
    outcome.textContent = error.message;
    say(label + ' failed: ' + error.message, 'error', error.issues);
    // A form shows what was wrong beside its fields, and keeps what was typed (no redraw).
    if (inline) {
      fill(inline, h('p', { class: 'error', role: 'alert' }, error.message), error.issues.length ? h('ul', { class: 'error' }, error.issues.map((issue) => h('li', {}, issue))) : null);
      return false;
    }
  }
  await refresh();
  return ok;
}

export function json(value, label = 'JSON') {
  return h('details', { class: 'json' }, h('summary', {}, label), h('pre', {}, JSON.stringify(value, null, 2)));
}

/** A table: columns of [label, row => text or node]; the caption names it for assistive tech. */
export function table(caption, columns, rows, options = {}) {
  if (rows.length === 0) return h('p', { class: 'muted' }, options.empty ?? 'None.');
  return h('div', { class: 'scroll' }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(([label]) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, rows.map((row) => h('tr', { 'data-key': options.key ? options.key(row) : undefined }, columns.map(([, cell]) => h('td', {}, cell(row))))))));
}

const button = (label, onclick, extra = {}) => h('button', { type: 'button', onclick, ...extra }, label);

let formCount = 0;
/**
 * A form that sends a JSON body (a merge patch, a new record, a fault rule) and shows what the
 * simulator refused beside it, keeping the text. Options: label, method, path, sample, help.
 */
export function jsonForm(options) {
  const id = 'json-form-' + ++formCount;
  const area = h('textarea', { id, rows: 6, cols: 60, spellcheck: 'false', 'aria-describedby': id + '-help' }, JSON.stringify(options.sample ?? {}, null, 2));
  const inline = h('div', { 'aria-live': 'polite' });
  return h('details', { class: 'json-form' }, h('summary', {}, options.label),
    h('form', { onsubmit: async (event) => {
      event.preventDefault();
      let body;
      try {
        body = JSON.parse(area.value);
      } catch (error) {
        fill(inline, h('p', { class: 'error', role: 'alert' }, 'Not JSON: ' + error.message + '. Fix the text and send it again.'));
        return;
      }
      await act(options.label, options.method, options.path, body, { inline, sandbox: options.sandbox });
    } },
    h('label', { for: id }, options.fieldLabel ?? 'JSON body'), h('br'), area,
    h('p', { id: id + '-help', class: 'muted' }, options.help ?? ''),
    h('button', { type: 'submit' }, options.submit ?? 'Send'), inline));
}

// --- admin token -----------------------------------------------------------------------------

function askAdminToken(error) {
  adminRequired = true;
  const gate = document.getElementById('admin-gate');
  const input = h('input', { id: 'admin-token', type: 'password', autocomplete: 'off', required: true });
  fill(gate, h('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    session.admin = input.value;
    gate.hidden = true;
    await start();
  } },
  h('h2', {}, 'Admin token'),
  h('p', {}, 'This simulator sets SIM_ADMIN_TOKEN: every control-plane call needs it. It is kept for this tab only (sessionStorage).'),
  session.admin ? h('p', { class: 'error', role: 'alert' }, 'The admin token was refused: ' + error.message) : null,
  h('label', { for: 'admin-token' }, 'Admin token'), ' ', input, ' ',
  h('button', { type: 'submit' }, 'Use this token')));
  gate.hidden = false;
  document.getElementById('main').hidden = true;
  input.focus();
}

// --- sandboxes -------------------------------------------------------------------------------

function renderSession() {
  const box = document.getElementById('session');
  const input = h('input', { id: 'sandbox-token', type: 'password', autocomplete: 'off', required: true, placeholder: 'the token your partner requests use' });
  const open = h('form', { class: 'inline', onsubmit: async (event) => {
    event.preventDefault();
    session.sandbox = input.value.trim();
    await refresh();
  } }, h('label', { for: 'sandbox-token' }, 'Sandbox token'), ' ', input, ' ', h('button', { type: 'submit' }, 'Open'));
  fill(box, 
    session.sandbox ? h('p', {}, 'Open sandbox: ', h('code', { id: 'open-sandbox' }, mask(session.sandbox)), ' ', button('Close', async () => { session.sandbox = ''; await refresh(); })) : null,
    open,
    adminRequired ? h('p', { class: 'muted' }, 'Admin token kept for this tab. ', button('Forget it', () => { session.admin = ''; location.reload(); })) : null,
  );
}

function recordCounts(records) {
  return Object.entries(records).map(([partner, counts]) => partner + ': ' + Object.entries(counts).filter(([, n]) => n > 0).map(([name, n]) => n + ' ' + name).join(', ')).join(' · ');
}

async function renderSandboxes() {
  const { sandboxes } = await call('GET', '/__admin/sandboxes', undefined, { sandbox: false });
  const mine = session.sandbox ? mask(session.sandbox) : undefined;
  fill(bodyOf('sandboxes'), 
    h('p', { class: 'muted' }, 'Open a sandbox by entering its token above (a new token starts a fresh sandbox from the fixtures). Tokens are masked here, as the simulator lists them. ', h('code', {}, curlOf('GET', '/__admin/sandboxes', undefined, { sandbox: false }))),
    table('Live sandboxes, most recently used first', [
      ['Token', (s) => h('code', {}, s.token + (s.token === mine ? ' (open)' : ''))],
      ['Created', (s) => time(s.created_at)],
      ['Last used', (s) => time(s.last_used_at)],
      ['Clock', (s) => time(s.clock.now) + (s.clock.frozen ? ' (frozen)' : '')],
      ['Requests', (s) => s.requests],
      ['Pending work', (s) => s.pending_work],
      ['Records', (s) => recordCounts(s.records)],
    ], sandboxes, { empty: 'No sandbox yet: open one with its token.' }),
    button('Refresh', refresh),
  );
}

// --- clock -----------------------------------------------------------------------------------

const STEPS = [['+2 s', 2000], ['+1 h', 3_600_000], ['+1 day', 86_400_000], ['+30 days', 2_592_000_000]];

async function renderClock(clock) {
  const at = h('input', { id: 'freeze-at', type: 'text', size: 26, value: clock.now, 'aria-describedby': 'freeze-at-help', spellcheck: 'false' });
  const inline = h('div', { 'aria-live': 'polite' });
  const pending = h('div', {}, h('p', { class: 'muted' }, 'Loading the pending work…'));
  fill(bodyOf('clock'),
    h('p', {}, 'Now ', h('strong', { id: 'clock-now' }, time(clock.now)), ' ', h('span', { id: 'clock-mode', class: clock.frozen ? 'badge frozen' : 'badge' }, clock.frozen ? 'frozen' : 'flowing')),
    h('div', { class: 'actions', role: 'group', 'aria-label': 'Clock actions' },
      button('Freeze now', () => act('Freeze the clock', 'PUT', '/__admin/clock', { now: clock.now })),
      STEPS.map(([label, ms]) => button('Advance ' + label, () => act('Advance the clock ' + label, 'POST', '/__admin/clock/advance', { ms }))),
      clock.frozen ? button('Resume', () => act('Resume the clock', 'POST', '/__admin/clock/resume')) : null),
    h('form', { class: 'inline', 'aria-label': 'Freeze at an instant', onsubmit: (event) => {
      event.preventDefault();
      act('Freeze the clock at ' + at.value.trim(), 'PUT', '/__admin/clock', { now: at.value.trim() }, { inline });
    } }, h('label', { for: 'freeze-at' }, 'Freeze at'), ' ', at, ' ', h('button', { type: 'submit' }, 'Freeze at this instant')),
    h('p', { id: 'freeze-at-help', class: 'muted' }, 'An ISO 8601 instant, such as 2026-02-01T00:00:00Z; an earlier one is allowed, and what is due by then runs.'),
    inline,
    h('h3', {}, 'Pending work'),
    pending,
  );
  try {
    const { work, scheduled } = await call('GET', '/__admin/clock/pending');
    fill(pending,
      table('Work waiting on the sandbox clock, soonest first', [
        ['Due', (w) => time(w.due_at)],
        ['Partner', (w) => w.partner],
        ['What', (w) => w.kind],
        ['For', (w) => w.subject],
      ], work, { empty: 'Nothing is waiting on the clock.' }),
      h('p', { class: 'muted' }, scheduled + ' timers on the clock in all. Advancing runs the work that became due.'));
  } catch (error) {
    fill(pending, h('p', { class: 'error', role: 'alert' }, error.message));
  }
}

// --- faults ----------------------------------------------------------------------------------

function renderFaults(faults) {
  const templates = [...modules.entries()].flatMap(([name, module]) => (module.faultTemplates ?? []).map((template) => ({ ...template, partner: name })));
  const select = h('select', { id: 'fault-template' }, templates.map((template, index) => h('option', { value: index }, template.label)));
  fill(bodyOf('faults'), 
    table('Fault rules', [
      ['Id', (f) => h('code', {}, f.id)],
      ['Match', (f) => h('code', {}, JSON.stringify(f.match))],
      ['Action', (f) => h('code', {}, JSON.stringify(f.action))],
      ['Remaining', (f) => (f.remaining === null ? 'every time' : f.remaining === 0 ? '0 (spent)' : f.remaining)],
      ['', (f) => button('Delete', () => act('Delete fault ' + f.id, 'DELETE', '/__admin/faults/' + encodeURIComponent(f.id)), { 'aria-label': 'Delete fault ' + f.id })],
    ], faults, { empty: 'No fault rules: partner requests get the real behaviour.' }),
    templates.length ? h('form', { class: 'inline', onsubmit: (event) => {
      event.preventDefault();
      const template = templates[Number(select.value)];
      act('Add fault: ' + template.label, 'POST', '/__admin/faults', template.rule);
    } }, h('label', { for: 'fault-template' }, 'Template'), ' ', select, ' ', h('button', { type: 'submit' }, 'Add fault')) : null,
    faults.length ? button('Delete every fault', () => act('Delete every fault', 'DELETE', '/__admin/faults')) : null,
    jsonForm({
      label: 'Add a fault rule from a form',
      fieldLabel: 'Fault rule (JSON)',
      method: 'POST',
      path: '/__admin/faults',
      sample: { match: { partner: PARTNERS[0], method: 'POST', path: '/*' }, action: { status: 500 }, times: 1 },
      help: 'match: partner, method, path (* wildcards), order; action: status (with body), delay_ms, reset_connection or malformed_body; times: how many requests it answers (leave it out for every one). See POST /__admin/faults in the admin document.',
      submit: 'Add fault rule',
    }),
  );
}

// --- live traffic ----------------------------------------------------------------------------

const filters = { partner: '', method: '', path: '', status: '' };
const SHOWN = 50;
let traffic = [];
let polling;
const live = { controller: undefined, token: undefined, retry: undefined, connected: false };

function renderTrafficControls() {
  const field = (name, label, control) => {
    control.id = 'filter-' + name;
    control.value = filters[name];
    control.addEventListener('input', () => { filters[name] = control.value.trim(); });
    control.addEventListener('change', () => { filters[name] = control.value.trim(); loadTraffic(); });
    return h('span', { class: 'field' }, h('label', { for: control.id }, label), ' ', control);
  };
  const options = (values) => [h('option', { value: '' }, 'any'), values.map((value) => h('option', { value }, value))];
  return h('form', { class: 'inline filters', onsubmit: (event) => event.preventDefault(), 'aria-label': 'Filters' },
    field('partner', 'Partner', h('select', {}, options(PARTNERS))),
    field('method', 'Method', h('select', {}, options(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']))),
    field('path', 'Path (* wildcards)', h('input', { type: 'text', placeholder: '/v1/orders/*' })),
    field('status', 'Status', h('input', { type: 'text', inputmode: 'numeric', size: 4 })));
}

/** The filters as GET /__admin/requests applies them, for records the stream brings. */
function matchesFilters(record) {
  const glob = (pattern, text) => new RegExp('^' + pattern.split('*').map((part) => part.replace(/[.+?^$(){}|[\]\\]/g, '\\$&')).join('.*') + '$').test(text);
  return (!filters.partner || record.partner === filters.partner) &&
    (!filters.method || record.method === filters.method.toUpperCase()) &&
    (!filters.path || glob(filters.path, record.path)) &&
    (!filters.status || String(record.status) === filters.status);
}

// What the client's transport or browser added, not what the request meant: left out of its curl.
const SKIPPED_HEADERS = new Set(['host', 'authorization', 'content-length', 'connection', 'user-agent', 'accept-encoding', 'accept-language', 'origin', 'referer', 'cookie', 'pragma', 'cache-control', 'priority', 'x-admin-token']);

/** A journal record as the curl that sends it again; the sandbox token stays a shell variable. */
export function recordCurl(record) {
  const query = new URLSearchParams(Object.entries(record.query ?? {}).map(([key, value]) => [key, String(value)])).toString();
  const parts = ['curl -s'];
  if (record.method !== 'GET') parts.push('-X ' + record.method);
  parts.push("'" + location.origin + record.path + (query ? '?' + query : '') + "'");
  if (record.sandbox !== null) parts.push('-H "Authorization: Bearer $SIM_SANDBOX_TOKEN"');
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    if (SKIPPED_HEADERS.has(name) || name.startsWith('sec-') || typeof value !== 'string' || value.includes('****')) continue;
    parts.push("-H '" + name + ': ' + value.replace(/'/g, "'\\''") + "'");
  }
  if (record.body !== null && record.body !== undefined) {
    const text = typeof record.body === 'string' ? record.body : JSON.stringify(record.body);
    parts.push("--data-raw '" + text.replace(/'/g, "'\\''") + "'");
  }
  return parts.join(' ');
}

function copyButton(record) {
  const curl = recordCurl(record);
  const shown = h('pre', { class: 'curl', hidden: true, 'aria-label': 'curl of request ' + record.id }, curl);
  const copy = button('Copy as curl', async () => {
    shown.hidden = false;
    try {
      await navigator.clipboard.writeText(curl);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Select and copy below';
    }
    setTimeout(() => { copy.textContent = 'Copy as curl'; }, 2000);
  }, { 'aria-label': 'Copy request ' + record.id + ' as curl' });
  return h('div', {}, copy, shown);
}

function renderTraffic() {
  fill(section('traffic').querySelector('.list'), table('Partner requests, newest first', [
    ['Time', (r) => time(r.time)],
    ['Partner', (r) => r.partner],
    ['Method', (r) => r.method],
    ['Path', (r) => h('code', {}, r.path)],
    ['Status', (r) => h('span', { class: r.status >= 400 ? 'badge bad' : 'badge' }, r.status)],
    ['ms', (r) => Math.round(r.duration_ms)],
    ['Record', (r) => [json(r, 'Request and response'), copyButton(r)]],
  ], traffic, { key: (r) => r.id, empty: 'No partner request matches yet.' }));
}

async function loadTraffic() {
  if (!session.sandbox || section('traffic').hidden) return;
  const query = new URLSearchParams({ limit: String(SHOWN) });
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  try {
    const { requests } = await call('GET', '/__admin/requests?' + query);
    // Records the stream brought while this listing was on its way are kept (journal ids only increase).
    const newest = requests.length ? Number(requests[0].id) : 0;
    const arrived = traffic.filter((record) => Number(record.id) > newest && matchesFilters(record));
    traffic = [...arrived, ...requests].slice(0, SHOWN);
    renderTraffic();
  } catch (error) {
    fill(section('traffic').querySelector('.list'), h('p', { class: 'error', role: 'alert' }, error.message, error.issues.length ? ' (' + error.issues.join('; ') + ')' : ''));
  }
}

function liveStatus(text, kind = 'muted') {
  const box = document.getElementById('traffic-mode');
  if (box) { box.className = kind; box.textContent = text; }
}

function startPolling() {
  clearInterval(polling);
  polling = setInterval(() => { if (document.visibilityState === 'visible') loadTraffic(); }, 1500);
}

function stopStream() {
  live.controller?.abort();
  live.controller = undefined;
  live.connected = false;
  clearTimeout(live.retry);
}

let partnersDue;
/** One event, as the stream spells it: event, id and data lines. */
function onEvent(block) {
  const lines = block.split('\n');
  const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
  const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
  if (!event || !data) return;
  const value = JSON.parse(data);
  if (event === 'request') {
    if (!matchesFilters(value) || traffic.some((record) => record.id === value.id)) return;
    traffic = [value, ...traffic].slice(0, SHOWN);
    renderTraffic();
  } else {
    // A partner's own change (webhook deliveries): its view is drawn again, once for a burst.
    clearTimeout(partnersDue);
    partnersDue = setTimeout(renderPartners, 300);
  }
}

/**
 * Live traffic from GET /__admin/events, read with fetch (EventSource cannot send the tokens'
 * headers); if the stream cannot be had, the journal is polled and the stream tried again later.
 */
async function streamEvents() {
  stopStream();
  // Another sandbox: none of the records shown are its own.
  if (live.token !== session.sandbox) traffic = [];
  live.token = session.sandbox;
  if (!session.sandbox) return;
  const controller = new AbortController();
  live.controller = controller;
  try {
    const response = await fetch('/__admin/events', { headers: headersFor(undefined), signal: controller.signal });
    if (!response.ok || !response.body) throw new Error('GET /__admin/events answered ' + response.status);
    clearInterval(polling);
    live.connected = true;
    liveStatus('Live: server-sent events from GET /__admin/events.', 'ok');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n')) {
        onEvent(buffer.slice(0, at));
        buffer = buffer.slice(at + 2);
      }
    }
    throw new Error('the stream ended');
  } catch (error) {
    if (controller.signal.aborted) return;
    live.connected = false;
    liveStatus('Polling every 1.5 s while this tab is visible: the live stream failed (' + error.message + '); trying it again in 5 s.');
    startPolling();
    live.retry = setTimeout(() => { if (live.controller === controller) streamEvents(); }, 5000);
  }
}

// --- scenarios -------------------------------------------------------------------------------

/** Offers text as a file to save: a Blob behind a link with a download name. */
function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Opens a file the simulator serves behind the tokens (a policy document, an email) in a new tab:
 * fetched with the tokens' headers, shown from a blob: URL; a blocked pop-up gets it downloaded.
 */
export async function openFile(path, name) {
  const tab = window.open('', '_blank');
  try {
    const response = await fetch(path, { headers: headersFor(undefined) });
    if (!response.ok) {
      const text = await response.text();
      let said = text;
      try { said = JSON.parse(text).error ?? text; } catch {}
      throw new Error('GET ' + path + ' answered ' + response.status + ': ' + said);
    }
    const url = URL.createObjectURL(await response.blob());
    if (tab) tab.location.href = url;
    else {
      const link = h('a', { href: url, download: name });
      document.body.append(link);
      link.click();
      link.remove();
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    say('');
  } catch (error) {
    tab?.close();
    say('Opening ' + name + ' failed: ' + error.message);
  }
}

async function downloadScenario(name) {
  try {
    const { description, state } = await call('GET', '/__admin/scenarios/' + encodeURIComponent(name), undefined, { sandbox: false });
    download(name + '.json', JSON.stringify({ description, state }, null, 2) + '\n');
  } catch (error) {
    say('Download of ' + name + ' failed: ' + error.message, 'error', error.issues);
  }
}

async function renderScenarios() {
  const { scenarios } = await call('GET', '/__admin/scenarios', undefined, { sandbox: false });
  const path = (name) => '/__admin/scenarios/' + encodeURIComponent(name);
  const name = h('input', { id: 'scenario-name', type: 'text', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}', placeholder: 'checkout-declined', 'aria-describedby': 'scenario-name-rule' });
  const description = h('input', { id: 'scenario-description', type: 'text', maxlength: 200, size: 40, placeholder: 'what it reproduces, in one line' });
  const uploadName = h('input', { id: 'upload-name', type: 'text', required: true, pattern: name.pattern, placeholder: 'from-a-file' });
  const file = h('input', { id: 'upload-file', type: 'file', accept: 'application/json,.json', required: true });
  fill(bodyOf('scenarios'),
    h('p', { class: 'muted' }, 'A scenario is a whole sandbox state under a name. Loading one replaces the open sandbox\'s orders, clock, faults and settings; the library comes with the simulator (fixtures/scenarios/), saved ones live until it stops.'),
    table('Scenarios', [
      ['Name', (s) => h('code', {}, s.name)],
      ['Description', (s) => s.description],
      ['Source', (s) => h('span', { class: 'badge' }, s.source)],
      ['', (s) => h('div', { class: 'actions' },
        button('Load', () => act('Load scenario ' + s.name, 'POST', path(s.name) + '/load'), { 'aria-label': 'Load scenario ' + s.name }),
        button('Download', () => downloadScenario(s.name), { 'aria-label': 'Download scenario ' + s.name }),
        s.source === 'saved' ? button('Delete', () => act('Delete scenario ' + s.name, 'DELETE', path(s.name), undefined, { sandbox: false }), { 'aria-label': 'Delete scenario ' + s.name }) : null)],
    ], scenarios, { key: (s) => s.name, empty: 'No scenarios yet: save this sandbox under a name below.' }),
    h('form', { class: 'inline', 'aria-label': 'Save this sandbox as a scenario', onsubmit: (event) => {
      event.preventDefault();
      const body = description.value.trim() ? { description: description.value.trim() } : {};
      act('Save this sandbox as ' + name.value, 'PUT', path(name.value.trim()), body);
    } },
    h('label', { for: 'scenario-name' }, 'Save this sandbox as'), ' ', name, ' ',
    h('label', { for: 'scenario-description' }, 'Description'), ' ', description, ' ',
    h('button', { type: 'submit' }, 'Save scenario')),
    h('p', { id: 'scenario-name-rule', class: 'muted' }, 'Names: 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.'),
    h('form', { class: 'inline', 'aria-label': 'Upload a scenario file', onsubmit: async (event) => {
      event.preventDefault();
      let parsed;
      try {
        parsed = JSON.parse(await file.files[0].text());
      } catch (error) {
        say('The file is not JSON (' + error.message + '): upload a file a Download gave you, { "description": …, "state": … }.');
        return;
      }
      const body = { description: parsed?.description, state: parsed?.state };
      act('Upload scenario ' + uploadName.value, 'PUT', path(uploadName.value.trim()), body, { sandbox: false });
    } },
    h('label', { for: 'upload-file' }, 'Scenario file to upload'), ' ', file, ' ',
    h('label', { for: 'upload-name' }, 'under the name'), ' ', uploadName, ' ',
    h('button', { type: 'submit' }, 'Upload scenario')),
  );
}

// --- the whole page --------------------------------------------------------------------------

async function loadModules() {
  for (const name of DASHBOARDS) {
    if (modules.has(name)) continue;
    try {
      modules.set(name, (await import('/__admin/ui/partners/' + encodeURIComponent(name) + '.js')).default);
    } catch (error) {
      say('The dashboard part of ' + name + ' did not load: ' + error.message);
    }
  }
}

const ui = (name) => ({ h, fill, act, call, table, json, time, button, curlOf, openFile, jsonForm, name });

function drawPartners(state) {
  fill(document.getElementById('partners'), ...[...modules.entries()].flatMap(([name, module]) => {
    try { return module.render(ui(name), state[name] ?? {}); }
    catch (error) { return [h('p', { class: 'error', role: 'alert' }, 'The ' + name + ' view failed: ' + error.message)]; }
  }));
}

async function renderPartners() {
  if (!session.sandbox) return;
  try { drawPartners(await call('GET', '/__admin/state')); } catch (error) { say(error.message, 'error', error.issues); }
}

export async function refresh() {
  renderSession();
  try {
    await renderSandboxes();
  } catch (error) {
    if (error.status !== 401) say(error.message, 'error', error.issues);
    return;
  }
  document.getElementById('main').hidden = false;
  const open = Boolean(session.sandbox);
  for (const id of ['scenarios', 'clock', 'faults', 'traffic']) section(id).hidden = !open;
  const partnersBox = document.getElementById('partners');
  if (live.token !== session.sandbox) streamEvents();
  if (!open) { fill(partnersBox); return; }
  try {
    const state = await call('GET', '/__admin/state');
    drawPartners(state);
    await renderClock(state.clock);
    renderFaults(state.faults);
    await renderScenarios();
    await loadTraffic();
    await renderSandboxes();
  } catch (error) {
    say(error.message, 'error', error.issues);
  }
}

async function start() {
  document.getElementById('main').hidden = false;
  fill(bodyOf('traffic'), 
    h('p', { id: 'traffic-mode', class: 'muted' }, 'Connecting to the live stream…'),
    renderTrafficControls(), h('div', { class: 'list' }));
  await loadModules();
  await refresh();
}

await start();
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible' && !live.connected) loadTraffic(); });
`;
