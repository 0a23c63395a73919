import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { VERSION } from '../lib/version.js';

/** A document's name: a partner's, or `admin`; its file is `<name>.json`. */
export type OpenApiName = string;

/**
 * The OpenAPI document of each API. An app either collects them itself (its plugins register
 * @fastify/swagger), or, to start fast, leaves that to a second app built with documents on the
 * first request that needs them (/__admin/openapi, /docs).
 */
export class OpenApiDocuments {
  readonly #getters = new Map<OpenApiName, () => unknown>();
  readonly #buildDocsApp: (() => Promise<FastifyInstance>) | undefined;
  #docsApp: Promise<FastifyInstance> | undefined;

  /** Every document's name, partners' first, in the order /docs offers them. */
  readonly names: readonly OpenApiName[];

  /** Without `buildDocsApp` this app collects the documents; with it, they come from that app. */
  constructor(names: readonly OpenApiName[], buildDocsApp?: () => Promise<FastifyInstance>) {
    this.names = names;
    this.#buildDocsApp = buildDocsApp;
  }

  get collecting(): boolean {
    return this.#buildDocsApp === undefined;
  }

  add(name: OpenApiName, getter: () => unknown): void {
    this.#getters.set(name, getter);
  }

  async get(name: OpenApiName): Promise<unknown> {
    if (this.collecting) return this.#getters.get(name)?.();
    return (await this.docsApp()).openapi.get(name);
  }

  /** The app that holds the documents and serves /docs (this one, or one built on first use). */
  docsApp(): Promise<FastifyInstance> {
    if (!this.#buildDocsApp) throw new Error('this app holds its own documents');
    this.#docsApp ??= this.#buildDocsApp();
    return this.#docsApp;
  }

  /** Closes the documents app if one was built. */
  async close(): Promise<void> {
    if (this.#docsApp) await (await this.#docsApp).close();
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
  if (!documents.collecting) return;
  const { default: fastifySwagger } = await import('@fastify/swagger');
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
