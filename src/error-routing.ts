import type { FastifyReply, FastifyRequest } from 'fastify';
import { adminErrorHandler } from './admin/errors.js';
import type { AnyPartnerModule, ErrorHandler } from './partners/module.js';

/**
 * The error handler of the API a path belongs to, for failures that happen before any plugin
 * sees the request (the router rejecting a URL): each answers in its own envelope.
 */
export function errorHandlerFor(partners: readonly AnyPartnerModule[], url: string): ErrorHandler {
  for (const partner of partners) {
    for (const prefix of [...partner.prefixes, ...(partner.hosts ?? []).map((host) => host.prefix)]) {
      if (url === prefix || url.startsWith(`${prefix}/`)) return partner.errorHandler;
    }
  }
  return adminErrorHandler as (error: Error, request: FastifyRequest, reply: FastifyReply) => unknown;
}
