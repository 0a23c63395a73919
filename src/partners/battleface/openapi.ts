import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BUNDLED_FIXTURES_DIR } from '../../config.js';
import { type DocMeta, documented } from '../../http/openapi.js';
import { ErrorSchema, OrderSchema } from './schemas.js';

/** Named components and route-specific examples of the battleface document. */
export const battlefaceDocs = z.registry<DocMeta>();
battlefaceDocs.add(OrderSchema, {
  id: 'Order',
  description: 'A battleface order, as every order endpoint returns it.',
});

/** The Process Payment page's request and response (shared/seeds/battleface-process-payment.txt). */
export const SEED_REQUEST = { status: 'Approved', generate_docs: true };
export const SEED_ORDER: unknown = JSON.parse(
  readFileSync(join(BUNDLED_FIXTURES_DIR, 'battleface', 'orders', '01-seed-cancelled.json'), 'utf8'),
);

/** An error response of this document, with one example body. */
export const errorResponse = (description: string, message: string) =>
  documented(battlefaceDocs, ErrorSchema, { description, examples: [{ error: message }] });
