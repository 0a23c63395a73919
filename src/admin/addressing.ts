import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../http/bearer.js';
import type { Sandbox, Sandboxes } from '../sandbox/sandboxes.js';
import { AdminError } from './errors.js';

// An admin call with `Authorization: Bearer <token>` acts on that token's sandbox (created if
// needed); without one, on every sandbox where that makes sense (reset, journal).

/** The bearer token of an admin call, if it names one. */
export function tokenOf(request: FastifyRequest, sandboxes: Sandboxes<unknown>): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const token = bearerToken(header);
  if (token === undefined) {
    throw new AdminError(
      400,
      'The Authorization header must be "Bearer <token>", the token of the sandbox to act on.',
    );
  }
  if (!sandboxes.accepts(token)) {
    throw new AdminError(
      401,
      sandboxes.wasRotated(token)
        ? 'This token was rotated away (POST /__admin/token/rotate): use the token it was rotated to.'
        : 'This token is not accepted: it is not in SIM_TOKENS.',
    );
  }
  return token;
}

/** The one sandbox an admin call acts on, typed with the caller's stores; its token is required. */
export function sandboxOf<Stores = unknown>(
  request: FastifyRequest,
  sandboxes: Sandboxes<unknown>,
): Sandbox<Stores> {
  const token = tokenOf(request, sandboxes);
  if (token === undefined) {
    throw new AdminError(
      400,
      'This call acts on one sandbox: send Authorization: Bearer <token>, the token your partner requests use.',
    );
  }
  return sandboxes.get(token) as Sandbox<Stores>;
}
