import type { FastifyInstance } from 'fastify';
import { AddressList } from '../../lib/address-list.js';
import { BattlefaceError } from './errors.js';

/**
 * battleface answers only its partners' registered IPs (reference §1). With
 * SIM_BATTLEFACE_ALLOWED_IPS set, a call from elsewhere gets the 401 the docs give for a token
 * "not allowed to access the resource" (reference §2), in its envelope; the wording is INFERENCE.
 * The token is checked first (the pipeline's hook runs before this one).
 */
export function allowRegisteredIpsOnly(app: FastifyInstance, entries: readonly string[]): void {
  if (entries.length === 0) return;
  const allowed = new AddressList(entries);
  app.addHook('onRequest', async (request) => {
    if (!allowed.has(request.ip)) {
      throw new BattlefaceError(
        401,
        `Requests from ${request.ip} are not allowed: this IP is not registered.`,
      );
    }
  });
}
