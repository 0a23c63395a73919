import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxOf } from '../../../admin/addressing.js';
import { AdminError, NOT_FOUND } from '../../../admin/errors.js';
import { formatSeconds } from '../../../lib/clock.js';
import type { PartnerAdminOptions } from '../../module.js';
import { applyEffects } from '../effects.js';
import type { GrowStores } from '../records.js';
import { StoredTopupSchema } from '../schemas/wallet.js';

/** The customer of the wallet pays a top-up's link: the wallet is credited (reference §4 init-topup). */
export const growWalletAdminRoutes: FastifyPluginAsyncZod<PartnerAdminOptions> = async (
  app,
  { sandboxes, docs },
) => {
  app.post(
    '/__admin/grow/wallet/topups/:code',
    {
      schema: {
        summary: "Pay a Grow wallet top-up's link: the wallet is credited and a transaction recorded",
        params: z.object({ code: z.string() }),
        response: {
          200: z.strictObject({ topup: StoredTopupSchema }),
          400: docs.error('No bearer token.'),
          404: docs.error('No top-up with this code in this sandbox.'),
          409: docs.error('The top-up is already paid.'),
        },
      },
    },
    async (request) => {
      const sandbox = sandboxOf<GrowStores>(request, sandboxes);
      const records = sandbox.stores.grow;
      const topup = records.topups.find(request.params.code);
      if (!topup) throw NOT_FOUND(`No Grow top-up ${request.params.code} in this sandbox.`);
      if (topup.status === 'paid') throw new AdminError(409, `Top-up ${topup.code} is already paid.`);
      const at = formatSeconds(sandbox.clock.now());
      const paid = { ...topup, status: 'paid' as const, paid_at: at };
      records.topups.save(paid);
      applyEffects(sandbox, [
        {
          kind: 'wallet-credit',
          currency: topup.currency,
          amount: topup.amount,
          orderId: null,
          at,
          narration: `Wallet top-up ${topup.code}`,
        },
      ]);
      return { topup: paid };
    },
  );
};
