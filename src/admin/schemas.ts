import { z } from 'zod';
import { type DocMeta, documented } from '../http/openapi.js';

export const AdminErrorSchema = z.strictObject({ error: z.string(), issues: z.array(z.string()).optional() });

/** The control plane document's named components and error responses: one per app, none at import. */
export function adminDocs() {
  const registry = z.registry<DocMeta>();
  return {
    registry,
    /** An error response of the control plane, described. */
    error: (description: string) => documented(registry, AdminErrorSchema, { description }),
  };
}
export type AdminDocs = ReturnType<typeof adminDocs>;
