import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_FIXTURES_DIR } from '../../src/config.js';
import { phpJson } from '../../src/partners/grow/webhooks/wire.js';

/** A published Grow example, verbatim, as its file holds it (fixtures/grow/published/). */
export function publishedGrowFile(file: string): string {
  return readFileSync(join(BUNDLED_FIXTURES_DIR, 'grow', 'published', file), 'utf8');
}

/** A complete published example as the partner's PHP sends it: compact, `/` escaped. */
export function publishedGrow(file: string): string {
  return phpJson(JSON.parse(publishedGrowFile(file)));
}

/** A truncated published example, compacted as the wire would send it, as far as it goes. */
export function publishedGrowPartial(file: string): string {
  return publishedGrowFile(file).replace(/\n/g, '').replace(/": /g, '":');
}
