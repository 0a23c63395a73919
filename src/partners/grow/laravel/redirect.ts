import type { FastifyRequest } from 'fastify';

// What Laravel 8 answers a failed validation with when the client does not want JSON: a 302 to
// the previous URL (ValidationException → `redirect(url()->previous())`), as Symfony's
// RedirectResponse renders it.

/**
 * `url()->previous()`: the Referer (`$this->to($referer)`: kept when it is a URL, else a path on
 * this host), else the session's previous URL (an API keeps no session), else the root URL.
 */
export function previousUrl(request: FastifyRequest): string {
  const referer = firstValue(request.headers.referer);
  // PHP: "" and "0" are false, so neither counts as a Referer.
  if (referer === undefined || referer === '' || referer === '0') return urlTo(request, '/');
  return urlTo(request, referer);
}

/** `UrlGenerator::to($path)`: a valid URL as is; else the root URL, the path, its query. */
function urlTo(request: FastifyRequest, path: string): string {
  if (isValidUrl(path)) return path;
  const queryAt = path.indexOf('?');
  const [bare, query] = queryAt === -1 ? [path, ''] : [path.slice(0, queryAt), path.slice(queryAt)];
  return `${trimSlashes(`${rootUrl(request)}/${trimSlashes(bare)}`)}${query}`;
}

/**
 * `isValidUrl()`: `#…`, `//…`, `http(s)://…`, `mailto:`, `tel:`, `sms:`, or what PHP's
 * FILTER_VALIDATE_URL takes: here a scheme, `://`, a host and no whitespace (close enough: it
 * decides only whether a Referer is kept whole or put under this host).
 */
function isValidUrl(path: string): boolean {
  if (/^(#|\/\/|https?:\/\/|(mailto|tel|sms):)/.test(path)) return true;
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+[^\s]*$/i.test(path);
}

/** Symfony's scheme and host as the client reached this server: the host lower-cased, no default port. */
function rootUrl(request: FastifyRequest): string {
  const scheme = request.protocol;
  const host = request.host.toLowerCase();
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  return `${scheme}://${host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host}`;
}

const trimSlashes = (text: string) => text.replace(/^\/+|\/+$/g, '');

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/**
 * The `Location` to send: the URL as received (a Referer's bytes go back unchanged), without the
 * control characters Node would refuse in a header (HTTP parsing never lets them in; this makes
 * sure no request can make the answer throw).
 */
export function locationHeader(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly the characters a header may not hold.
  return url.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

/**
 * Symfony RedirectResponse::setTargetUrl()'s page, byte for byte, the URL through
 * `htmlspecialchars($url, ENT_QUOTES, 'UTF-8')`, which answers '' for bytes that are not UTF-8.
 * The header string is Latin-1 (one char per byte received); the page is those bytes.
 */
export function redirectPage(location: string): Buffer {
  const bytes = Buffer.from(location, 'latin1');
  const url = isUtf8(bytes) ? htmlSpecialChars(bytes.toString('utf8')) : '';
  return Buffer.from(
    `<!DOCTYPE html>
<html>
    <head>
        <meta charset="UTF-8" />
        <meta http-equiv="refresh" content="0;url='${url}'" />

        <title>Redirecting to ${url}</title>
    </head>
    <body>
        Redirecting to <a href="${url}">${url}</a>.
    </body>
</html>`,
    'utf8',
  );
}

const decoder = new TextDecoder('utf-8', { fatal: true });
function isUtf8(bytes: Buffer): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#039;',
  '<': '&lt;',
  '>': '&gt;',
};
const htmlSpecialChars = (text: string) => text.replace(/[&"'<>]/g, (char) => ENTITIES[char] ?? char);
