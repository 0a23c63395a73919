import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TokenInUseError } from '../../sandbox/sandboxes.js';
import { sandboxOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import { AdminError } from '../errors.js';

/**
 * Key rotation (a partner documents that generating a new key blocks the old one at once): the
 * sandbox of the calling token answers to a new one, and the old one gets each partner's 401.
 */
export const tokenRoutes: FastifyPluginAsyncZod<AdminContext> = async (app, { sandboxes, docs }) => {
  app.post(
    '/__admin/token/rotate',
    {
      schema: {
        summary:
          "Rotate the sandbox's key: the new token sees the same sandbox, the old one is refused from now on",
        body: z
          .strictObject({
            token: z
              .string()
              .regex(/^\S{1,200}$/, 'a token without spaces, at most 200 characters')
              .optional(),
          })
          .nullish(),
        response: {
          200: z.strictObject({ token: z.string() }),
          409: docs.error('The new token is already in use, or was rotated away before.'),
        },
      },
    },
    async (request) => {
      const sandbox = sandboxOf(request, sandboxes);
      const next = request.body?.token ?? `sim_${randomBytes(16).toString('hex')}`;
      const session = request.sharedSession;
      if (sandboxes.shared && session) {
        // In the store, under the sandbox's lease: every replica refuses the old token at once.
        if (next === sandbox.token || (await sandboxes.shared.rotate(session, next)) === 'in-use') {
          throw new AdminError(409, new TokenInUseError(next).message);
        }
        return { token: next };
      }
      try {
        sandboxes.rotate(sandbox.token, next);
      } catch (error) {
        if (error instanceof TokenInUseError) throw new AdminError(409, error.message);
        throw error;
      }
      return { token: next };
    },
  );
};
