import { hostname } from 'node:os';
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

/** Request lines are written once per event-loop turn. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('logs', () => {
  it('log each request once, with its request id, echoed in X-Request-Id', async () => {
    const { sim, lines } = await loggedApp();

    const response = await sim.request({
      method: 'GET',
      url: '/v1/orders/10',
      headers: { 'x-request-id': 'trace-42' },
    });

    expect(response.headers['x-request-id']).toBe('trace-42');
    await nextTurn();
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

  it("write the request line exactly as pino writes its lines, keys in pino's order", async () => {
    const { sim, lines } = await loggedApp();

    await sim.request({ method: 'GET', url: '/v1/orders/10?x=a\\b', headers: { 'x-request-id': 'r-1' } });
    await nextTurn();

    const line = lines.find((entry) => entry.msg === 'request');
    expect(Object.keys(line ?? {})).toEqual([
      'level',
      'time',
      'pid',
      'hostname',
      'reqId',
      'method',
      'url',
      'status',
      'ms',
      'msg',
    ]);
    expect(line).toMatchObject({
      level: 30,
      pid: process.pid,
      hostname: hostname(),
      url: '/v1/orders/10?x=a\\b',
    });
    expect(typeof line?.time).toBe('number');
    expect(typeof line?.ms).toBe('number');
  });

  it('write pending request lines when the app closes', async () => {
    const { sim, lines } = await loggedApp();

    await sim.request({ method: 'GET', url: '/v1/orders/10' });
    await sim.app.close();

    expect(lines.filter((line) => line.msg === 'request')).toHaveLength(1);
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

    await nextTurn();
    const text = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(text).not.toContain('secret-value');
    expect(text).not.toContain('wrong-admin-secret');
  });
});
