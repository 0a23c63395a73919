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

/**
 * Takes the token's lease for a request, and binds it: the sandbox serves the request, and the
 * lease ends before the answer or, at the latest, when the connection closes. A client that left
 * while the request waited for its turn gets nothing, and the lease it got goes straight back:
 * no 'close' would come for it any more, and the token would stay held.
 */
export async function enterForRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  shared: SharedSandboxes,
): Promise<void> {
  let closed = false;
  let session: Session | undefined;
  reply.raw.once('close', () => {
    closed = true;
    if (session !== undefined && !session.done) shared.leave(session).catch(() => {});
  });
  const entered = await shared.enter(token);
  if (closed) {
    // Nothing to answer and nothing to log: the request simply ends here.
    await shared.leave(entered).catch(() => {});
    reply.hijack();
    return;
  }
  session = entered;
  request.sharedSession = session;
  request.sandbox = session.sandbox;
  session.sandbox.inFlight++;
}
