import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { OPENAPI_NAMES } from '../shared/openapi.js';

/** Where the generated documents are committed. */
export const OPENAPI_DIR = new URL('../../openapi/', import.meta.url);

/** Each API's document as its committed file holds it: `{ "battleface.json": "<text>", … }`. */
export async function renderOpenApiFiles(): Promise<Record<string, string>> {
  const app = await buildApp({ ...loadConfig({}), logLevel: 'silent' });
  try {
    return Object.fromEntries(
      OPENAPI_NAMES.map((name) => [`${name}.json`, `${JSON.stringify(app.openapi.get(name), null, 2)}\n`]),
    );
  } finally {
    await app.close();
  }
}
