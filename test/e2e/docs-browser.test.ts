import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { BUNDLED_FIXTURES_DIR } from '../../src/config.js';
import { storesOf, testConfig } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';

// /docs in a real browser: Debian's chromium, driven by playwright-core. .ci/run installs chromium
// and sets REQUIRE_BROWSER=1, so CI cannot skip this; on a laptop without chromium it is skipped.

describe.skipIf(!browserAvailable)('/docs in a real browser', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    app = await buildApp(testConfig({ fixturesDir: BUNDLED_FIXTURES_DIR }));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('picks the Grow document, takes a bearer token and authorizes an order against the simulator', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/docs/`);
    await page.waitForSelector('.swagger-ui .info .title');
    expect(await page.textContent('.swagger-ui .info .title')).toContain('battleface Partner API');

    await page.selectOption('.topbar select', { label: 'grow' });
    await page.waitForSelector('text=Curacel Grow API (partner-sim)');

    await page.click('button.authorize');
    await page.fill('.modal-ux input[type=text]', 'browser-token');
    await page.click('.modal-ux .auth-btn-wrapper button.authorize');
    await page.click('.modal-ux button.btn-done');

    await page.click('#operations-default-post_v1_orders_authorize .opblock-summary');
    await page.fill('#operations-default-post_v1_orders_authorize textarea.body-param__text', '{"id": 3}');
    await page.click('#operations-default-post_v1_orders_authorize button.execute');
    const status = page.locator(
      '#operations-default-post_v1_orders_authorize .live-responses-table tbody .response-col_status',
    );
    await status.first().waitFor();
    expect((await status.first().textContent())?.trim()).toBe('200');

    const order = storesOf(app, 'browser-token').grow.orders.find(3);
    expect(order?.status).toBe('paid');
  }, 30_000);
});
