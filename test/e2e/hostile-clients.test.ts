import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunked, closed, processFigures, rawRequest } from '../support/raw-http.js';
import { Receiver } from '../support/receiver.js';
import { type RunningServer, startServer } from '../support/server-process.js';

// Issue 13: what a careless or hostile client could do to a shared simulator, each on a real
// socket against the image's command, each asserting what is now promised: no exit, no 5xx,
// answers within a bound, memory within the budget.

// Grow's documented headers: without Accept: application/json, Laravel redirects a 422 (fetch follows it).
const J = { 'content-type': 'application/json', accept: 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function call(server: RunningServer, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? bearer(token) : {}), ...(body === undefined ? {} : J) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

async function alive(server: RunningServer): Promise<void> {
  expect(server.child.exitCode).toBe(null);
  expect((await call(server, 'GET', '/__admin/health')).status).toBe(200);
}

describe('hostile clients, default limits', { timeout: 60_000 }, () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'info', SIM_ADMIN_TOKEN: 'admin-secret-value' });
  });
  afterAll(async () => {
    await server.stop();
  });
  const admin = { 'x-admin-token': 'admin-secret-value' };

  it('keeps the admin boundary for percent-encoded and absolute-form targets', async () => {
    await call(server, 'GET', '/v1/orders/3', 'victim');
    const { port } = new URL(server.url);
    const encoded = await rawRequest(
      server.url,
      `POST /%5F%5Fadmin/reset HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    const absolute = await rawRequest(
      server.url,
      `GET http://x/__admin/requests HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    const mixed = await rawRequest(
      server.url,
      `POST /%5f_admin/reset?x=1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );

    for (const response of [encoded, absolute, mixed]) {
      expect([response.status, JSON.parse(response.body)]).toEqual([
        401,
        { error: 'Missing or wrong X-Admin-Token: this simulator sets SIM_ADMIN_TOKEN.' },
      ]);
    }
    const requests = await fetch(`${server.url}/__admin/requests`, {
      headers: { ...admin, ...bearer('victim') },
    });
    expect(((await requests.json()) as { requests: unknown[] }).requests).toHaveLength(1);
  });

  it('refuses a chunked 1 MB body of 349 000 objects with 413, journaling its first 16 KB with a marker', async () => {
    const body = `[${Array.from({ length: 349_000 }, () => '{}').join(',')}]`;
    const { port } = new URL(server.url);
    const response = await rawRequest(
      server.url,
      `POST /v1/orders/authorize HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer chunky\r\n` +
        `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunked(body)}`,
    );
    expect([response.status, JSON.parse(response.body)]).toEqual([
      413,
      { message: 'The request body holds more than 10000 JSON objects and arrays; send fewer.' },
    ]);

    const journal = await fetch(`${server.url}/__admin/requests`, {
      headers: { ...admin, ...bearer('chunky') },
    });
    const [entry] = ((await journal.json()) as { requests: Array<{ body: string }> }).requests;
    expect(entry?.body.startsWith('[{},{},')).toBe(true);
    expect(
      entry?.body.endsWith(`…[partner-sim: ${body.length - 16_384} of ${body.length} bytes not kept]`),
    ).toBe(true);
  });

  it('keeps peak memory within the budget while five tokens send 1 MB bodies as costly as allowed', async () => {
    // Empty objects (refused past 10 000), and 9 000 objects with 100-character strings (parsed).
    const empty = `[${Array.from({ length: 349_000 }, () => '{}').join(',')}]`;
    const heavy = JSON.stringify({
      id: 999_999,
      pad: Array.from({ length: 9000 }, (_, i) => ({ k: `${i}`.padEnd(100, 'x') })),
    });
    const send = async (token: string) => {
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${server.url}/v1/orders/authorize`, {
          method: 'POST',
          headers: { ...bearer(token), ...J },
          body: i % 2 === 0 ? empty : heavy,
        });
        expect(response.status).toBe(i % 2 === 0 ? 413 : 422);
        await response.arrayBuffer();
      }
    };

    await Promise.all(['m1', 'm2', 'm3', 'm4', 'm5'].map(send));

    await alive(server);
    const { peakRssBytes } = processFigures(server.child.pid as number);
    console.log(`peak RSS after 100 bodies of 1 MB: ${Math.round(peakRssBytes / 2 ** 20)} MB`);
    expect(peakRssBytes).toBeLessThan(512 * 1024 * 1024);
  });

  it('refuses a clock pushed past 9999 and stays up with a webhook retry pending', async () => {
    const token = 'far-future';
    const headers = { ...admin, ...bearer(token), ...J };
    await fetch(`${server.url}/__admin/grow/webhook`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hooks', secret: 'whsec_far_future' }),
    });
    await fetch(`${server.url}/__admin/clock`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ now: '9999-12-31T23:59:50Z' }),
    });
    await call(server, 'POST', '/v1/orders/3/cancel', token);

    const advance = await fetch(`${server.url}/__admin/clock/advance`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ms: 3_650 * 86_400_000 }),
    });

    expect(advance.status).toBe(400);
    expect(await advance.json()).toEqual({
      error:
        'Advancing by 315360000000 ms would move the clock past 9999-12-31T23:59:59.999Z; it shows 9999-12-31T23:59:50.000Z.',
    });
    await fetch(`${server.url}/__admin/clock/advance`, { method: 'POST', headers, body: '{"ms":9999}' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await alive(server);
  });

  it('refuses an invalid due date in a state and burns no CPU after a clock set back in time', async () => {
    const token = 'time-traveller';
    const headers = { ...admin, ...bearer(token), ...J };
    const state = (await (await fetch(`${server.url}/__admin/state`, { headers })).json()) as {
      grow: { pending_policies: unknown[] };
    };
    state.grow.pending_policies = [
      { order_id: 3, due_at: '2024-99-99T99:99:99.000000Z', base_url: 'http://127.0.0.1' },
    ];
    const invalid = await fetch(`${server.url}/__admin/state`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(state),
    });
    expect(invalid.status).toBe(400);

    await call(server, 'POST', '/v1/orders/authorize', token, { id: 3 });
    await fetch(`${server.url}/__admin/clock`, {
      method: 'PUT',
      headers,
      body: '{"now":"1971-01-01T00:00:00Z"}',
    });
    await fetch(`${server.url}/__admin/clock/resume`, { method: 'POST', headers });
    const before = processFigures(server.child.pid as number).cpuMs;
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(processFigures(server.child.pid as number).cpuMs - before).toBeLessThan(150);
    await alive(server);
  });

  it('matches a pathological fault pattern and journal filter in linear time', async () => {
    const headers = { ...admin, ...bearer('globber'), ...J };
    const rule = await fetch(`${server.url}/__admin/faults`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ match: { path: `${'*a'.repeat(40)}*b` }, action: { status: 503 } }),
    });
    expect(rule.status).toBe(201);
    const started = Date.now();

    const response = await call(server, 'GET', `/v1/orders/${'a'.repeat(8000)}`, 'globber');
    const filtered = await fetch(
      `${server.url}/__admin/requests?path=${encodeURIComponent(`${'*a'.repeat(40)}*b`)}`,
      {
        headers,
      },
    );

    expect(response.status).toBe(404);
    expect(filtered.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('takes 1 100 new tokens, evicting the least recently used instead of locking them out', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1100; i++) {
      const { status } = await call(server, 'GET', '/v1/orders/3', `ci-run-${i}`);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }

    expect(Object.fromEntries(statuses)).toEqual({ 200: 1100 });
    const health = (await call(server, 'GET', '/__admin/health')).json();
    expect(health.sandboxes).toBe(1000);
    expect(health.evictions.sandbox_limit).toBeGreaterThanOrEqual(100);
  });

  it('lands a request delayed past a reset in the dropped sandbox, not in the fresh one', async () => {
    const token = 'reset-race';
    const delayed = fetch(`${server.url}/v1/orders/authorize`, {
      method: 'POST',
      headers: { ...bearer(token), ...J, 'x-sim-delay-ms': '600' },
      body: '{"id":3}',
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await fetch(`${server.url}/__admin/reset`, { method: 'POST', headers: { ...admin, ...bearer(token) } });

    expect((await delayed).status).toBe(200);
    expect((await call(server, 'GET', '/v1/orders/3', token)).json().order.status).toBe('pending');
  });

  it('lists the journal for everyone after a body nested 5 000 deep', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const answer = await fetch(`${server.url}/v1/orders/authorize`, {
      method: 'POST',
      headers: { ...bearer('deep'), ...J },
      body: deep,
    });
    expect(answer.status).toBe(422);

    const own = await fetch(`${server.url}/__admin/requests`, { headers: { ...admin, ...bearer('deep') } });
    const everyone = await fetch(`${server.url}/__admin/requests?limit=5`, { headers: admin });

    expect(own.status).toBe(200);
    expect(((await own.json()) as { requests: Array<{ body: unknown }> }).requests[0]?.body).toBe(deep);
    expect(everyone.status).toBe(200);
  });

  it('masks every credential-like header, and a short token whole', async () => {
    await fetch(`${server.url}/v1/orders/3`, {
      headers: {
        ...bearer('abc'),
        'x-api-key': 'key-0123456789abcdef',
        cookie: 'session=s3cr3t-session-cookie',
        'proxy-authorization': 'Basic dXNlcjpwYXNzd29yZA==',
      },
    });

    const journal = await fetch(`${server.url}/__admin/requests`, {
      headers: { ...admin, ...bearer('abc') },
    });
    const [entry] = ((await journal.json()) as { requests: Array<Record<string, unknown>> }).requests;

    expect(entry?.sandbox).toBe('****');
    expect(entry?.headers).toMatchObject({
      authorization: '****',
      'x-api-key': '****cdef',
      cookie: '****okie',
      'proxy-authorization': '****ZA==',
    });
  });
});

describe('hostile clients, tight limits', { timeout: 60_000 }, () => {
  it('closes sockets that send headers or a body too slowly', async () => {
    const server = await startServer({
      LOG_LEVEL: 'info',
      SIM_HEADERS_TIMEOUT_MS: '500',
      SIM_REQUEST_TIMEOUT_MS: '1000',
    });
    try {
      const { port } = new URL(server.url);
      const slowHeaders = connect(Number(port), '127.0.0.1');
      slowHeaders.write('GET /v1/orders/3 HTTP/1.1\r\nHost: x\r\n');
      const halfBody = connect(Number(port), '127.0.0.1');
      halfBody.write(
        'POST /v1/orders/authorize HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer slow\r\n' +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":',
      );

      await Promise.all([closed(slowHeaders, 4000), closed(halfBody, 4000)]);
      await alive(server);
    } finally {
      await server.stop();
    }
  });

  it('refuses webhooks at the simulator itself and does not follow redirects', async () => {
    const server = await startServer({ LOG_LEVEL: 'info', SIM_GROW_POLICY_DELAY_MS: '0' });
    const target = await new Receiver().start();
    const redirector = await new Receiver().start();
    try {
      await call(server, 'GET', '/v1/orders/3', 'bystander');
      const settings = (url: string) =>
        call(server, 'PUT', '/__admin/grow/webhook', 'attacker', { url, secret: 'whsec_attacker_1' });
      await settings(`${server.url}/__admin/reset`);
      await call(server, 'POST', '/v1/orders/3/cancel', 'attacker');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [toSelf] = (await call(server, 'GET', '/__admin/webhooks', 'attacker')).json().deliveries;
      expect(toSelf.attempts[0].error).toMatch(/^refused by the webhook egress policy: /);

      redirector.answers = [307];
      await settings(redirector.url);
      await call(server, 'POST', '/v1/orders/2/cancel', 'attacker');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [redirected] = (await call(server, 'GET', '/__admin/webhooks', 'attacker')).json().deliveries;

      expect(redirected.attempts[0].status).toBe(307);
      expect(target.received).toHaveLength(0);
      const health = (await call(server, 'GET', '/__admin/health')).json();
      expect(health.sandboxes).toBe(2);
    } finally {
      await target.stop();
      await redirector.stop();
      await server.stop();
    }
  });

  it('loads a state with 80 000 pending policies in linear time, then runs them', async () => {
    const server = await startServer({ LOG_LEVEL: 'info', SIM_SANDBOX_MAX_BYTES: '64m' });
    try {
      const token = 'big-state';
      const state = (await call(server, 'GET', '/__admin/state', token)).json();
      state.clock = { now: '2025-01-01T00:00:00.000Z', frozen: true };
      state.grow.pending_policies = Array.from({ length: 80_000 }, (_, i) => ({
        order_id: 1000 + i,
        due_at: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}.000000Z`,
        base_url: 'http://127.0.0.1',
      }));
      const started = Date.now();

      const loaded = await call(server, 'PUT', '/__admin/state', token, state);
      const advanced = await call(server, 'POST', '/__admin/clock/advance', token, { ms: 60_000 });

      expect([loaded.status, advanced.status]).toEqual([200, 200]);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await call(server, 'GET', '/__admin/state', token)).json().grow.pending_policies).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('refuses a state larger than a sandbox may hold with a 413 naming the limit', async () => {
    const server = await startServer({ LOG_LEVEL: 'info', SIM_SANDBOX_MAX_BYTES: '256k' });
    try {
      const state = (await call(server, 'GET', '/__admin/state', 'big')).json();
      state.grow.pending_policies = Array.from({ length: 5000 }, (_, i) => ({
        order_id: 1000 + i,
        due_at: '2025-01-01T00:00:00.000000Z',
        base_url: 'http://127.0.0.1',
      }));

      const refused = await call(server, 'PUT', '/__admin/state', 'big', state);

      expect(refused.status).toBe(413);
      expect(refused.json().error).toMatch(/SIM_SANDBOX_MAX_BYTES/);
      await alive(server);
    } finally {
      await server.stop();
    }
  });

  it('warns at start-up when the admin is open on a non-loopback address', async () => {
    const server = await startServer({ LOG_LEVEL: 'info', HOST: '0.0.0.0' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.output()).toContain(
        'partner-sim: warning: SIM_ADMIN_TOKEN is not set and HOST=0.0.0.0 is reachable from other machines: ' +
          'any client can read and reset every sandbox through /__admin.',
      );
    } finally {
      await server.stop();
    }
  });
});
