import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_FIXTURES_DIR } from '../../src/config.js';
import { loadJsonFiles } from '../../src/lib/fixture-files.js';
import { type Product, ProductSchema } from '../../src/partners/battleface/schemas/products.js';

/** The shipped product catalogue (fixtures/battleface/products/), as the published examples use it. */
export function bundledProducts(): Product[] {
  return loadJsonFiles(join(BUNDLED_FIXTURES_DIR, 'battleface', 'products'), ProductSchema).map(
    ({ value }) => value,
  );
}

/** A published example, verbatim, as its file holds it (without the file's last newline). */
export function publishedExample(file: string): string {
  return readFileSync(join(BUNDLED_FIXTURES_DIR, 'battleface', 'published', file), 'utf8').replace(/\n$/, '');
}
