import type { FastifyRequest } from 'fastify';

/** The order a request names: an id in its path, or the authorize body's. */
export function growResourceOf(request: FastifyRequest): string | undefined {
  const params = request.params as { id?: string; ref?: string; quote?: string };
  const fromPath = params.id ?? params.ref ?? params.quote;
  if (fromPath !== undefined) return fromPath;
  const body = request.body as { id?: unknown } | undefined;
  return typeof body?.id === 'number' || typeof body?.id === 'string' ? String(body.id) : undefined;
}
