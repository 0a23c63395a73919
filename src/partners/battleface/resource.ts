import type { FastifyRequest } from 'fastify';

/** The order a request names: its path's order_number. */
export const battlefaceResourceOf = (request: FastifyRequest): string | undefined =>
  (request.params as { order_number?: string }).order_number;
