import type { FastifyRequest } from 'fastify';

/** The resource a request names: its path's order_number, a quote's id, or a product id. */
export const battlefaceResourceOf = (request: FastifyRequest): string | undefined => {
  const params = request.params as { order_number?: string; id?: string; product_id?: string };
  return params.order_number ?? params.id ?? params.product_id;
};
