import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { phpEscape } from '../../../src/lib/php-json.js';
import { phpJson } from '../../../src/partners/grow/webhooks/wire.js';
import { testApp } from '../../support/app.js';
import { growCustomer } from '../../support/grow-customers.js';
import { growOrder } from '../../support/grow-orders.js';

describe("Grow's Laravel wire", () => {
  it('encodes bodies as json_encode does: \\/ and \\uXXXX, lower-case hex, surrogate pairs', () => {
    expect(phpEscape('{"url":"https://a.b/c","name":"Zoë 😀"}')).toBe(
      '{"url":"https:\\/\\/a.b\\/c","name":"Zo\\u00eb \\ud83d\\ude00"}',
    );
    expect(phpJson({ name: 'Ngozi Éze' })).toBe('{"name":"Ngozi \\u00c9ze"}');
  });

  it("answers with Laravel's headers and escapes, on schema and schema-less answers alike", async () => {
    const sim = await testApp({
      growCustomers: [
        growCustomer({
          id: 1,
          ref: 'CUS/1',
          first_name: 'Zoë',
          last_name: 'Ødegård',
          email: 'zoe@example.com',
          phone: null,
        }),
      ],
    });

    const found = await sim.request({ method: 'GET', url: '/v1/customers/CUS%2F1' });
    const missing = await sim.request({ method: 'GET', url: '/v1/no/such/route' });

    expect(found.headers['content-type']).toBe('application/json');
    expect(found.headers['cache-control']).toBe('no-cache, private');
    expect(found.body).toBe(
      '{"data":{"ref":"CUS\\/1","email":"zoe@example.com","phone":null,"first_name":"Zo\\u00eb","last_name":"\\u00d8deg\\u00e5rd"}}',
    );
    expect(missing.body).toBe('{"message":"The route v1\\/no\\/such\\/route could not be found."}');
  });
});

describe("Grow's Laravel auth", () => {
  it('refuses a lower-case bearer scheme, as Laravel bearerToken() does; battleface takes any case', async () => {
    const sim = await testApp();

    const grow = await sim.request({
      token: null,
      method: 'GET',
      url: '/v1/orders/1',
      headers: { authorization: 'bearer abc' },
    });
    const exact = await sim.request({
      token: null,
      method: 'GET',
      url: '/v1/orders/1',
      headers: { authorization: 'Bearer abc' },
    });
    const battleface = await sim.request({
      token: null,
      method: 'GET',
      url: '/api/partner/orders/x',
      headers: { authorization: 'bearer abc' },
    });

    expect([grow.statusCode, grow.json()]).toEqual([401, { message: 'Unauthenticated.' }]);
    expect(exact.statusCode).toBe(404);
    expect(battleface.statusCode).toBe(404);
  });
});

describe('Grow routing, as Laravel routes', () => {
  it('routes a trailing slash to the same endpoint', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const plain = await sim.request({ method: 'GET', url: '/v1/orders/10' });
    const slashed = await sim.request({ method: 'GET', url: '/v1/orders/10/' });

    expect(slashed.statusCode).toBe(200);
    expect(slashed.body).toBe(plain.body);
  });
});

describe("Grow's OPTIONS, answered by Laravel's router", () => {
  it('answers 200 with the methods of every route matching the path, without a token', async () => {
    const sim = await testApp();

    const answers = await Promise.all(
      [
        '/v1/orders',
        '/api/v1/orders/authorize',
        '/v1/orders/7',
        '/v1/orders/7/',
        '/api/v1/customers/CUS%2F1',
      ].map((url) => sim.request({ token: null, method: 'OPTIONS', url })),
    );

    expect(answers.map((answer) => [answer.statusCode, answer.headers.allow, answer.body])).toEqual([
      [200, 'GET,HEAD,POST', ''],
      // orders/{id} matches "authorize" too: Laravel lists every route the path matches.
      [200, 'GET,HEAD,POST', ''],
      [200, 'GET,HEAD', ''],
      [200, 'GET,HEAD', ''],
      [200, 'GET,HEAD,PATCH,DELETE', ''],
    ]);
    expect(answers[0]?.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(answers[0]?.headers['cache-control']).toBe('no-cache, private');
  });

  it("answers an unknown path with Grow's 404", async () => {
    const sim = await testApp();

    const missing = await sim.request({ method: 'OPTIONS', url: '/v1/no/such/route' });

    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe('application/json');
    expect(missing.body).toBe('{"message":"The route v1\\/no\\/such\\/route could not be found."}');
  });
});

describe("Grow's 405, from Laravel's router", () => {
  it('answers a known path asked with another method, without a token, as Laravel 8 renders it', async () => {
    const sim = await testApp();

    const json = await sim.request({ token: null, method: 'DELETE', url: '/v1/orders' });
    const put = await sim.request({ method: 'PUT', url: '/api/v1/orders/5' });
    const html = await sim.request({ token: null, accept: 'text/html', method: 'DELETE', url: '/v1/orders' });

    expect([json.statusCode, json.headers.allow, json.headers['content-type'], json.body]).toEqual([
      405,
      'GET, HEAD, POST',
      'application/json',
      '{\n    "message": "The DELETE method is not supported for this route. Supported methods: GET, HEAD, POST."\n}',
    ]);
    expect(put.body).toBe(
      '{\n    "message": "The PUT method is not supported for this route. Supported methods: GET, HEAD."\n}',
    );
    expect([html.statusCode, html.headers.allow, html.headers['content-type']]).toEqual([
      405,
      'GET, HEAD, POST',
      'text/html; charset=UTF-8',
    ]);
    // Symfony's HtmlErrorRenderer page, captured from Laravel 8.83.
    expect(createHash('sha256').update(html.body).digest('hex')).toBe(
      '197155f08603113c13e1df82c5ffd8998cbd81cb6265bdca55041a4dac9f8499',
    );
  });
});
