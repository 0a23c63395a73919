import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectsJson } from '../../src/partners/grow/laravel/accept.js';
import { errorPage, symfonyErrorPage } from '../../src/partners/grow/laravel/error-page.js';
import { testApp } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { growOrder } from '../support/grow-orders.js';

// Property-based: whatever a client sends, each partner answers below 500, in its own envelope,
// and a rejected request leaves the sandbox exactly as it was. The one 500 is emulated on purpose:
// Grow, to a client that does not ask for JSON, answers a refused token with Laravel's error page
// ("Route [login] not defined."), and its other errors with Laravel's redirects and pages.

const BF = battlefaceOrder();
const TOKEN = 'property-token';

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
});
const segment = fc.oneof(
  fc.string().map(encodeURIComponent),
  fc.constantFrom(BF.order_number, '10', '999', '%', '%zz', '%E0%A4%A', '..', '.', 'A'.repeat(300)),
  printable.map((text) => text.replace(/[#?/\s]/g, '')),
);
const jsonBody = fc.jsonValue().map((value) => JSON.stringify(value));
const shapedBody = fc
  .record(
    {
      status: fc.oneof(fc.constant('Approved'), fc.string(), fc.jsonValue()),
      generate_docs: fc.oneof(fc.boolean(), fc.jsonValue()),
      id: fc.oneof(fc.constantFrom(10, 999, -1, 0, 1.5), fc.jsonValue()),
      reason: fc.jsonValue(),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));
const anyBody = fc.oneof(jsonBody, shapedBody, fc.string(), fc.constant(''));
const contentType = fc.oneof(
  fc.constant('application/json'),
  fc.constantFrom(
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/xml',
  ),
  printable.filter((text) => text.trim() !== ''),
);
const authorization = fc.oneof(
  fc.constant(`Bearer ${TOKEN}`),
  printable,
  printable.map((text) => `Bearer ${text}`),
);
const otherHeaders = fc.dictionary(
  fc.constantFrom('accept', 'x-request-id', 'x-forwarded-for', 'user-agent', 'content-encoding', 'x-custom'),
  printable,
);

type Envelope = 'battleface' | 'grow';
const ROUTES: Array<{ method: 'GET' | 'POST'; path: (segment: string) => string; partner: Envelope }> = [
  { method: 'POST', path: (s) => `/api/partner/orders/${s}/payment/status`, partner: 'battleface' },
  { method: 'GET', path: (s) => `/api/partner/orders/${s}`, partner: 'battleface' },
  { method: 'POST', path: () => '/v1/orders/authorize', partner: 'grow' },
  { method: 'POST', path: () => '/api/v1/orders/authorize', partner: 'grow' },
  { method: 'GET', path: (s) => `/v1/orders/${s}`, partner: 'grow' },
  { method: 'POST', path: (s) => `/v1/orders/${s}/cancel`, partner: 'grow' },
  { method: 'GET', path: (s) => `/battleface-claims/questions?policy_number=${s}`, partner: 'battleface' },
  { method: 'POST', path: () => '/battleface-claims/claim', partner: 'battleface' },
  { method: 'POST', path: () => '/v1/claims', partner: 'grow' },
  { method: 'GET', path: (s) => `/v1/claims/${s}`, partner: 'grow' },
  { method: 'POST', path: () => '/v1/attachments', partner: 'grow' },
  { method: 'POST', path: () => '/v1/partners/wallet/init-topup', partner: 'grow' },
];

function envelopeKeys(partner: Envelope, status: number, body: Record<string, unknown>): boolean {
  const keys = Object.keys(body).join(',');
  if (partner === 'battleface')
    return status < 300 ? keys === 'data' : keys === 'error' && typeof body.error === 'string';
  // `orders`: a path that normalises to the orders list (`/v1/orders/.`); `data,links`: the
  // claims list (`/v1/claims/.`); the others: an upload or a top-up that a random body made valid.
  if (status < 300) return ['order', 'orders', 'data,links', 'attachment', 'payment_link'].includes(keys);
  return (keys === 'message' || keys === 'message,errors') && typeof body.message === 'string';
}

/** Grow's answers to a client that does not want JSON: a validation redirect, or Laravel's page. */
function browserAnswered(status: number, body: string): boolean {
  if (status === 302)
    return body.startsWith('<!DOCTYPE html>\n<html>\n    <head>\n        <meta charset="UTF-8" />');
  // A known path asked with another method: Symfony's own page (Laravel ships no 405 view).
  if (status === 405) return body === symfonyErrorPage(405, 'Method Not Allowed');
  return (status === 500 || status === 429 || status === 404) && body === errorPage(status);
}

describe('any request to a partner route', () => {
  it('is answered below 500 in the partner envelope, and a rejected one changes nothing', async () => {
    const sim = await testApp({ battleface: [BF], grow: [growOrder()] });
    const state = async () =>
      (await sim.request({ token: TOKEN, method: 'GET', url: '/__admin/state' })).body;

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        segment,
        anyBody,
        contentType,
        authorization,
        otherHeaders,
        async (route, pathSegment, body, type, auth, headers) => {
          const before = await state();
          const response = await sim.request({
            token: null,
            unchecked: true,
            method: route.method,
            url: route.path(pathSegment),
            headers: { ...headers, authorization: auth, 'content-type': type },
            ...(route.method === 'POST' ? { payload: body } : {}),
          });
          const answered = String(response.headers['content-type']);
          if (route.partner === 'grow' && answered.startsWith('text/html')) {
            // The test client's default Accept (JSON), unless the generated headers name another.
            expect(expectsJson({ accept: 'application/json', ...headers })).toBe(false);
            expect(browserAnswered(response.statusCode, response.body)).toBe(true);
          } else {
            expect(response.statusCode).toBeLessThan(500);
            expect(envelopeKeys(route.partner, response.statusCode, response.json())).toBe(true);
          }
          if (response.statusCode >= 400) expect(await state()).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('meets X-Sim-* headers with the asked status or a 400, never anything else', async () => {
    const sim = await testApp({ battleface: [BF], grow: [growOrder()] });

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.oneof(printable, fc.integer({ min: 0, max: 999 }).map(String)),
        fc.oneof(printable, fc.integer({ min: 0, max: 3 }).map(String)),
        async (route, simStatus, simDelay) => {
          const response = await sim.request({
            token: TOKEN,
            unchecked: true,
            method: route.method,
            url: route.path('10'),
            headers: {
              'x-sim-status': simStatus,
              'x-sim-delay-ms': simDelay,
              'content-type': 'application/json',
            },
            ...(route.method === 'POST' ? { payload: '{}' } : {}),
          });
          const asked = /^\d{3}$/.test(simStatus) && Number(simStatus) >= 400 && Number(simStatus) <= 599;
          expect(response.statusCode).toBe(asked ? Number(simStatus) : 400);
          expect(envelopeKeys(route.partner, response.statusCode, response.json())).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
