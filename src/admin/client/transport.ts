// The admin client's HTTP layer: global fetch, JSON in and out, the control plane's error body
// turned into a PartnerSimError. Nothing here imports the server, so the client stays light.

export interface ClientOptions {
  /** The simulator's base URL, as startPartnerSim's `url` or `http://127.0.0.1:4010`. */
  url: string;
  /** The sandbox to act on: the bearer token your partner requests use. */
  token: string;
  /** SIM_ADMIN_TOKEN, when the simulator sets one. */
  adminToken?: string | undefined;
}

/** What the simulator answered to a control-plane call that failed: its status, message and issues. */
export class PartnerSimError extends Error {
  constructor(
    readonly status: number,
    /** The simulator's own message (`error` of its body), verbatim. */
    readonly error: string,
    /** Each problem with the input, as the simulator lists them (empty when it lists none). */
    readonly issues: readonly string[],
    readonly method: string,
    readonly path: string,
  ) {
    super(
      `partner-sim answered ${status} to ${method} ${path}: ${error}${issues.length > 0 ? ` ${issues.join('; ')}` : ''}`,
    );
    this.name = 'PartnerSimError';
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface Transport {
  call<T>(method: string, path: string, options?: { query?: Query; body?: unknown }): Promise<T>;
}

/** A path segment from a key (order numbers, ids), encoded. */
export const segment = (key: string | number) => encodeURIComponent(String(key));

export function createTransport({ url, token, adminToken }: ClientOptions): Transport {
  const base = url.replace(/\/+$/, '');
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (adminToken !== undefined) headers['x-admin-token'] = adminToken;
  return {
    async call<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}) {
      const query = Object.entries(options.query ?? {}).filter(([, value]) => value !== undefined);
      const search =
        query.length === 0
          ? ''
          : `?${new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)]))}`;
      const response = await fetch(`${base}${path}${search}`, {
        method,
        headers: options.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      const body = parse(text);
      if (!response.ok) {
        const { error, issues } = errorOf(body, text, response.statusText);
        throw new PartnerSimError(response.status, error, issues, method, path);
      }
      return body as T;
    },
  };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorOf(body: unknown, text: string, fallback: string): { error: string; issues: string[] } {
  if (typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string') {
    const { error, issues } = body as { error: string; issues?: unknown };
    return { error, issues: Array.isArray(issues) ? issues.map(String) : [] };
  }
  return { error: text.slice(0, 500) || fallback, issues: [] };
}

/** Any part of a record: what seeding and merge-patching take (`null` removes an optional field). */
export type DeepPartial<T> = T extends readonly (infer Item)[]
  ? readonly DeepPartial<Item>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;
