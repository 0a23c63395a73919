import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BUNDLED_FIXTURES_DIR } from '../../config.js';
import { BAD_STATUS_HEADER } from '../../http/fault-hooks.js';
import { type DocMeta, documented, type OpenApiDocuments } from '../../http/openapi.js';
import { SandboxLimitError } from '../../sandbox/sandboxes.js';
import {
  BODY_TOO_LARGE_MESSAGE,
  INTERNAL_ERROR_MESSAGE,
  ORDER_NOT_FOUND,
  UNAUTHENTICATED,
} from './errors.js';
import { FormInputSchema } from './schemas/claims.js';
import { ErrorSchema, OrderSchema } from './schemas/orders.js';

/** The Process Payment page's request (shared/seeds/battleface-process-payment.txt). */
export const SEED_REQUEST = { status: 'Approved', generate_docs: true };

/** Each app's battleface docs: its two APIs (Partner, Claims) write one document, with one registry. */
const docsOfApp = new WeakMap<OpenApiDocuments, BattlefaceDocs>();

/**
 * The battleface document's named components, and builders of its route-specific examples. One
 * per app's documents (no module-level registry), made when a plugin is registered: the partner
 * page's response is the bundled fixture of its Cancelled order, read then, never at import.
 */
export function battlefaceDocs(documents?: OpenApiDocuments): BattlefaceDocs {
  if (!documents) return newBattlefaceDocs();
  let docs = docsOfApp.get(documents);
  if (!docs) {
    docs = newBattlefaceDocs();
    docsOfApp.set(documents, docs);
  }
  return docs;
}

function newBattlefaceDocs() {
  const registry = z.registry<DocMeta>();
  registry.add(OrderSchema, {
    id: 'Order',
    description: 'A battleface order, as every order endpoint returns it.',
  });
  // Recursive: a form field may be a group of fields, so it is a component that refers to itself.
  registry.add(FormInputSchema, {
    id: 'ClaimFormInput',
    description: 'A field of the claim form, or a group of fields.',
  });
  const seedOrder: unknown = JSON.parse(
    readFileSync(join(BUNDLED_FIXTURES_DIR, 'battleface', 'orders', '01-seed-cancelled.json'), 'utf8'),
  );
  /** A complete published example, verbatim (fixtures/battleface/published/). */
  const published = (file: string): unknown =>
    JSON.parse(readFileSync(join(BUNDLED_FIXTURES_DIR, 'battleface', 'published', file), 'utf8'));
  /** An error response of this document, with one example body. */
  const errorResponse = (description: string, message: string) =>
    documented(registry, ErrorSchema, { description, examples: [{ error: message }] });
  return {
    registry,
    seedOrder,
    published,
    documented: <T extends z.ZodType>(schema: T, meta: DocMeta) => documented(registry, schema, meta),
    errorResponse,
    tooLarge: errorResponse('The request body is over 1 MB.', BODY_TOO_LARGE_MESSAGE),
    /** Errors every route may answer, documented on each beside its own. */
    common: {
      400: errorResponse(
        'An unusable X-Sim-Status or X-Sim-Delay-Ms header (partner-sim fault injection).',
        BAD_STATUS_HEADER,
      ),
      401: errorResponse('Missing, malformed or unknown bearer token.', UNAUTHENTICATED().message),
      404: errorResponse('No order with this order_number in your sandbox.', ORDER_NOT_FOUND().message),
      500: errorResponse('An unexpected failure; the simulator logs the cause.', INTERNAL_ERROR_MESSAGE),
      503: errorResponse(
        'A new token arrived while SIM_MAX_SANDBOXES sandboxes exist, every one serving a request.',
        new SandboxLimitError(1000).message,
      ),
    },
  };
}
export type BattlefaceDocs = ReturnType<typeof newBattlefaceDocs>;
