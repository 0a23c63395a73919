import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { VERSION } from './version.js';

export const OPENAPI_NAMES = ['battleface', 'grow', 'admin'] as const;
export type OpenApiName = (typeof OPENAPI_NAMES)[number];

/** The OpenAPI document of each API, available once the app is ready. */
export class OpenApiDocuments {
  readonly #getters = new Map<OpenApiName, () => unknown>();

  add(name: OpenApiName, getter: () => unknown): void {
    this.#getters.set(name, getter);
  }

  get(name: OpenApiName): unknown {
    return this.#getters.get(name)?.();
  }
}

/** What a schema may carry into a document: a component name, a description, examples. */
export interface DocMeta {
  [key: string]: unknown;
  id?: string | undefined;
  description?: string | undefined;
  examples?: unknown[] | undefined;
}
export type DocRegistry = z.core.$ZodRegistry<DocMeta>;

/** A copy of `schema` that the API's document shows with `meta` (route-specific examples, descriptions). */
export function documented<T extends z.ZodType>(registry: DocRegistry, schema: T, meta: DocMeta): T {
  const copy = schema.clone() as T;
  registry.add(copy, meta);
  return copy;
}

/** Where the simulator is reached: the document's own origin first, then the default address. */
export const SIMULATOR_SERVERS = [
  { url: '/', description: 'This partner-sim: the origin this document was fetched from' },
  { url: 'http://127.0.0.1:4010', description: 'partner-sim on its default address' },
];

export interface DocumentOptions {
  name: OpenApiName;
  title: string;
  description: string;
  servers: Array<{ url: string; description: string }>;
  /** Schemas that become named components ($ref) instead of being inlined. */
  components: DocRegistry;
  bearerFormat?: string;
  /** Whether every route requires the bearer token (not the control plane). */
  secured: boolean;
}

/**
 * Registers @fastify/swagger in a plugin's own context, so the document holds that plugin's routes
 * only, generated from their zod schemas. Call before registering the routes.
 */
export async function documentRoutes(
  app: FastifyInstance,
  documents: OpenApiDocuments,
  options: DocumentOptions,
): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, description: options.description, version: VERSION },
      servers: options.servers,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            ...(options.bearerFormat ? { bearerFormat: options.bearerFormat } : {}),
            description: 'Any non-empty token (or one of SIM_TOKENS); each token selects its own sandbox.',
          },
        },
      },
      ...(options.secured ? { security: [{ bearerAuth: [] }] } : {}),
    },
    transform: createJsonSchemaTransform({ schemaRegistry: options.components }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: options.components }),
  });
  documents.add(options.name, () => withoutUnusedComponents(app.swagger()));
}

/**
 * The zod transform emits an input and an output variant of every named schema; a document
 * keeps only the ones its routes reference.
 */
function withoutUnusedComponents<T>(document: T): T {
  const doc = structuredClone(document) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas;
  if (!schemas) return doc as T;
  for (;;) {
    const text = JSON.stringify({ ...doc, components: { ...doc.components, schemas: undefined } });
    const inSchemas = JSON.stringify(schemas);
    const unused = Object.keys(schemas).filter((name) => {
      const ref = `"#/components/schemas/${name}"`;
      return !text.includes(ref) && !inSchemas.includes(ref);
    });
    if (unused.length === 0) return doc as T;
    for (const name of unused) delete schemas[name];
  }
}
