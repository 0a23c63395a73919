import type { FastifyReply, FastifyRequest } from 'fastify';
import { adminErrorHandler } from './admin/errors.js';
import { battlefaceErrorHandler } from './partners/battleface/errors.js';
import { growErrorHandler } from './partners/grow/errors.js';

type ErrorHandler = (error: Error, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * The error handler of the API a path belongs to, for failures that happen before any plugin
 * sees the request (the router rejecting a URL): each answers in its own envelope.
 */
export function errorHandlerFor(url: string): ErrorHandler {
  if (url.startsWith('/api/partner/') || url === '/api/partner') return battlefaceErrorHandler;
  if (url.startsWith('/v1/') || url.startsWith('/api/v1/')) return growErrorHandler;
  return adminErrorHandler;
}
