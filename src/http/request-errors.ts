import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { BudgetError } from '../sandbox/memory-budget.js';
import { SandboxLimitError } from '../sandbox/sandboxes.js';
import { SandboxBusyError, StoreUnavailableError } from '../sandbox/store/store.js';
import { JsonTooComplexError } from './json-body.js';

/** A validation problem of a request: the field it concerns and the message the schema gave it. */
export interface FieldProblem {
  /** Dotted path inside the validated part (`generate_docs`), or '' for the part itself. */
  field: string;
  message: string;
  /** The part of the request: body, params, querystring, headers. */
  part: string;
}

/**
 * What went wrong with a request, independent of any partner's envelope. Every partner's error
 * handler turns one of these into its own body, so each failure is classified in one place.
 */
export type RequestFailure =
  | { kind: 'invalid-fields'; problems: FieldProblem[] }
  | { kind: 'malformed-json'; detail: string }
  | { kind: 'unsupported-media-type'; contentType: string }
  | { kind: 'body-too-large' }
  /** Every sandbox in use, or the shared store away or busy: a 503 with what to do. */
  | { kind: 'unavailable'; message: string }
  /** A write that does not fit the memory budget: 413 for a sandbox's, 503 for the process's. */
  | { kind: 'over-budget'; status: 413 | 503; message: string }
  | { kind: 'client-error'; status: number; message: string }
  | { kind: 'internal' };

export function classifyFailure(error: unknown, contentType?: string): RequestFailure {
  if (
    error instanceof SandboxLimitError ||
    error instanceof StoreUnavailableError ||
    error instanceof SandboxBusyError
  ) {
    return { kind: 'unavailable', message: error.message };
  }
  if (error instanceof JsonTooComplexError)
    return { kind: 'over-budget', status: 413, message: error.message };
  if (error instanceof BudgetError) {
    return { kind: 'over-budget', status: error.scope === 'sandbox' ? 413 : 503, message: error.message };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = error.validationContext ?? 'body';
    return {
      kind: 'invalid-fields',
      problems: error.validation.map((issue) => ({
        part: String(part),
        field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: issue.message ?? 'is invalid',
      })),
    };
  }
  const fastifyError = error as Partial<FastifyError> | undefined;
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { kind: 'malformed-json', detail: 'the body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { kind: 'malformed-json', detail: 'it could not be parsed' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { kind: 'unsupported-media-type', contentType: contentType ?? '' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { kind: 'body-too-large' };
  }
  // JSON.parse / secure-json-parse failures (including __proto__ keys) carry statusCode 400.
  if (error instanceof SyntaxError && fastifyError?.statusCode === 400) {
    return { kind: 'malformed-json', detail: error.message };
  }
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { kind: 'client-error', status, message: fastifyError?.message ?? 'Bad request.' };
  }
  return { kind: 'internal' };
}

/** A partner's error as its plugin sends it: a status and the partner's body. */
export interface PartnerFailure<Body> {
  readonly statusCode: number;
  readonly body: Body;
}

/**
 * Answers a route with a partner's error for an expected failure (an unknown order, a refused
 * transition), as its error handler would, without the cost of a throw through Fastify's request
 * stack. Returns nothing, so a handler can `return sendFailure(reply, error)`: the body is typed
 * by the route's own error schemas.
 */
export function sendFailure<Body>(
  reply: { code(status: number): { send(body: Body): unknown } },
  error: PartnerFailure<NoInfer<Body>>,
): void {
  reply.code(error.statusCode).send(error.body);
}
