import type { IncomingHttpHeaders } from 'node:http';

// Whether Laravel 8 answers a request with JSON: `$request->expectsJson()` (Illuminate\Http\Concerns\
// InteractsWithContentTypes), on Symfony's reading of `Accept` (HttpFoundation AcceptHeader). Grow's
// errors depend on it: a client that does not ask for JSON gets Laravel's redirects and HTML pages.

/** `expectsJson()`: an XHR that is not PJAX and accepts anything, or `wantsJson()`. */
export function expectsJson(headers: IncomingHttpHeaders): boolean {
  const types = acceptableContentTypes(headers.accept);
  const ajax = headers['x-requested-with'] === 'XMLHttpRequest';
  const acceptsAny = types.length === 0 || types[0] === '*/*' || types[0] === '*';
  return (ajax && !pjax(headers['x-pjax']) && acceptsAny) || wantsJson(types);
}

/** `wantsJson()`: the most acceptable type (the first) names JSON, in any case. */
function wantsJson(types: readonly string[]): boolean {
  const first = types[0]?.toLowerCase();
  return first !== undefined && (first.includes('/json') || first.includes('+json'));
}

/** `$request->pjax()`: `X-PJAX` loosely equal to true in PHP: any value but "" and "0". */
function pjax(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && value !== '' && value !== '0';
}

interface Item {
  quality: number;
  index: number;
}

/**
 * `getAcceptableContentTypes()`: the media ranges of `Accept`, most acceptable first: by `q`
 * (read as PHP's float cast reads it), then in the order sent. A range sent twice keeps its last
 * `q` and position; empty ranges are dropped; a quoted range loses its quotes.
 */
export function acceptableContentTypes(accept: string | undefined): string[] {
  if (accept === undefined) return [];
  const items = new Map<string, Item>();
  let index = 0;
  for (const range of splitOutsideQuotes(accept, ',')) {
    const [value = '', ...parameters] = splitOutsideQuotes(range, ';').map((part) => part.trim());
    if (value === '') continue;
    let quality = 1;
    for (const parameter of parameters) {
      const [name = '', raw = ''] = splitOutsideQuotes(parameter, '=').map((part) => part.trim());
      if (name.toLowerCase() === 'q') quality = phpFloat(unquote(raw));
    }
    items.set(unquote(value), { quality, index: index++ });
  }
  return [...items]
    .sort(([, a], [, b]) => (a.quality === b.quality ? a.index - b.index : b.quality - a.quality))
    .map(([value]) => value);
}

/** PHP's `(float) "0.5x"`: the leading decimal number, 0 without one. */
function phpFloat(text: string): number {
  const match = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text);
  return match ? Number(match[0]) : 0;
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"')
    ? text.slice(1, -1).replace(/\\(.)/g, '$1')
    : text;
}

/** Splits on `separator` where it is not inside a quoted string. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted && char === '\\' && i + 1 < text.length) {
      current += char + text[++i];
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}
