import { z } from 'zod';
import { type DocMeta, documented } from '../http/openapi.js';

export const adminDocs = z.registry<DocMeta>();

export const AdminErrorSchema = z.strictObject({ error: z.string(), issues: z.array(z.string()).optional() });

export const adminError = (description: string) => documented(adminDocs, AdminErrorSchema, { description });
