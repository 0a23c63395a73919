import type { FastifyRequest } from 'fastify';
import { expectsJson } from './accept.js';
import { errorPage } from './error-page.js';
import { locationHeader, previousUrl, redirectPage } from './redirect.js';

/** What Grow sends instead of its JSON error, to a client that does not ask for JSON. */
export interface BrowserAnswer {
  status: number;
  contentType: string;
  location?: string;
  body: string | Buffer;
}

const HTML = 'text/html; charset=UTF-8';
const RENDERED = new Set([401, 404, 422, 429, 500]);

/**
 * Laravel 8's exception handler when `expectsJson()` is false, for the answers it renders
 * (controllers' own JSON answers, such as `{"message":"Order not found"}`, stay as they are):
 *
 * - 422, a ValidationException: `redirect(url()->previous())`, 302 to the Referer or the root URL;
 * - 401: the stock `Authenticate` middleware asks for `route('login')`, which an API without a
 *   login route does not have: "Route [login] not defined." is a 500, the production error page;
 * - 429 (throttle:api), 500, and 404 for a path no route matches: the framework's error page.
 *
 * INFERENCE (reference grow.md §3, 401 and 500 bodies SILENT; §1, Laravel): Grow keeps Laravel 8's
 * stock handler and `Authenticate` middleware, and renders its own "not found" answers itself.
 */
export function browserAnswer(
  request: FastifyRequest,
  status: number,
  routeMissed: boolean,
): BrowserAnswer | undefined {
  // The status first: most answers are none of these, and need no reading of Accept.
  if (!RENDERED.has(status) || expectsJson(request.headers)) return undefined;
  switch (status) {
    case 422: {
      const location = locationHeader(previousUrl(request));
      // Symfony's RedirectResponse writes its charset in lower case.
      return { status: 302, contentType: 'text/html; charset=utf-8', location, body: redirectPage(location) };
    }
    case 401:
    case 500:
      return { status: 500, contentType: HTML, body: errorPage(500) };
    case 429:
      return { status: 429, contentType: HTML, body: errorPage(429) };
    case 404:
      return routeMissed ? { status: 404, contentType: HTML, body: errorPage(404) } : undefined;
    default:
      return undefined;
  }
}
