import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BUNDLED_FIXTURES_DIR } from '../../config.js';
import { type DocMeta, documented } from '../../http/openapi.js';
import { ErrorSchema, OrderSchema } from './schemas.js';

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
  return {
    registry,
    seedAuthorizedOrder: { ...seedPending, status: 'paid', payment_made_at: seedPending.created_at },
    documented: <T extends z.ZodType>(schema: T, meta: DocMeta) => documented(registry, schema, meta),
    /** An error response of this document, with one example body. */
    errorResponse: (description: string, example: { message: string; errors?: Record<string, string[]> }) =>
      documented(registry, ErrorSchema, { description, examples: [example] }),
  };
}
export type GrowDocs = ReturnType<typeof growDocs>;
