import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { growOrder } from '../support/grow-orders.js';

const BF = battlefaceOrder();
const approvePath = `/api/partner/orders/${BF.order_number}/payment/status`;

async function sim() {
  return testApp({ battleface: [BF], grow: [growOrder()] });
}

describe('hostile inputs', () => {
  it('answers a body over 1 MB with 413 in each partner envelope', async () => {
    const s = await sim();
    const big = JSON.stringify({ id: 10, pad: 'x'.repeat(1_100_000) });

    const grow = await s.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    const bf = await s.request({
      method: 'POST',
      url: approvePath,
      headers: { 'content-type': 'application/json' },
      payload: big,
    });

    expect([grow.statusCode, grow.json()]).toEqual([
      413,
      { message: 'The request body is larger than the 1 MB limit.' },
    ]);
    expect([bf.statusCode, bf.json()]).toEqual([
      413,
      { error: 'The request body is larger than the 1 MB limit.' },
    ]);
  });

  it.each(['text/xml', 'application/xml', 'application/octet-stream', 'image/png'])(
    'answers a %s body with the partner 4xx envelope',
    async (contentType) => {
      const s = await sim();

      const grow = await s.request({
        method: 'POST',
        url: '/v1/orders/authorize',
        headers: { 'content-type': contentType },
        payload: '<id>10</id>',
      });
      const bf = await s.request({
        method: 'POST',
        url: approvePath,
        headers: { 'content-type': contentType },
        payload: '<x/>',
      });

      expect(grow.statusCode).toBe(422);
      expect(grow.json()).toEqual({
        message: 'The request body must be JSON, sent with Content-Type: application/json.',
        errors: { body: ['The request body must be JSON, sent with Content-Type: application/json.'] },
      });
      expect(bf.statusCode).toBe(406);
      expect(bf.json()).toEqual({
        error: 'The request body must be JSON, sent with Content-Type: application/json.',
      });
    },
  );

  it('answers a broken multipart body: Grow reads it as no input (Laravel), battleface refuses it', async () => {
    const s = await sim();
    const headers = { 'content-type': 'multipart/form-data; boundary=x' };

    const grow = await s.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      headers,
      payload: '<id>10</id>',
    });
    const bf = await s.request({ method: 'POST', url: approvePath, headers, payload: '<x/>' });

    expect([grow.statusCode, grow.json()]).toEqual([
      422,
      { message: 'The given data was invalid', errors: { id: ['The id field is required.'] } },
    ]);
    expect([bf.statusCode, bf.json()]).toEqual([
      406,
      { error: 'The request body must be JSON, sent with Content-Type: application/json.' },
    ]);
  });

  it('ignores __proto__, constructor and prototype keys and leaves Object.prototype alone', async () => {
    const s = await sim();
    const payloads = [
      '{"id":10,"__proto__":{"polluted":true}}',
      '{"id":10,"constructor":{"prototype":{"polluted":true}}}',
      '{"status":"Approved","__proto__":{"status":"Cancelled","polluted":true},"prototype":{"polluted":true}}',
    ];

    const grow = await s.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      headers: { 'content-type': 'application/json' },
      payload: payloads[0],
    });
    const grow2 = await s.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      headers: { 'content-type': 'application/json' },
      payload: payloads[1],
    });
    const bf = await s.request({
      method: 'POST',
      url: approvePath,
      headers: { 'content-type': 'application/json' },
      payload: payloads[2],
    });
    const admin = await s.request({
      method: 'PATCH',
      url: '/__admin/grow/orders/10',
      headers: { 'content-type': 'application/json' },
      payload:
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"customer":{"__proto__":{"x":1}}}',
    });

    expect(grow.statusCode).toBe(200);
    expect(grow2.statusCode).toBe(422);
    expect(bf.statusCode).toBe(200);
    expect(bf.json().data.status).toBe('Approved');
    expect(admin.statusCode).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('answers a 10 000-character order number with the partner 404', async () => {
    const s = await sim();
    const long = 'A'.repeat(10_000);

    const get = await s.request({ method: 'GET', url: `/api/partner/orders/${long}` });
    const approve = await s.request({
      method: 'POST',
      url: `/api/partner/orders/${long}/payment/status`,
      payload: { status: 'Approved' },
    });
    const grow = await s.request({ method: 'GET', url: `/v1/orders/${'9'.repeat(10_000)}` });

    expect([get.statusCode, get.json()]).toEqual([404, { error: 'Order not found.' }]);
    expect([approve.statusCode, approve.json()]).toEqual([404, { error: 'Order not found.' }]);
    expect([grow.statusCode, grow.json()]).toEqual([404, { message: 'Order not found' }]);
  });

  it.each([
    '/api/partner/orders/%E0%A4%A',
    '/api/partner/orders/%zz',
    '/v1/orders/%',
    '/v1/orders/%C0%80/cancel',
  ])('answers broken percent-encoding in %s with a partner 4xx', async (url) => {
    const s = await sim();

    const response = await s.request({ method: url.endsWith('cancel') ? 'POST' : 'GET', url });

    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(Object.keys(response.json())).toEqual([url.startsWith('/v1') ? 'message' : 'error']);
  });

  it('reads invalid UTF-8 in a body as what it is: not a valid request, no crash', async () => {
    const s = await sim();
    const bytes = Buffer.concat([Buffer.from('{"id":'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('}')]);
    const text = Buffer.concat([Buffer.from('{"status":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);

    const grow = await s.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      headers: { 'content-type': 'application/json' },
      payload: bytes,
    });
    const bf = await s.request({
      method: 'POST',
      url: approvePath,
      headers: { 'content-type': 'application/json' },
      payload: text,
    });

    expect(grow.statusCode).toBe(422);
    expect(bf.statusCode).toBe(406);
    expect(bf.json()).toEqual({ error: 'The status field is required and must be "Approved".' });
  });

  it('refuses duplicated Authorization headers', async () => {
    const s = await sim();

    const response = await s.request({
      token: null,
      method: 'GET',
      url: '/v1/orders/10',
      headers: { authorization: ['Bearer a', 'Bearer b'] as unknown as string },
    });

    expect([response.statusCode, response.json()]).toEqual([401, { message: 'Unauthenticated.' }]);
  });
});

describe('request bodies on the memory budget', () => {
  it('answers 503 in the partner envelope while bodies in flight fill SIM_MAX_BYTES, then recovers', async () => {
    const s = await testApp({ grow: [growOrder()], config: { maxBytes: 1024 * 1024 } });
    const body = JSON.stringify({ id: 999, pad: 'x'.repeat(250_000) });
    const authorize = (delay: string) =>
      s.request({
        method: 'POST',
        url: '/v1/orders/authorize',
        headers: { 'content-type': 'application/json', 'x-sim-delay-ms': delay },
        payload: body,
        unchecked: true,
      });

    const held = authorize('300');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await authorize('0');

    expect([refused.statusCode, refused.json()]).toEqual([
      503,
      {
        message:
          "The simulator's memory budget is full (SIM_MAX_BYTES=1048576) and every sandbox is in use; retry shortly, reset sandboxes you no longer need, or raise SIM_MAX_BYTES.",
      },
    ]);
    expect((await held).statusCode).toBe(422);
    expect((await authorize('0')).statusCode).toBe(422);
    expect(s.app.memoryBudget.total).toBeLessThan(100_000);
  });
});

describe('client writes on the sandbox budget', () => {
  it('refuses a seeded order or fault rule past SIM_SANDBOX_MAX_BYTES with a 413 naming it, keeping what fits', async () => {
    const s = await testApp({ config: { sandboxMaxBytes: 256 * 1024 } });
    const pad = 'x'.repeat(50_000);
    const seed = () =>
      s.request({
        method: 'POST',
        url: '/__admin/grow/orders',
        payload: { product: { 'cover-benefits': { pad } } },
      });
    const rule = () =>
      s.request({
        method: 'POST',
        url: '/__admin/faults',
        payload: { match: { path: '/nowhere' }, action: { status: 503, body: { pad } } },
      });

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await seed()).statusCode, (await rule()).statusCode);
    const refused = await seed();

    expect(statuses.slice(0, 2)).toEqual([201, 201]);
    expect(statuses).toContain(413);
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error).toMatch(
      /^The order needs \d+ bytes and this sandbox already holds \d+ of its 262144 \(SIM_SANDBOX_MAX_BYTES\)\. Reset the sandbox or remove what it no longer needs\.$/,
    );
    expect(s.app.sandboxes.get('test-token').bytes.used).toBeLessThanOrEqual(256 * 1024);
  });
});
