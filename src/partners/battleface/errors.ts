import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { classifyFailure, type RequestFailure } from '../../http/request-errors.js';

// battleface errors are any non-2xx with one key, `error`, holding a sentence (reference §2).

/**
 * A battleface error; the plugin's error handler sends it as is. Hooks throw it; route handlers
 * answer it with `sendFailure`, since a throw on a request path is costly.
 */
export class BattlefaceError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'BattlefaceError';
    this.body = { error: message };
  }

  readonly body: { error: string };
}

/** One instance for an error that never varies: expected outcomes, answered on hot paths. */
const constant = (error: BattlefaceError) => () => error;

/** The documented 401 text (reference §2), for a missing, malformed or unknown token. */
export const UNAUTHENTICATED = constant(new BattlefaceError(401, 'Expired or Invalid JWT Token.'));
// INFERENCE (reference §2, §5): the docs list no 404; an unknown order_number is a 404 here.
export const ORDER_NOT_FOUND = constant(new BattlefaceError(404, 'Order not found.'));
export const INTERNAL_ERROR_MESSAGE = 'Internal server error.';
// INFERENCE (reference §2): the docs list no 404; unknown reference data answers like an unknown order.
export const PRODUCT_NOT_FOUND = constant(new BattlefaceError(404, 'Product not found.'));
export const HOST_COUNTRY_NOT_FOUND = constant(new BattlefaceError(404, 'Host country not found.'));
export const HOST_COUNTRY_STATE_NOT_FOUND = constant(
  new BattlefaceError(404, 'Host country state not found.'),
);
// INFERENCE (examples §15, §16): the Claims API publishes no error; it answers in the same envelope.
export const POLICY_NOT_FOUND = constant(new BattlefaceError(404, 'Policy not found.'));
export const POLICY_NOT_APPROVED = constant(
  new BattlefaceError(422, 'Claims can only be filed for a policy whose order is Approved.'),
);
export const QUOTE_NOT_FOUND = constant(new BattlefaceError(404, 'Quote not found.'));
/** The documented payment error (reference §2), for every declined card. */
export const CARD_DECLINED = constant(new BattlefaceError(422, 'Incorrect card details.'));
// INFERENCE (reference §2): "5xx … should not be a common occurrence"; the processor's failure.
export const PAYMENT_PROCESSING_ERROR = constant(
  new BattlefaceError(502, 'The payment could not be processed. Please try again later.'),
);
export const PREMIUM_MISMATCH = constant(new BattlefaceError(400, 'Different premium value provided.'));
export const BODY_TOO_LARGE_MESSAGE = 'The request body is larger than the 1 MB limit.';
/** Process Payment's one documented status (reference §5). */
export const STATUS_MUST_BE_APPROVED = 'The status field is required and must be "Approved".';

/** Status and message of a failure, in battleface's conventions: bad data is 406 (reference §2). */
export function battlefaceFailure(failure: RequestFailure): { status: number; message: string } {
  switch (failure.kind) {
    case 'invalid-fields':
      // One message naming every problem, each once (reference §2).
      return {
        status: 406,
        message: [...new Set(failure.problems.map((problem) => problem.message))].join(' '),
      };
    case 'malformed-json':
      return {
        status: 406,
        message: 'The request body must be valid JSON (send Content-Type: application/json).',
      };
    case 'unsupported-media-type':
      return {
        status: 406,
        message: 'The request body must be JSON, sent with Content-Type: application/json.',
      };
    case 'body-too-large':
      return { status: 413, message: BODY_TOO_LARGE_MESSAGE };
    case 'unavailable':
      return { status: 503, message: failure.message };
    case 'over-budget':
      return { status: failure.status, message: failure.message };
    case 'client-error':
      return { status: failure.status, message: failure.message };
    case 'internal':
      return { status: 500, message: INTERNAL_ERROR_MESSAGE };
  }
}

/** The body of an injected fault: the partner's 500 text, else the status's standard reason. */
export function battlefaceFaultBody(status: number): { error: string } {
  if (status === 500) return { error: INTERNAL_ERROR_MESSAGE };
  return { error: `${STATUS_CODES[status] ?? 'Error'}.` };
}

// The handlers send without returning the reply: Fastify waits on a returned reply (a thenable).
export function battlefaceErrorHandler(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof BattlefaceError) {
    reply.code(error.statusCode).send(error.body);
    return;
  }
  const { status, message } = battlefaceFailure(classifyFailure(error, request.headers['content-type']));
  if (status >= 500 && status !== 503) request.log.error({ err: error }, 'battleface request failed');
  reply.code(status).send({ error: message });
}

export function battlefaceNotFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  // INFERENCE (reference §2): battleface documents no 404 body; keep its one-key envelope.
  const path = (request.url.split('?')[0] ?? '').slice(0, 200);
  reply.code(404).send({ error: `Route not found: ${request.method} ${path}.` });
}
