import type { FastifyInstance } from 'fastify';
import { bearerToken } from './bearer.js';
import type { SandboxDirectory } from './sandboxes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The bearer token that selects this request's sandbox; set by requireSandboxToken. */
    sandboxToken: string;
  }
}

/**
 * Rejects, before the body is read, any request of this plugin without an accepted bearer token,
 * with the partner's own error; an accepted token's sandbox exists from here on (or the partner's
 * 503 when the bound is reached). Unknown routes skip the check so they get the partner's 404.
 */
export function requireSandboxToken(
  app: FastifyInstance,
  sandboxes: SandboxDirectory,
  unauthenticated: () => Error,
): void {
  if (!app.hasRequestDecorator('sandboxToken')) app.decorateRequest('sandboxToken', '');
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.is404) return done();
    // Node keeps the first of repeated Authorization headers; a credential sent twice is refused.
    const token = repeated(request.raw.rawHeaders) ? undefined : bearerToken(request.headers.authorization);
    if (token === undefined || !sandboxes.accepts(token)) return done(unauthenticated());
    try {
      sandboxes.get(token);
    } catch (error) {
      return done(error as Error);
    }
    request.sandboxToken = token;
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
