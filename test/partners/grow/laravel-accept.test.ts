import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptableContentTypes, expectsJson } from '../../../src/partners/grow/laravel/accept.js';
import { errorPage } from '../../../src/partners/grow/laravel/error-page.js';
import { testApp } from '../../support/app.js';
import { growOrder } from '../../support/grow-orders.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Symfony RedirectResponse's page for `url` (already HTML-escaped). */
const redirectTo = (url: string) => `<!DOCTYPE html>
<html>
    <head>
        <meta charset="UTF-8" />
        <meta http-equiv="refresh" content="0;url='${url}'" />

        <title>Redirecting to ${url}</title>
    </head>
    <body>
        Redirecting to <a href="${url}">${url}</a>.
    </body>
</html>`;

describe("Laravel's reading of Accept", () => {
  // Each row: what Laravel 8.83 / Symfony 5.4 answer for that header (getAcceptableContentTypes(),
  // wantsJson()), run on the stock framework.
  it.each([
    ['application/json', ['application/json'], true],
    ['*/*', ['*/*'], false],
    ['text/html', ['text/html'], false],
    ['text/html, application/json', ['text/html', 'application/json'], false],
    ['text/html;q=0.5, application/json', ['application/json', 'text/html'], true],
    ['application/JSON', ['application/JSON'], true],
    ['application/vnd.api+json', ['application/vnd.api+json'], true],
    ['text/plain;q=0.9,application/json;q=0.9', ['text/plain', 'application/json'], false],
    ['text/plain;q=abc, application/json;q=0.1', ['application/json', 'text/plain'], true],
    [' , application/json', ['application/json'], true],
    ['text/html;q=0.5x, application/json;q=0.4', ['text/html', 'application/json'], false],
    ['"a,b";q=1, application/json', ['a,b', 'application/json'], false],
    ['application/json;foo="x,y", text/html', ['application/json', 'text/html'], true],
    ['x/y;Q=0.1, application/json', ['application/json', 'x/y'], true],
    ['application/json;q=-1, text/html;q=0', ['text/html', 'application/json'], false],
    ['text/html;q=0.5, text/html;q=1.0, application/json;q=0.9', ['text/html', 'application/json'], false],
    ['application/json;;q=0.5, text/html', ['text/html', 'application/json'], false],
    ['text/html ; q = 0.2 , application/json', ['application/json', 'text/html'], true],
    ['application/jsonp', ['application/jsonp'], true],
  ])('%j', (accept, types, json) => {
    expect(acceptableContentTypes(accept)).toEqual(types);
    expect(expectsJson({ accept })).toBe(json);
  });

  it('takes an XHR that accepts anything as asking for JSON, unless it is PJAX', () => {
    expect(expectsJson({})).toBe(false);
    expect(expectsJson({ 'x-requested-with': 'XMLHttpRequest' })).toBe(true);
    expect(expectsJson({ 'x-requested-with': 'XMLHttpRequest', accept: '*/*' })).toBe(true);
    expect(expectsJson({ 'x-requested-with': 'XMLHttpRequest', accept: 'text/html' })).toBe(false);
    expect(expectsJson({ 'x-requested-with': 'XMLHttpRequest', 'x-pjax': 'true' })).toBe(false);
    expect(expectsJson({ 'x-requested-with': 'XMLHttpRequest', 'x-pjax': '0' })).toBe(true);
    expect(expectsJson({ 'x-requested-with': 'xmlhttprequest' })).toBe(false);
  });
});

describe('Grow, to a client that does not ask for JSON', () => {
  it('redirects a validation failure to the root URL, as Symfony renders a redirect', async () => {
    const sim = await testApp();

    const answer = await sim.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      accept: null,
      payload: {},
      unchecked: true,
    });

    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toBe('http://localhost');
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-cache, private');
    expect(answer.body).toBe(redirectTo('http://localhost'));
  });

  it('redirects to the Referer: a URL as sent, a path under this host, escaped in the page', async () => {
    const sim = await testApp();
    const post = (referer: string) =>
      sim.request({
        method: 'POST',
        url: '/api/v1/orders/authorize',
        headers: { accept: 'text/html', referer, host: 'sim.test:4010' },
        payload: { id: 'x' },
        unchecked: true,
      });

    const absolute = await post('https://app.example.com/orders?tab=1');
    const relative = await post('/dashboard?x=<a>&y="q"');
    const zero = await post('0');

    expect(absolute.headers.location).toBe('https://app.example.com/orders?tab=1');
    expect(absolute.body).toBe(redirectTo('https://app.example.com/orders?tab=1'));
    expect(relative.headers.location).toBe('http://sim.test:4010/dashboard?x=<a>&y="q"');
    expect(relative.body).toBe(redirectTo('http://sim.test:4010/dashboard?x=&lt;a&gt;&amp;y=&quot;q&quot;'));
    // PHP's "0" is false: no Referer.
    expect(zero.headers.location).toBe('http://sim.test:4010');
  });

  it("answers a missing token with Laravel's production 500 page: the app has no login route", async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const answer = await sim.request({
      token: null,
      accept: null,
      method: 'GET',
      url: '/v1/orders/10',
      unchecked: true,
    });

    expect(answer.statusCode).toBe(500);
    expect(answer.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(answer.headers['cache-control']).toBe('no-cache, private');
    expect(answer.body).toBe(errorPage(500));
    expect(answer.body).toContain('<title>Server Error</title>');
  });

  it("renders an unknown route as Laravel's 404 page; a controller's 404 stays JSON", async () => {
    const sim = await testApp();

    const route = await sim.request({ method: 'GET', url: '/v1/nothing', accept: 'text/html' });
    const order = await sim.request({ method: 'GET', url: '/v1/orders/404', accept: 'text/html' });

    expect([route.statusCode, route.headers['content-type'], route.body]).toEqual([
      404,
      'text/html; charset=UTF-8',
      errorPage(404),
    ]);
    expect([order.statusCode, order.body]).toEqual([404, '{"message":"Order not found"}']);
  });

  it('leaves successes and injected faults as they are', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const found = await sim.request({ method: 'GET', url: '/v1/orders/10', accept: 'text/html' });
    const fault = await sim.request({
      method: 'GET',
      url: '/v1/orders/10',
      accept: 'text/html',
      headers: { 'x-sim-status': '500' },
      unchecked: true,
    });

    expect(found.statusCode).toBe(200);
    expect(found.json().order.id).toBe(10);
    expect([fault.statusCode, fault.body]).toEqual([500, '{"message":"Server Error"}']);
  });

  it('answers JSON whatever Accept says with SIM_GROW_JSON_ALWAYS', async () => {
    const sim = await testApp({ config: { growJsonAlways: true } });

    const invalid = await sim.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      accept: 'text/html',
      payload: {},
    });
    const refused = await sim.request({ token: null, accept: null, method: 'GET', url: '/v1/orders/1' });

    expect([invalid.statusCode, invalid.body]).toEqual([
      422,
      '{"message":"The given data was invalid","errors":{"id":["The id field is required."]}}',
    ]);
    expect([refused.statusCode, refused.body]).toEqual([401, '{"message":"Unauthenticated."}']);
  });
});

describe("Laravel 8's error pages", () => {
  it('are byte for byte the pages a stock Laravel 8.83 app renders in production', () => {
    // Captured from the framework's errors::404, errors::429 and errors::500 views.
    expect(sha256(errorPage(404))).toBe('8437bd0ef46a19c9a7c294c53e0429b40e76ebbd5fe9fd73a9025752495ddb1c');
    expect(sha256(errorPage(429))).toBe('175b1fdf5e258e4aa0afadb61488bdd7d25e40df8f31bf5ba215726f7d66bdc3');
    expect(sha256(errorPage(500))).toBe('bee47ebe25c65b801a567db542b79e06fa27539bc8d2afc4ecd0a608fa6482c9');
  });
});
