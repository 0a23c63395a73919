import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// An independent check of the simulator against its committed documents: every response a test
// receives from a partner route is validated with Ajv (not with the zod schemas that produced it).

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};

const DOCS = ['battleface', 'grow', 'admin'] as const;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

const documents = new Map<string, Doc>();
for (const name of DOCS) {
  const doc = JSON.parse(readFileSync(new URL(`../../openapi/${name}.json`, import.meta.url), 'utf8')) as Doc;
  ajv.addSchema(doc as object, `${name}.json`);
  documents.set(name, doc);
}

interface Route {
  doc: string;
  template: string;
  method: string;
  pattern: RegExp;
}

const routes: Route[] = [];
for (const [doc, spec] of documents) {
  for (const [template, operations] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const method of Object.keys(operations)) routes.push({ doc, template, method, pattern });
  }
}

const validators = new Map<string, ValidateFunction>();
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** The documented route a request hit, if any; Grow's /api/v1 mount is documented as /v1. */
function findRoute(method: string, url: string): Route | undefined {
  const path = (url.split('?')[0] ?? '').replace(/^\/api\/v1\//, '/v1/');
  return routes.find((route) => route.method === method.toLowerCase() && route.pattern.test(path));
}

/**
 * Throws when a response of a documented route does not match the committed document: an
 * undocumented status, or a body that breaks the schema (naming the route, the status and the field).
 */
export function assertDocumentedResponse(method: string, url: string, status: number, body: string): void {
  const route = findRoute(method, url);
  if (!route) return;
  const where = `${method.toUpperCase()} ${route.template} → ${status}`;
  const responses = documents.get(route.doc)?.paths[route.template]?.[route.method]?.responses ?? {};
  const documented = responses[String(status)];
  if (!documented) throw new Error(`${where}: status ${status} is not in openapi/${route.doc}.json`);
  if (!documented.content?.['application/json']) return;
  const ref = `${route.doc}.json#${pointer('', 'paths', route.template, route.method, 'responses', String(status), 'content', 'application/json', 'schema')}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`${where}: no schema at ${ref}`);
    validators.set(ref, validate);
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new Error(`${where}: body is not JSON: ${body.slice(0, 200)}`);
  }
  if (!validate(value)) {
    const problems = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '(root)'} ${e.message}`)
      .join('; ');
    throw new Error(`${where}: response does not match openapi/${route.doc}.json: ${problems}`);
  }
}
