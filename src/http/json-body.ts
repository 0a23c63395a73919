import type { FastifyInstance } from 'fastify';
import { containersWithin } from '../lib/json-scan.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Objects and arrays a JSON body may hold (default MAX_JSON_CONTAINERS). */
    maxJsonContainers?: number;
  }
  interface FastifyRequest {
    /** The JSON body's text as received, for the journal (which keeps bytes, never parsed objects). */
    receivedBody: string | undefined;
  }
}

/**
 * Objects and arrays a JSON body may hold unless its route says otherwise: far above any partner
 * request, far below what makes parsing costly (each one is tens of bytes of heap).
 */
export const MAX_JSON_CONTAINERS = 10_000;
/** Shorter bodies cannot hold more than MAX_JSON_CONTAINERS containers, so they are not scanned. */
const SCANNED_LENGTH = 2 * MAX_JSON_CONTAINERS;

/** A JSON body with more objects and arrays than its route accepts; answered 413 in each envelope. */
export class JsonTooComplexError extends Error {
  constructor(readonly limit: number) {
    super(`The request body holds more than ${limit} JSON objects and arrays; send fewer.`);
    this.name = 'JsonTooComplexError';
  }
}

/**
 * JSON bodies as the partners' frameworks read them: an empty body is no body (so a bodiless
 * `POST …/cancel` sent with a JSON content type works), and `__proto__`/`constructor` keys are
 * dropped rather than merged into anything.
 */
export function useJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('remove', 'remove');
  app.decorateRequest('receivedBody', undefined);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    request.receivedBody = text;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (text.length > SCANNED_LENGTH) {
      const limit = request.routeOptions.config.maxJsonContainers ?? MAX_JSON_CONTAINERS;
      if (Number.isFinite(limit) && !containersWithin(text, limit)) {
        done(new JsonTooComplexError(limit), undefined);
        return;
      }
    }
    parseJson(request, text, done);
  });
}
