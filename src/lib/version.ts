import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** partner-sim's package.json: the nearest one above this module (src/, dist/ or the bundle). */
function packageJsonPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('partner-sim: package.json not found above the running code');
    dir = parent;
  }
  return join(dir, 'package.json');
}

/** partner-sim's own version. */
export const VERSION: string = (JSON.parse(readFileSync(packageJsonPath(), 'utf8')) as { version: string })
  .version;
