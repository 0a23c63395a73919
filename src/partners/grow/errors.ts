import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { classifyFailure, type RequestFailure } from '../../http/request-errors.js';
import { phpEscape } from '../../lib/php-json.js';

// Grow errors are Laravel's: `{"message": …}`, and for validation 422
// `{"message": "The given data was invalid", "errors": {field: [...]}}` (reference §3).

export type FieldErrors = Record<string, string[]>;

export interface GrowErrorBody {
  message: string;
  errors?: FieldErrors;
}

/**
 * A Grow error; the plugin's error handler sends it as is. Hooks throw it; domain code returns it
 * for expected outcomes (unknown order, wrong status) and route handlers answer it with
 * `sendFailure`, since a throw on a request path is costly.
 */
export class GrowError extends Error {
  readonly body: GrowErrorBody;

  constructor(
    readonly statusCode: number,
    message: string,
    errors?: FieldErrors,
  ) {
    super(message);
    this.name = 'GrowError';
    this.body = errors ? { message, errors } : { message };
  }
}

/** One instance for an error that never varies: expected outcomes, answered on hot paths. */
const constant = (error: GrowError) => () => error;

/** The documented validation message, without a trailing period (reference §3). */
export const INVALID_DATA = 'The given data was invalid';

// INFERENCE (reference §3): Laravel Sanctum's default body for a missing or rejected token.
export const UNAUTHENTICATED = constant(new GrowError(401, 'Unauthenticated.'));
export const ORDER_NOT_FOUND = constant(new GrowError(404, 'Order not found'));
/** The one documented authorize error (reference §6). */
export const ID_INVALID = constant(new GrowError(422, INVALID_DATA, { id: ['The ID is invalid'] }));
export const POLICY_NOT_FOUND = constant(new GrowError(404, 'Policy not found'));
// INFERENCE (reference examples §6): no 404 is shown for a customer; Grow's own "Order not found" style.
export const PRODUCT_NOT_FOUND = constant(new GrowError(404, 'Product not found'));
export const QUOTE_NOT_FOUND = constant(new GrowError(404, 'Quote not found'));
export const CUSTOMER_NOT_FOUND = constant(new GrowError(404, 'Customer not found'));
// INFERENCE (examples §23, §24): no 404 is shown for claims; Grow's "Order not found" style.
export const CLAIM_NOT_FOUND = constant(new GrowError(404, 'Claim not found'));
export const VOUCHER_NOT_FOUND = constant(new GrowError(404, 'Discharge voucher not found'));
export const ATTACHMENT_NOT_FOUND = constant(new GrowError(404, 'Attachment not found'));
/** The claims list's own documented 400 (examples §22). */
export const CLAIMS_BAD_REQUEST = constant(new GrowError(400, 'Bad request (400).'));
/** The list pages' documented 400 (reference §3). */
export const BAD_REQUEST = constant(new GrowError(400, '400 Bad Request (Client Error)'));
// INFERENCE (reference §3): Laravel's production default for an unexpected failure.
export const SERVER_ERROR_MESSAGE = 'Server Error';
export const BODY_TOO_LARGE_MESSAGE = 'The request body is larger than the 1 MB limit.';

/** A 422 about one field, in the validation envelope, with the message as its own text too. */
const fieldError = (field: string, message: string) => new GrowError(422, message, { [field]: [message] });

// INFERENCE (reference §4): the sandbox-only cancel documents no refusal; these name the reason.
export const ORDER_ALREADY_CANCELLED = (id: number) => fieldError('id', `Order ${id} is already cancelled.`);
export const ORDER_HAS_POLICY = (id: number) =>
  fieldError('id', `Order ${id} cannot be cancelled: its policy has already been issued.`);

/** A 422 about the request as a whole, in the validation envelope. */
function bodyError(message: string): { status: number; body: GrowErrorBody } {
  return { status: 422, body: { message, errors: { body: [message] } } };
}

export function growFailure(failure: RequestFailure): { status: number; body: GrowErrorBody } {
  switch (failure.kind) {
    case 'invalid-fields': {
      const whole = failure.problems.find((problem) => problem.field === '');
      if (whole) return bodyError(whole.message);
      const errors: FieldErrors = {};
      for (const { field, message } of failure.problems) errors[field] = [...(errors[field] ?? []), message];
      return { status: 422, body: { message: INVALID_DATA, errors } };
    }
    case 'malformed-json':
      return bodyError('The request body must be valid JSON (send Content-Type: application/json).');
    case 'unsupported-media-type':
      return bodyError('The request body must be JSON, sent with Content-Type: application/json.');
    case 'body-too-large':
      return { status: 413, body: { message: BODY_TOO_LARGE_MESSAGE } };
    case 'unavailable':
      return { status: 503, body: { message: failure.message } };
    case 'over-budget':
      return { status: failure.status, body: { message: failure.message } };
    case 'client-error':
      return { status: failure.status, body: { message: failure.message } };
    case 'internal':
      return { status: 500, body: { message: SERVER_ERROR_MESSAGE } };
  }
}

/** The body of an injected fault: Laravel's 500 text, else the status's standard reason. */
export function growFaultBody(status: number): GrowErrorBody {
  return { message: status === 500 ? SERVER_ERROR_MESSAGE : (STATUS_CODES[status] ?? 'Error') };
}

// The handlers send without returning the reply: Fastify waits on a returned reply (a thenable).
export function growErrorHandler(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof GrowError) {
    reply.code(error.statusCode).send(error.body);
    return;
  }
  const { status, body } = growFailure(classifyFailure(error, request.headers['content-type']));
  if (status >= 500 && status !== 503) request.log.error({ err: error }, 'grow request failed');
  reply.code(status).send(body);
}

export function growNotFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  // INFERENCE (reference §3): Laravel's JSON answer for a route that does not exist.
  const path = (request.url.split('?')[0] ?? '').replace(/^\//, '').slice(0, 200);
  // Serialized here: Fastify's 404 answers do not go through the plugin's reply serializer.
  reply
    .code(404)
    .type('application/json')
    .send(phpEscape(JSON.stringify({ message: `The route ${path} could not be found.` })));
}
