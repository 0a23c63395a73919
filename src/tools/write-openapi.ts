import { mkdirSync, writeFileSync } from 'node:fs';
import { OPENAPI_DIR, renderOpenApiFiles } from './openapi-files.js';

// `npm run openapi`: regenerates openapi/*.json from the route schemas.
mkdirSync(OPENAPI_DIR, { recursive: true });
for (const [file, text] of Object.entries(await renderOpenApiFiles())) {
  writeFileSync(new URL(file, OPENAPI_DIR), text);
  process.stdout.write(`wrote openapi/${file}\n`);
}
