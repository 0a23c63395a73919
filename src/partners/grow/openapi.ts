import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BUNDLED_FIXTURES_DIR } from '../../config.js';
import { BAD_STATUS_HEADER } from '../../http/fault-hooks.js';
import { type DocMeta, documented } from '../../http/openapi.js';
import { SandboxLimitError } from '../../sandbox/sandboxes.js';
import {
  BODY_TOO_LARGE_MESSAGE,
  type GrowErrorBody,
  SERVER_ERROR_MESSAGE,
  UNAUTHENTICATED,
} from './errors.js';
import { ErrorSchema, OrderSchema } from './schemas/orders.js';

/** The authorize page's request (shared/seeds/grow-authorize-order.txt). */
export const SEED_AUTHORIZE_REQUEST = { id: 2 };

/**
 * The Grow document's named components, and builders of its route-specific examples. One per
 * mount (no module-level registry), made when the plugin is registered: the page's 200 body is
 * the bundled fixture order 2 once authorized at its creation time, read then, never at import.
 */
export function growDocs() {
  const registry = z.registry<DocMeta>();
  registry.add(OrderSchema, { id: 'Order', description: 'An order for an insurance product' });
  const seedPending = JSON.parse(
    readFileSync(join(BUNDLED_FIXTURES_DIR, 'grow', 'orders', '02-seed-pending.json'), 'utf8'),
  ) as Record<string, unknown>;
  /** An error response of this document, with one example body. */
  const errorResponse = (description: string, example: GrowErrorBody) =>
    documented(registry, ErrorSchema, { description, examples: [example] });
  return {
    registry,
    seedAuthorizedOrder: { ...seedPending, status: 'paid', payment_made_at: seedPending.created_at },
    documented: <T extends z.ZodType>(schema: T, meta: DocMeta) => documented(registry, schema, meta),
    errorResponse,
    /** Errors every route may answer, documented on each beside its own. */
    common: {
      400: errorResponse('An unusable X-Sim-Status or X-Sim-Delay-Ms header (partner-sim fault injection).', {
        message: BAD_STATUS_HEADER,
      }),
      401: errorResponse('Missing or rejected bearer token.', UNAUTHENTICATED().body),
      413: errorResponse('The request body is over 1 MB.', { message: BODY_TOO_LARGE_MESSAGE }),
      500: errorResponse('An unexpected failure; the simulator logs the cause.', {
        message: SERVER_ERROR_MESSAGE,
      }),
      503: errorResponse(
        'A new token arrived while SIM_MAX_SANDBOXES sandboxes exist, every one serving a request.',
        { message: new SandboxLimitError(1000).message },
      ),
    },
  };
}
export type GrowDocs = ReturnType<typeof growDocs>;
