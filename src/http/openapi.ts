import type { FastifyInstance, RouteOptions } from 'fastify';
import type { z } from 'zod';

/** A document's name: a partner's, or `admin`; its file is `<name>.json`. */
export type OpenApiName = string;

/**
 * The OpenAPI document of each API. An app only records its routes as they are registered (a
 * reference per route: start-up pays nothing else); the documents, and the /docs page, are built
 * from those records on the first request that needs them, in an app of their own that holds
 * nothing but the routes' schemas (openapi-app.ts). The one way to build them, for the server,
 * `npm run openapi` and the tests alike.
 */
export class OpenApiDocuments {
  readonly #scopes = new Map<OpenApiName, DocumentScope>();
  #built: Promise<BuiltDocuments> | undefined;

  /** Every document's name, partners' first, in the order /docs offers them. */
  readonly names: readonly OpenApiName[];

  constructor(names: readonly OpenApiName[]) {
    this.names = names;
  }

  /** Records the routes registered in `app`'s context from now on, as the document `options.name`. */
  collect(app: FastifyInstance, options: DocumentOptions): void {
    const routes: RouteOptions[] = [];
    this.#scopes.set(options.name, { options, routes });
    app.addHook('onRoute', (route) => {
      // Hidden routes (/docs) are the documents app's own.
      if (!route.schema?.hide) routes.push(route);
    });
  }

  /**
   * Records the routes registered in `app`'s context from now on into the document `name`, which
   * `collect` began: an API of the same partner at another prefix (a host of its own).
   */
  join(app: FastifyInstance, name: OpenApiName): void {
    const scope = this.#scopes.get(name);
    if (!scope) throw new Error(`No OpenAPI document ${name} to join: collect it first`);
    app.addHook('onRoute', (route) => {
      if (!route.schema?.hide) scope.routes.push(route);
    });
  }

  async get(name: OpenApiName): Promise<unknown> {
    const document = (await this.built()).documents.get(name)?.();
    return document === undefined ? undefined : withoutUnusedComponents(document);
  }

  /** The app that serves /docs, built on first use. */
  async docsApp(): Promise<FastifyInstance> {
    return (await this.built()).app;
  }

  /** Closes the documents app if one was built. */
  async close(): Promise<void> {
    if (this.#built) await (await this.#built).app.close();
  }

  built(): Promise<BuiltDocuments> {
    this.#built ??= import('./openapi-app.js').then(({ buildDocumentsApp }) =>
      buildDocumentsApp([...this.#scopes.values()], this.names),
    );
    return this.#built;
  }
}

/** One document's settings and the routes recorded for it. */
export interface DocumentScope {
  options: DocumentOptions;
  routes: RouteOptions[];
}

export interface BuiltDocuments {
  app: FastifyInstance;
  documents: Map<OpenApiName, () => unknown>;
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
  /** Whether /docs (Swagger UI, offering every document) is served beside this document. */
  docsPage?: boolean;
}

/**
 * Makes the routes registered in `app`'s context from now on the document `options.name`. Call
 * before registering the routes.
 */
export function documentRoutes(
  app: FastifyInstance,
  documents: OpenApiDocuments,
  options: DocumentOptions,
): void {
  documents.collect(app, options);
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
