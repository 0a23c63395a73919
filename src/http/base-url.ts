import type { FastifyRequest } from 'fastify';

/** The simulator's address as this client reached it, for URLs it hands out (policy documents). */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
