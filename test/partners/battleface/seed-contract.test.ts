import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { BUNDLED_FIXTURES_DIR } from '../../../src/config.js';
import { testConfig } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { sequentialIds } from '../../support/ids.js';
import { assertDocumentedResponse } from '../../support/openapi-responses.js';

// The partner's own page (shared/seeds/battleface-process-payment.txt), copied verbatim.
const seedRequest = readFileSync(
  new URL('../../fixtures/battleface-seed-request.json', import.meta.url),
  'utf8',
);
const seedResponse = readFileSync(
  new URL('../../fixtures/battleface-seed-response.json', import.meta.url),
  'utf8',
);

describe('battleface Process Payment seed contract', () => {
  it('answers the documented request on the documented order with the documented body, byte for byte', async () => {
    const app = await buildApp(testConfig({ fixturesDir: BUNDLED_FIXTURES_DIR }), {
      clock: new ManualClock(),
      ids: sequentialIds(),
    });

    const response = await app.inject({
      method: 'POST',
      url: '/api/partner/orders/1-JUN8668-D735471FA063/payment/status',
      headers: { authorization: 'Bearer seed-contract', 'content-type': 'application/json', accept: '' },
      payload: seedRequest,
    });

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(seedResponse);
    assertDocumentedResponse(
      'POST',
      '/api/partner/orders/1-JUN8668-D735471FA063/payment/status',
      response.statusCode,
      response.body,
    );
  });
});
