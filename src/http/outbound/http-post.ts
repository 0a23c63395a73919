import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { ConcurrencyLimit } from './concurrency.js';
import type { EgressPolicy } from './egress-policy.js';

/** The most of a response body read (and discarded) before the connection is cut. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface PostRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** What sends one webhook attempt; partners' dispatchers take this shape. */
export type HttpSender = (request: PostRequest) => Promise<{ status: number }>;

/**
 * An attempt that got no HTTP status. `refused`: the egress policy said no (detail: its
 * reason). `no-response`: anything at the network level (DNS, refused, reset, timeout, TLS);
 * the detail is for the server log only, since telling these apart to a tenant makes the
 * simulator a port scanner.
 */
export class DeliveryFailure extends Error {
  constructor(
    readonly kind: 'refused' | 'no-response',
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'DeliveryFailure';
  }
}

/**
 * POSTs with node:http(s) rather than fetch, for what fetch cannot promise: the address
 * checked is the address connected to (the policy runs inside `lookup`, so DNS cannot answer
 * differently in between), redirects are never followed, and no socket outlives its attempt.
 */
export function createHttpSender(options: { policy: EgressPolicy; concurrency: number }): HttpSender {
  const limit = new ConcurrencyLimit(options.concurrency);
  return async (request) => {
    const target = resolveTarget(request.url, options.policy);
    return limit.run(() => post(target, request));
  };
}

interface Target {
  url: URL;
  hostname: string;
  port: number;
  secure: boolean;
  lookup: LookupFunction;
}

function resolveTarget(url: string, policy: EgressPolicy): Target {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new DeliveryFailure('refused', 'not an http(s) URL');
  const secure = parsed.protocol === 'https:';
  const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const port = parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port);

  // net.connect skips `lookup` for an IP literal, so that one is checked here instead.
  const family = isIP(hostname);
  if (family !== 0) {
    const refusal = policy.check({ hostname, address: hostname, family, port });
    if (refusal !== undefined) throw new DeliveryFailure('refused', refusal);
  }

  // Every address the name resolves to must pass: net may try any of them (happy eyeballs).
  const lookup: LookupFunction = (name, lookupOptions, callback) => {
    dnsLookup(name, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refusal = addresses
        .map(({ address, family }) => policy.check({ hostname, address, family, port }))
        .find((reason) => reason !== undefined);
      if (refusal !== undefined) return callback(new DeliveryFailure('refused', refusal), '');
      const [first] = addresses;
      if (!first)
        return callback(Object.assign(new Error(`no address for ${name}`), { code: 'ENOTFOUND' }), '');
      if (lookupOptions.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
  return { url: parsed, hostname, port, secure, lookup };
}

function post(target: Target, { body, headers, timeoutMs }: PostRequest): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions = {
      method: 'POST',
      hostname: target.hostname,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      // Exactly these, in this order: Host first and Content-Length last, as curl writes them,
      // and the caller's own in between (a partner's sender may not look like Node).
      headers: { Host: target.url.host, ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      lookup: target.lookup,
      // A fresh socket per attempt, closed after it: nothing pooled for a tenant's URL.
      agent: false,
    };
    if (target.url.username !== '' || target.url.password !== '')
      options.auth = `${decode(target.url.username)}:${decode(target.url.password)}`;
    const request = (target.secure ? httpsRequest : httpRequest)(options);
    // Node would add `Connection: close` (no agent); curl sends none over HTTP/1.1.
    request.removeHeader('connection');

    let status: number | undefined;
    let settled = false;
    const settle = (failure?: DeliveryFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      // Once a status line arrived the receiver answered, whatever became of the body.
      if (status !== undefined) resolve({ status });
      else reject(failure ?? new DeliveryFailure('no-response', 'the connection closed without a response'));
    };
    const timer = setTimeout(
      () => settle(new DeliveryFailure('no-response', `no response within ${timeoutMs} ms`)),
      timeoutMs,
    );

    request.on('error', (error) => settle(asFailure(error)));
    request.on('response', (response) => {
      status = response.statusCode ?? 0;
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) settle();
      });
      response.on('end', () => settle());
      response.on('error', () => settle());
      response.on('close', () => settle());
    });
    request.end(body);
  });
}

function asFailure(error: Error): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  return new DeliveryFailure('no-response', networkDetail(error));
}

/** What the server log says; with several addresses tried (happy eyeballs), each one's error. */
function networkDetail(error: Error): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.map((inner: Error) => inner.message).join('; ');
  const code = (error as NodeJS.ErrnoException).code;
  if (error.message === '') return code ?? error.name;
  return code !== undefined && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}
