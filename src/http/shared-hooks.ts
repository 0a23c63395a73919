import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session as AnySession, SharedSandboxGate } from '../sandbox/sandbox-work.js';
import type { Sandbox } from '../sandbox/sandboxes.js';

type Session = AnySession<Sandbox<unknown>>;
type SharedSandboxes = SharedSandboxGate<Sandbox<unknown>>;

declare module 'fastify' {
  interface FastifyRequest {
    /** With a shared store: this request's lease on its sandbox, ended before the answer goes out. */
    sharedSession: Session | undefined;
  }
}

/**
 * Holds the lease a request took (see SharedSandboxes) until its answer is ready, and commits the
 * change before a byte of it is sent: a client that sees a 200 sees a saved change, and a commit
 * the store refuses turns the answer into the partner's 503 (the error handler runs on the throw).
 * A request that never answers (a reset connection, a client gone) gives its lease back too.
 */
export function commitBeforeAnswering(
  app: FastifyInstance,
  shared: SharedSandboxes,
  /** Partner routes: every change they make is counted (SharedSandboxGate.leave). */
  counted = false,
): void {
  if (!app.hasRequestDecorator('sharedSession')) app.decorateRequest('sharedSession', undefined);
  app.addHook('onSend', async (request, _reply, payload) => {
    const session = request.sharedSession;
    if (session !== undefined && !session.done) await shared.leave(session, { counted });
    return payload;
  });
}

/** Binds a session to its request: the sandbox serves it, and 'close' ends the lease at the latest. */
export function attachSession(
  request: FastifyRequest,
  reply: FastifyReply,
  session: Session,
  shared: SharedSandboxes,
): void {
  request.sharedSession = session;
  request.sandbox = session.sandbox;
  session.sandbox.inFlight++;
  reply.raw.once('close', () => {
    if (!session.done) shared.leave(session).catch(() => {});
  });
}
