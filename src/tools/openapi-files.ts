import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';

/** Where the generated documents are committed. */
export const OPENAPI_DIR = new URL('../../openapi/', import.meta.url);

/** Each API's document as its committed file holds it: `{ "<name>.json": "<text>", … }`. */
export async function renderOpenApiFiles(): Promise<Record<string, string>> {
  const app = await buildApp({ ...loadConfig({}), logLevel: 'silent' });
  try {
    const files: Record<string, string> = {};
    for (const name of app.openapi.names)
      files[`${name}.json`] = `${JSON.stringify(await app.openapi.get(name), null, 2)}\n`;
    return files;
  } finally {
    await app.close();
  }
}
