// How credentials are shown wherever the simulator repeats what it saw: the journal, logs, the
// webhook settings. A short secret is hidden whole; a long one keeps its last four characters,
// enough to tell two apart.

/** Secrets shorter than this are shown as `****` only: their last four would give most of them away. */
const SHORTEST_HINTED_SECRET = 12;

/** `****abcd` for a long secret, `****` for a short one. */
export function mask(secret: string): string {
  return secret.length < SHORTEST_HINTED_SECRET ? '****' : `****${secret.slice(-4)}`;
}

/** Headers that carry credentials, in the lower case Node gives them. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'x-admin-token',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'cookie',
  'set-cookie',
]);

export function maskHeaders(headers: Record<string, string | string[] | undefined>) {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADERS.has(name)) out[name] = value;
    else out[name] = Array.isArray(value) ? value.map(mask) : value === undefined ? value : mask(value);
  }
  return out;
}

/** Query parameters whose value is a credential, lower case. */
const SECRET_PARAMETERS = new Set([
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'api_key',
  'apikey',
  'key',
  'secret',
  'client_secret',
  'password',
  'signature',
  'sig',
  'auth',
  'authorization',
  'code',
]);

/** A query that might name a credential: one holds a SECRET_PARAMETERS name, or a `%` that may encode one. */
const MAYBE_SECRET = new RegExp(`${[...SECRET_PARAMETERS].join('|')}|%`, 'i');

const isSecretParameter = (name: string) => SECRET_PARAMETERS.has(name.toLowerCase());

/** A parsed query with credential values masked. */
export function redactQuery(query: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(query)) {
    if (isSecretParameter(name)) query[name] = '[redacted]';
  }
  return query;
}

/** A URL for a log line: credential query values replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  // Most queries name no credential: one scan says so without splitting and decoding them.
  if (!MAYBE_SECRET.test(url.slice(start + 1))) return url;
  const redacted = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const end = pair.indexOf('=');
      const name = end === -1 ? pair : pair.slice(0, end);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {}
      return end !== -1 && isSecretParameter(decoded) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${redacted}`;
}
