import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BUNDLED_FIXTURES_DIR } from '../../config.js';
import { type DocMeta, documented } from '../../http/openapi.js';
import { ErrorSchema, OrderSchema } from './schemas.js';

/** The Process Payment page's request (shared/seeds/battleface-process-payment.txt). */
export const SEED_REQUEST = { status: 'Approved', generate_docs: true };

/**
 * The battleface document's named components, and builders of its route-specific examples. One
 * per app (no module-level registry), made when the plugin is registered: the partner page's
 * response is the bundled fixture of its Cancelled order, read then, never at import.
 */
export function battlefaceDocs() {
  const registry = z.registry<DocMeta>();
  registry.add(OrderSchema, {
    id: 'Order',
    description: 'A battleface order, as every order endpoint returns it.',
  });
  const seedOrder: unknown = JSON.parse(
    readFileSync(join(BUNDLED_FIXTURES_DIR, 'battleface', 'orders', '01-seed-cancelled.json'), 'utf8'),
  );
  return {
    registry,
    seedOrder,
    documented: <T extends z.ZodType>(schema: T, meta: DocMeta) => documented(registry, schema, meta),
    /** An error response of this document, with one example body. */
    errorResponse: (description: string, message: string) =>
      documented(registry, ErrorSchema, { description, examples: [{ error: message }] }),
  };
}
export type BattlefaceDocs = ReturnType<typeof battlefaceDocs>;
