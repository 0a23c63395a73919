import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { BUNDLED_FIXTURES_DIR } from '../../src/config.js';
import { storesOf, testConfig } from '../support/app.js';

// /docs in a real browser: Debian's chromium, driven by playwright-core. .ci/run installs chromium
// and sets REQUIRE_BROWSER=1, so CI cannot skip this; on a laptop without chromium it is skipped.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_BROWSER === '1') {
  throw new Error(`REQUIRE_BROWSER=1 but there is no browser at ${CHROMIUM} (apt-get install chromium)`);
}

describe.skipIf(!available)('/docs in a real browser', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    app = await buildApp(testConfig({ fixturesDir: BUNDLED_FIXTURES_DIR }));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
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
