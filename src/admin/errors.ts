import type { FastifyReply, FastifyRequest } from 'fastify';
import { classifyFailure } from '../http/request-errors.js';
import { ClockRangeError } from '../sandbox/sandbox-clock.js';

/** The control plane's own error body (not a partner's): a message, and the issues of invalid input. */
export interface AdminErrorBody {
  error: string;
  issues?: string[];
}

export class AdminError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
    this.name = 'AdminError';
  }

  get body(): AdminErrorBody {
    return this.issues ? { error: this.message, issues: this.issues } : { error: this.message };
  }
}

export const NOT_FOUND = (what: string) => new AdminError(404, what);
export const INVALID_INPUT = (issues: string[]) => new AdminError(400, 'Invalid input.', issues);

export function adminErrorHandler(error: Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AdminError) return reply.code(error.statusCode).send(error.body);
  if (error instanceof ClockRangeError) return reply.code(400).send({ error: error.message });
  const failure = classifyFailure(error, request.headers['content-type']);
  switch (failure.kind) {
    case 'invalid-fields':
      return reply.code(400).send({
        error: 'Invalid input.',
        issues: failure.problems.map(
          ({ part, field, message }) => `${field === '' ? part : field}: ${message}`,
        ),
      });
    case 'malformed-json':
      return reply.code(400).send({ error: 'The request body must be valid JSON.' });
    case 'unsupported-media-type':
      return reply
        .code(415)
        .send({ error: 'The request body must be JSON, sent with Content-Type: application/json.' });
    case 'body-too-large':
      return reply.code(413).send({ error: bodyTooLarge(request) });
    case 'unavailable':
      return reply.code(503).send({ error: failure.message });
    case 'over-budget':
      return reply.code(failure.status).send({ error: failure.message });
    case 'client-error':
      return reply.code(failure.status).send({ error: failure.message });
    case 'internal':
      request.log.error({ err: error }, 'admin request failed');
      return reply.code(500).send({ error: 'Internal server error.' });
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The setting a route's body limit comes from, named in its 413. */
    bodyLimitSetting?: string;
  }
}

function bodyTooLarge(request: FastifyRequest): string {
  const setting = request.routeOptions.config.bodyLimitSetting;
  const limit = `${request.routeOptions.bodyLimit} bytes${setting ? ` (${setting})` : ''}`;
  return `The request body is larger than this call's limit of ${limit}.`;
}
