import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BUNDLED_FIXTURES_DIR } from '../../config.js';
import { type DocMeta, documented } from '../../http/openapi.js';
import { ErrorSchema, OrderSchema } from './schemas.js';

/** Named components and route-specific examples of the Grow document. */
export const growDocs = z.registry<DocMeta>();
growDocs.add(OrderSchema, { id: 'Order', description: 'An order for an insurance product' });

/** The authorize page's examples (shared/seeds/grow-authorize-order.txt). */
export const SEED_AUTHORIZE_REQUEST = { id: 2 };
// The documented 200 body is fixture order 2 once authorized at its creation time.
const seedPending = JSON.parse(
  readFileSync(join(BUNDLED_FIXTURES_DIR, 'grow', 'orders', '02-seed-pending.json'), 'utf8'),
) as Record<string, unknown>;
export const SEED_AUTHORIZED_ORDER = {
  ...seedPending,
  status: 'paid',
  payment_made_at: seedPending.created_at,
};
export const SEED_ID_INVALID = {
  message: 'The given data was invalid',
  errors: { id: ['The ID is invalid'] },
};

/** An error response of this document, with one example body. */
export const errorResponse = (
  description: string,
  example: { message: string; errors?: Record<string, string[]> },
) => documented(growDocs, ErrorSchema, { description, examples: [example] });
