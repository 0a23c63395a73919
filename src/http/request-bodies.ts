import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MemoryBudget } from '../sandbox/memory-budget.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What a route's body costs while it is served, per byte on the wire: buffered text, the
     * parsed value, and what the handler builds from it. Default BODY_COST_PER_BYTE.
     */
    bodyCostPerByte?: number;
  }
  interface FastifyRequest {
    /** Bytes this request holds on the process budget until its response is done. */
    heldBytes: number;
  }
}

/** The text (1), its parsed value (about 2, bounded by the container limit) per byte. */
const BODY_COST_PER_BYTE = 3;

function bodyCost(request: FastifyRequest): number {
  const declared = request.headers['content-length'];
  if (declared === undefined && request.headers['transfer-encoding'] === undefined) return 0;
  // Read once: Fastify builds a new routeOptions object on every access.
  const { bodyLimit = 0, config } = request.routeOptions;
  const bytes = declared === undefined ? bodyLimit : Math.min(Number(declared) || 0, bodyLimit);
  return bytes * (config?.bodyCostPerByte ?? BODY_COST_PER_BYTE);
}

/**
 * Bodies being received, parsed or held (a fault delays a request up to 60 s) count on the
 * process's memory budget until the response is done, so many connections sending large bodies
 * at once meet a 503 instead of growing the heap past the budget. A chunked body counts as its
 * route's whole limit, since its size is unknown until it ends. The same one listener per
 * request gives its sandbox back when the response is done or the client goes away.
 */
export function holdRequestBodies(app: FastifyInstance, budget: MemoryBudget): void {
  app.decorateRequest('heldBytes', 0);
  app.addHook('onRequest', (request, reply, done) => {
    // 'close' comes once, whether the response finished or the client went away.
    reply.raw.on('close', () => {
      if (request.heldBytes > 0) budget.releaseTransient(request.heldBytes);
      if (request.sandbox !== undefined) request.sandbox.inFlight--;
    });
    const cost = bodyCost(request);
    if (cost === 0) return done();
    try {
      budget.reserveTransient(cost);
    } catch (error) {
      return done(error as Error);
    }
    request.heldBytes = cost;
    done();
  });
}
