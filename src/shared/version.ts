import { createRequire } from 'node:module';

/** partner-sim's own version, from package.json (the same path from src/ and dist/). */
export const VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;
