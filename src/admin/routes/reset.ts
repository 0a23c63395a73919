import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tokenOf } from '../addressing.js';
import type { AdminContext } from '../context.js';

/**
 * Back to the fixtures: the sandbox is dropped whole (orders, documents, outbox, journal, faults,
 * clock, pending work) and starts afresh on its token's next call. Without a token, every sandbox.
 */
export const resetRoutes: FastifyPluginAsyncZod<AdminContext> = async (app, { sandboxes, journal, docs }) => {
  app.post(
    '/__admin/reset',
    {
      schema: {
        summary: 'Reset the sandbox (or all) to the fixtures',
        response: {
          204: z.undefined().describe('Reset.'),
          400: docs.error('Malformed Authorization header.'),
        },
      },
    },
    async (request, reply) => {
      const token = tokenOf(request, sandboxes);
      if (token === undefined) {
        // With a shared store, every replica's sandboxes: the store forgets them all.
        if (sandboxes.shared) await sandboxes.shared.dropAll();
        sandboxes.dropAll();
        journal.unattached.clear();
      } else {
        sandboxes.drop(token);
      }
      return reply.code(204).send();
    },
  );
};
