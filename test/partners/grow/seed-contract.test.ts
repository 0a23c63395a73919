import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { BUNDLED_FIXTURES_DIR } from '../../../src/config.js';
import { testConfig } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { sequentialIds } from '../../support/ids.js';
import { assertDocumentedResponse } from '../../support/openapi-responses.js';

// The partner's own examples (shared/seeds/grow-authorize-order.txt), as compact JSON.
const seedResponse = readFileSync(new URL('../../fixtures/grow-seed-response.json', import.meta.url), 'utf8');
const seed422 = readFileSync(new URL('../../fixtures/grow-seed-422.json', import.meta.url), 'utf8');

async function bundledApp() {
  return buildApp(testConfig({ fixturesDir: BUNDLED_FIXTURES_DIR }), {
    clock: new ManualClock('2022-04-06T10:34:20.000Z'),
    ids: sequentialIds(),
  });
}

function authorize(app: Awaited<ReturnType<typeof bundledApp>>, id: number) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/orders/authorize',
    headers: {
      authorization: 'Bearer seed-contract',
      accept: 'application/json',
      'content-type': 'application/json',
    },
    payload: JSON.stringify({ id }),
  });
}

describe('Grow authorize seed contract', () => {
  it('answers the documented 200 body byte for byte for order 2 at the documented payment time', async () => {
    const response = await authorize(await bundledApp(), 2);

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(seedResponse);
    assertDocumentedResponse('POST', '/api/v1/orders/authorize', response.statusCode, response.body);
  });

  it('answers the documented 422 body byte for byte for an id it does not know', async () => {
    const response = await authorize(await bundledApp(), 12345);

    expect(response.statusCode).toBe(422);
    expect(response.body).toBe(seed422);
    assertDocumentedResponse('POST', '/api/v1/orders/authorize', response.statusCode, response.body);
  });
});
