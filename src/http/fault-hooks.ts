import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FaultAction } from '../sandbox/faults.js';
import type { SandboxDirectory } from '../sandbox/sandboxes.js';

export interface FaultOptions {
  partner: string;
  sandboxes: SandboxDirectory;
  /** The partner's error body for a status. */
  errorBody: (status: number) => unknown;
  /** A response cut short, as a broken proxy would deliver it. */
  malformedBody: string;
  /** A 400 in the partner's envelope, for an unusable X-Sim-* header. */
  badHeader: (message: string) => Error;
  /** The resource a request names (an order number, an id), for rules' `order` matcher. */
  resourceOf: (request: FastifyRequest) => string | undefined;
}

const MAX_DELAY_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** An injected fault answered this request: what it sends is the rule's, left as it is. */
    faultAnswered: boolean;
  }
}

/**
 * Applies faults before the partner handles a request: the X-Sim-Status / X-Sim-Delay-Ms headers
 * of the request, then the sandbox's first matching rule. A fault that answers skips the handler.
 */
export function injectFaults(app: FastifyInstance, options: FaultOptions): void {
  if (!app.hasRequestDecorator('faultAnswered')) app.decorateRequest('faultAnswered', false);
  // A callback hook: the common case (no header, no rule) must cost next to nothing.
  app.addHook('preValidation', (request, reply, done) => {
    let action: FaultAction | undefined;
    try {
      action = headerFault(request, options) ?? ruleFault(request, options);
    } catch (error) {
      return done(error as Error);
    }
    if (action === undefined) return done();
    if ('delay_ms' in action) {
      setTimeout(done, action.delay_ms);
      return;
    }
    respond(action, request, reply, options);
  });
}

function ruleFault(request: FastifyRequest, options: FaultOptions): FaultAction | undefined {
  const sandbox = request.sandbox;
  if (!sandbox || sandbox.faults.rules.length === 0) return undefined;
  return sandbox.faults.take(
    {
      partner: options.partner,
      method: request.method,
      path: request.url.split('?', 1)[0] ?? request.url,
      order: options.resourceOf(request),
    },
    () => sandbox.ids.fraction(),
  );
}

/** The answer to an unusable X-Sim-Status header, in the partner's envelope. */
export const BAD_STATUS_HEADER = 'X-Sim-Status must be an HTTP error status from 400 to 599.';

function headerFault(request: FastifyRequest, options: FaultOptions): FaultAction | undefined {
  const status = request.headers['x-sim-status'];
  if (status !== undefined) {
    const value = Number(status);
    if (typeof status !== 'string' || !/^\d{3}$/.test(status) || value < 400 || value > 599) {
      throw options.badHeader(BAD_STATUS_HEADER);
    }
    return { status: value };
  }
  const delay = request.headers['x-sim-delay-ms'];
  if (delay !== undefined) {
    if (typeof delay !== 'string' || !/^\d{1,5}$/.test(delay) || Number(delay) > MAX_DELAY_MS) {
      throw options.badHeader(
        `X-Sim-Delay-Ms must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}.`,
      );
    }
    return { delay_ms: Number(delay) };
  }
  return undefined;
}

/** Answers in place of the partner: an error, a broken body, or no answer at all. */
function respond(
  action: Exclude<FaultAction, { delay_ms: number }>,
  request: FastifyRequest,
  reply: FastifyReply,
  options: FaultOptions,
) {
  if ('reset_connection' in action) {
    reply.hijack();
    request.raw.socket?.destroy();
    return;
  }
  request.faultAnswered = true;
  // Sent as given, past the route's response schema: a fault may be anything a broken partner sends.
  reply
    .header('content-type', 'application/json; charset=utf-8')
    .serializer((payload: unknown) => String(payload));
  if ('malformed_body' in action) reply.code(200).send(options.malformedBody);
  else reply.code(action.status).send(JSON.stringify(action.body ?? options.errorBody(action.status)));
}
