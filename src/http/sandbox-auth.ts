import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Sandbox, SandboxDirectory } from '../sandbox/sandboxes.js';
import { TokenRevokedError } from '../sandbox/store/store.js';
import { bearerToken } from './bearer.js';
import { commitBeforeAnswering, enterForRequest } from './shared-hooks.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The bearer token that selects this request's sandbox; set by requireSandboxToken. */
    sandboxToken: string;
    /**
     * The sandbox this request is served by, fixed when it arrived: a request delayed past a
     * reset finishes in the sandbox it started in, never in the fresh one.
     */
    sandbox: Sandbox<unknown> | undefined;
  }
}

/**
 * Rejects, before the body is read, any request of this plugin without an accepted bearer token,
 * with the partner's own error; an accepted token's sandbox exists from here on (or the partner's
 * 503 when every sandbox is in use), and counts as in use until the response is done. Unknown
 * routes skip the check so they get the partner's 404.
 */
export function requireSandboxToken(
  app: FastifyInstance,
  sandboxes: SandboxDirectory,
  unauthenticated: () => Error,
  scheme: 'any-case' | 'exact' = 'any-case',
): void {
  if (!app.hasRequestDecorator('sandboxToken')) app.decorateRequest('sandboxToken', '');
  const shared = sandboxes.shared;
  if (shared !== undefined) {
    // A shared store: the token's lease is taken here and the change committed before answering.
    commitBeforeAnswering(app, shared, true);
    app.addHook('onRequest', async (request, reply) => {
      if (request.is404) return;
      const token = repeated(request.raw.rawHeaders)
        ? undefined
        : bearerToken(request.headers.authorization, scheme);
      if (token === undefined) throw unauthenticated();
      // Under SIM_TOKENS, a token rotated to on another replica is accepted once the store says so.
      const accepted =
        sandboxes.accepts(token) ||
        (sandboxes.restricted && !sandboxes.wasRotated(token) && (await shared.rotatedTo(token)));
      if (!accepted) throw unauthenticated();
      request.sandboxToken = token;
      try {
        await enterForRequest(request, reply, token, shared);
      } catch (error) {
        throw error instanceof TokenRevokedError ? unauthenticated() : error;
      }
    });
    return;
  }
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.is404) return done();
    // Node keeps the first of repeated Authorization headers; a credential sent twice is refused.
    const token = repeated(request.raw.rawHeaders)
      ? undefined
      : bearerToken(request.headers.authorization, scheme);
    if (token === undefined || !sandboxes.accepts(token)) return done(unauthenticated());
    let sandbox: Sandbox<unknown>;
    try {
      sandbox = sandboxes.get(token);
    } catch (error) {
      return done(error as Error);
    }
    request.sandboxToken = token;
    request.sandbox = sandbox;
    // Given back when the response is done (holdRequestBodies), so a busy sandbox is never evicted.
    sandbox.inFlight++;
    done();
  });
}

function repeated(rawHeaders: string[]): boolean {
  let seen = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.length === 13 && rawHeaders[i]?.toLowerCase() === 'authorization') seen++;
  }
  return seen > 1;
}

/** The sandbox serving a request that passed requireSandboxToken, typed with the caller's stores. */
export function servingSandbox<Stores>(request: FastifyRequest): Sandbox<Stores> {
  return request.sandbox as Sandbox<Stores>;
}
