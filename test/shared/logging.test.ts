import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { growOrder } from '../support/grow-orders.js';

/** A test app whose JSON log lines land in an array. */
async function loggedApp() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const sim = await testApp({
    grow: [growOrder()],
    config: { logLevel: 'info', adminToken: 'admin-secret-value' },
    deps: { log: { stream } },
  });
  return { sim, lines };
}

describe('logs', () => {
  it('log each request once, with its request id, echoed in X-Request-Id', async () => {
    const { sim, lines } = await loggedApp();

    const response = await sim.request({
      method: 'GET',
      url: '/v1/orders/10',
      headers: { 'x-request-id': 'trace-42' },
    });

    expect(response.headers['x-request-id']).toBe('trace-42');
    const requestLines = lines.filter((line) => line.msg === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      level: 30,
      reqId: 'trace-42',
      method: 'GET',
      url: '/v1/orders/10',
      status: 200,
    });
  });

  it('generate a request id when none or an unusable one comes in', async () => {
    const { sim } = await loggedApp();

    const none = await sim.request({ method: 'GET', url: '/v1/orders/10' });
    const unusable = await sim.request({
      method: 'GET',
      url: '/v1/orders/10',
      headers: { 'x-request-id': 'a b\tc' },
    });

    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(unusable.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never hold Authorization or X-Admin-Token in clear, errors included', async () => {
    const { sim, lines } = await loggedApp();
    const token = 'partner-bearer-secret-value';

    await sim.request({
      token,
      method: 'GET',
      url: '/v1/orders/10',
      headers: { 'x-admin-token': 'admin-secret-value' },
    });
    await sim.request({
      token,
      method: 'GET',
      url: '/__admin/state',
      headers: { 'x-admin-token': 'admin-secret-value' },
    });
    await sim.request({
      token,
      method: 'GET',
      url: '/__admin/state',
      headers: { 'x-admin-token': 'wrong-admin-secret' },
    });
    await sim.request({
      token,
      method: 'POST',
      url: '/v1/orders/authorize',
      payload: '{',
      headers: { 'content-type': 'application/json' },
    });

    const text = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(text).not.toContain('secret-value');
    expect(text).not.toContain('wrong-admin-secret');
  });
});
