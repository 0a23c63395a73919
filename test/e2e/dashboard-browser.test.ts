import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { BUNDLED_FIXTURES_DIR } from '../../src/config.js';
import { storesOf, testConfig } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';

// The QA dashboard in a real browser: Debian's chromium, driven by playwright-core, as the /docs
// test does. .ci/run installs chromium and sets REQUIRE_BROWSER=1, so CI cannot skip this; on a
// laptop without chromium it is skipped.

const TOKEN = 'qa-dashboard-anna-0001';
const PENDING = '1-MAR8D39-D7921E36B462';
const ADMIN_TOKEN = 'admin-secret-4321';

/**
 * A view as the README shows it: written to docs/screenshots/<name>.png with SCREENSHOTS=1 (the
 * times on screen change every run, so an ordinary run takes it without writing it).
 */
async function shoot(page: Page, name: string, selector?: string) {
  const target = selector ? page.locator(selector) : page;
  const path = process.env.SCREENSHOTS === '1' ? `docs/screenshots/${name}.png` : undefined;
  const image = await target.screenshot({ path, ...(selector ? {} : { fullPage: true }) });
  expect(image.length).toBeGreaterThan(0);
}

describe.skipIf(!browserAvailable)('/__admin/ui in a real browser', () => {
  let app: FastifyInstance;
  let guarded: FastifyInstance;
  let browser: Browser;
  let base: string;
  let guardedBase: string;

  beforeAll(async () => {
    app = await buildApp(testConfig({ fixturesDir: BUNDLED_FIXTURES_DIR }));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    guarded = await buildApp(testConfig({ fixturesDir: BUNDLED_FIXTURES_DIR, adminToken: ADMIN_TOKEN }));
    guardedBase = await guarded.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await guarded?.close();
  });

  /** A page that fails the test on any uncaught script error. */
  async function open(
    url: string,
    viewport = { width: 420, height: 900 },
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    return { page, errors };
  }

  it('opens a sandbox by token, approves a Pending battleface order and shows the request in the journal', async () => {
    const { page, errors } = await open(`${base}/__admin/ui`);
    await page.getByLabel('Sandbox token').fill(TOKEN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();

    const row = page.locator(`#partner-battleface tr[data-key="${PENDING}"]`);
    await row.locator('.status', { hasText: 'Pending' }).waitFor();
    await page.getByRole('button', { name: `Approve ${PENDING}` }).click();
    await row.locator('.status', { hasText: 'Approved' }).waitFor();
    expect(storesOf(app, TOKEN).battleface.orders.find(PENDING)?.status).toBe('Approved');
    // Only what the new state allows: no second approval.
    expect(await page.getByRole('button', { name: `Approve ${PENDING}` }).count()).toBe(0);

    const curl = await page.locator('#last-action pre.curl').textContent();
    expect(curl).toBe(
      `curl -s -X POST '${base}/api/partner/orders/${PENDING}/payment/status' -H "Authorization: Bearer $SIM_SANDBOX_TOKEN" -H 'Content-Type: application/json' -d '{"status":"Approved"}'`,
    );
    await page
      .locator('#traffic td code', { hasText: `/api/partner/orders/${PENDING}/payment/status` })
      .waitFor();

    // The approval's outbox: its email opens as text, its policy document as a file.
    const opened = async (label: RegExp) => {
      const [popup] = await Promise.all([
        page.waitForEvent('popup'),
        page.getByRole('button', { name: label }).first().click(),
      ]);
      await popup.waitForURL(/^blob:/);
      return popup;
    };
    const email = await opened(/^Open email /);
    expect(await email.locator('body').innerText()).toContain(`Thank you for your order ${PENDING}.`);
    await email.close();
    const policyNumber = storesOf(app, TOKEN).battleface.documents.all()[0]?.policy_number;
    expect(await page.locator('#partner-battleface').innerText()).toContain(policyNumber);
    await (await opened(/^Open policy document /)).close();

    // Conditions leave nothing behind: no stray "null" where a control is not offered.
    for (const id of ['#session', '#faults', '#sandboxes']) {
      expect(await page.locator(id).innerText(), id).not.toMatch(/\bnull\b/);
    }

    // The token stays in the tab (sessionStorage) and is never shown in full.
    expect(await page.locator('#open-sandbox').textContent()).toBe('****0001');
    expect(await page.locator('body').innerText()).not.toContain(TOKEN);
    await page.reload();
    await page.locator('#open-sandbox', { hasText: '****0001' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('freezes the clock, authorizes a Grow order, and shows its policy once the clock is advanced', async () => {
    const { page, errors } = await open(`${base}/__admin/ui`);
    await page.getByLabel('Sandbox token').fill(`${TOKEN}-grow`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();

    await page.getByRole('button', { name: 'Freeze now' }).click();
    await page.locator('#clock-mode', { hasText: 'frozen' }).waitFor();

    const row = page.locator('#partner-grow tr[data-key="3"]');
    await page.getByRole('button', { name: 'Authorize order 3' }).click();
    await row.locator('.status', { hasText: 'paid' }).waitFor();
    expect(await row.locator('code.policy').count()).toBe(0);
    // The clock view lists what waits on it, with its due time.
    await page.locator('#clock td', { hasText: 'policy issuance' }).waitFor();
    expect(await page.locator('#clock tbody tr').first().innerText()).toMatch(
      /\tgrow\tpolicy issuance\torder 3$/,
    );
    await shoot(page, 'clock', '#clock');

    await page.getByRole('button', { name: 'Advance +2 s' }).click();
    await row.locator('.status', { hasText: 'policy_created' }).waitFor();
    const policy = storesOf(app, `${TOKEN}-grow`).grow.orders.find(3)?.policy;
    expect(await row.locator('code.policy').textContent()).toBe(policy?.number);

    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('#clock-mode', { hasText: 'flowing' }).waitFor();

    // Freeze at a chosen instant; a wrong one is explained beside the field, which keeps it.
    await page.getByLabel('Freeze at', { exact: true }).fill('next tuesday');
    await page.getByRole('button', { name: 'Freeze at this instant' }).click();
    await page.locator('#clock [role=alert]', { hasText: 'answered 400: Invalid input.' }).waitFor();
    expect(await page.locator('#clock ul.error').innerText()).toBe(
      'now: expected an ISO 8601 instant like 2024-05-01T12:00:00Z',
    );
    expect(await page.getByLabel('Freeze at', { exact: true }).inputValue()).toBe('next tuesday');
    await page.getByLabel('Freeze at', { exact: true }).fill('2030-01-01T00:00:00Z');
    await page.getByRole('button', { name: 'Freeze at this instant' }).click();
    await page.locator('#clock-now', { hasText: '2030-01-01 00:00:00Z' }).waitFor();
    await page.locator('#clock-mode', { hasText: 'frozen' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('adds a fault from a template and shows the failing authorize with the simulator message', async () => {
    const { page, errors } = await open(`${base}/__admin/ui`);
    await page.getByLabel('Sandbox token').fill(`${TOKEN}-faults`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();

    await page.getByLabel('Template').selectOption({ label: 'grow: next authorize answers 503' });
    await page.getByRole('button', { name: 'Add fault' }).click();
    await page.locator('#faults td', { hasText: '{"status":503}' }).waitFor();

    await page.getByRole('button', { name: 'Authorize order 2' }).click();
    await page.locator('#message [role=alert]', { hasText: 'answered 503' }).waitFor();
    await page.locator('#partner-grow tr[data-key="2"] .status', { hasText: 'pending' }).waitFor();
    await page.getByRole('button', { name: 'Authorize order 2' }).click();
    await page.locator('#partner-grow tr[data-key="2"] .status', { hasText: 'paid' }).waitFor();
    await page.locator('#faults td', { hasText: '0 (spent)' }).waitFor();

    // The journal, newest first: the retry that passed, then the request the fault answered.
    await page.getByLabel('Path (* wildcards)').fill('/v1/orders/authorize');
    await page.getByLabel('Path (* wildcards)').press('Enter');
    await page.getByLabel('Path (* wildcards)').blur();
    const statuses = page.locator('#traffic tbody tr td:nth-child(5)');
    await page.locator('#traffic tbody tr:nth-child(2)').waitFor();
    await page.locator('#traffic tbody tr:nth-child(3)').waitFor({ state: 'detached' });
    expect(await statuses.allTextContents()).toEqual(['200', '503']);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('loads a library scenario in one click, then advances the clock and sees the Grow policy issued', async () => {
    const { page, errors } = await open(`${base}/__admin/ui`);
    await page.getByLabel('Sandbox token').fill(`${TOKEN}-scenario`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();

    await page
      .getByRole('button', { name: 'Load scenario grow-policy-about-to-be-issued', exact: true })
      .click();
    const row = page.locator('#partner-grow tr[data-key="2"]');
    await row.locator('.status', { hasText: 'paid' }).waitFor();
    await page.locator('#clock-mode', { hasText: 'frozen' }).waitFor();
    expect(await page.locator('#clock-now').textContent()).toBe('2026-01-15 09:00:00Z');
    expect(await row.textContent()).toContain('due 2026-01-15 09:00:02Z');
    await page.getByRole('button', { name: 'Advance +2 s' }).click();
    await row.locator('.status', { hasText: 'policy_created' }).waitFor();

    // Saved under a name, listed as saved, and downloaded as its file.
    await page.getByLabel('Save this sandbox as', { exact: true }).fill('issued-policy');
    await page.getByLabel('Description', { exact: true }).fill('Grow order 2 with its policy');
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await page.locator('#scenarios tr[data-key="issued-policy"]', { hasText: 'saved' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download scenario issued-policy' }).click(),
    ]);
    const file = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(download.suggestedFilename()).toBe('issued-policy.json');
    expect(file.description).toBe('Grow order 2 with its policy');
    expect(file.state.grow.orders.find((order: { id: number }) => order.id === 2).status).toBe(
      'policy_created',
    );

    // The downloaded file uploads again under another name.
    await page.getByLabel('Scenario file to upload').setInputFiles((await download.path()) as string);
    await page.getByLabel('under the name').fill('issued-policy-copy');
    await page.getByRole('button', { name: 'Upload scenario' }).click();
    await page
      .locator('#scenarios tr[data-key="issued-policy-copy"]', { hasText: 'Grow order 2 with its policy' })
      .waitFor();
    await shoot(page, 'scenarios', '#scenarios');
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('loads the declined-card scenario: the failed intent is listed, and paying it approves the order', async () => {
    const { page, errors } = await open(`${base}/__admin/ui`);
    await page.getByLabel('Sandbox token').fill(`${TOKEN}-declined`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();

    await page.getByRole('button', { name: 'Load scenario battleface-card-declined', exact: true }).click();
    const order = '1-MAR88D5-C5367493FEA3';
    const payment = page
      .locator(`#partner-battleface tr[data-key="${order}"]`)
      .filter({ has: page.getByRole('cell', { name: 'intent', exact: true }) });
    await payment.getByRole('cell', { name: 'failed', exact: true }).waitFor();
    await page.getByRole('button', { name: `Intent of ${order} paid` }).click();
    await page
      .locator(`#partner-battleface tr[data-key="${order}"] .status`, { hasText: 'Approved' })
      .waitFor();
    await payment.getByRole('cell', { name: 'succeeded', exact: true }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('shows partner requests made elsewhere live, from the event stream, each with its curl', async () => {
    const { page, errors } = await open(`${base}/__admin/ui`, { width: 1280, height: 900 });
    await page.getByLabel('Sandbox token').fill(`${TOKEN}-live`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('#traffic-mode', { hasText: 'Live: server-sent events' }).waitFor();

    // A request the page did not make: only the stream can tell it of it.
    const outside = await fetch(`${base}/api/partner/orders/${PENDING}/payment/status`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}-live`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ status: 'Approved' }),
    });
    expect(outside.status).toBe(200);
    const record = page.locator('#traffic tbody tr', {
      hasText: `/api/partner/orders/${PENDING}/payment/status`,
    });
    await record.waitFor();
    await record.getByRole('button', { name: /as curl$/ }).click();
    expect(await record.locator('pre.curl').textContent()).toBe(
      `curl -s -X POST '${base}/api/partner/orders/${PENDING}/payment/status' -H "Authorization: Bearer $SIM_SANDBOX_TOKEN" -H 'content-type: application/json' -H 'accept: application/json' --data-raw '{"status":"Approved"}'`,
    );
    await shoot(page, 'live-traffic', '#traffic');
    await page.reload();
    await page
      .locator(`#partner-battleface tr[data-key="${PENDING}"] .status`, { hasText: 'Approved' })
      .waitFor();
    await shoot(page, 'dashboard');
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('seeds and edits a Grow order from forms, and sets the webhook, each wrong field explained in place', async () => {
    const { page, errors } = await open(`${base}/__admin/ui`, { width: 1280, height: 900 });
    await page.getByLabel('Sandbox token').fill(`${TOKEN}-forms`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();

    await page.locator('#partner-grow summary', { hasText: 'Seed a Grow order' }).click();
    await page.getByLabel('Order fields (JSON)').last().fill('{"status": "pending", "amount_due": 120}');
    await page.getByRole('button', { name: 'Seed order' }).last().click();
    const row = page.locator('#partner-grow tr[data-key="7"]');
    await row.locator('.status', { hasText: 'pending' }).waitFor();

    await row.locator('summary', { hasText: 'Edit order 7' }).click();
    await page.getByLabel('Merge patch for order 7').fill('{"amount_due": "lots"}');
    await row.getByRole('button', { name: 'Apply patch' }).click();
    await row.locator('[role=alert]', { hasText: 'answered 400' }).waitFor();
    expect(await row.locator('ul.error').innerText()).toContain('amount_due');
    expect(await page.getByLabel('Merge patch for order 7').inputValue()).toBe('{"amount_due": "lots"}');
    await page.getByLabel('Merge patch for order 7').fill('{"amount_due": 999}');
    await row.getByRole('button', { name: 'Apply patch' }).click();
    await row.getByRole('cell', { name: '999 GHS' }).waitFor();
    expect(storesOf(app, `${TOKEN}-forms`).grow.orders.find(7)?.amount_due).toBe(999);

    await page.getByLabel('Webhook URL').fill('ftp://files.example/hook');
    await page.getByRole('button', { name: 'Save webhook settings' }).click();
    await page.locator('#partner-grow [role=alert]', { hasText: 'answered 400' }).waitFor();
    expect(await page.locator('#partner-grow ul.error').innerText()).toBe('url: expected an http(s) URL');
    await page.getByLabel('Webhook URL').fill('http://127.0.0.1:9/hook');
    await page.getByLabel('Secret', { exact: true }).fill('whsec_0123456789');
    await page.getByRole('button', { name: 'Save webhook settings' }).click();
    await page.locator('#partner-grow code', { hasText: 'http://127.0.0.1:9/hook' }).waitFor();
    expect(await page.locator('#partner-grow').innerText()).toContain('secret: ****6789');
    expect(await page.locator('body').innerText()).not.toContain('whsec_0123456789');
    expect(await page.locator('#last-action pre.curl').textContent()).toBe(
      `curl -s -X PUT '${base}/__admin/grow/webhook' -H "Authorization: Bearer $SIM_SANDBOX_TOKEN" -H 'Content-Type: application/json' -d '{"url":"http://127.0.0.1:9/hook","deliver_twice":false,"secret":"'"$SIM_WEBHOOK_SECRET"'"}'`,
    );
    await shoot(page, 'grow', '#partner-grow');
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('with SIM_ADMIN_TOKEN set, asks for the admin token, refuses a wrong one visibly and accepts the right one', async () => {
    const { page, errors } = await open(`${guardedBase}/__admin/ui`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Use this token' }).click();
    const refusal = page.locator('#admin-gate [role=alert]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(
      'The admin token was refused: GET /__admin/sandboxes answered 401: Missing or wrong X-Admin-Token: this simulator sets SIM_ADMIN_TOKEN.',
    );

    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Use this token' }).click();
    await page.getByLabel('Sandbox token').fill(TOKEN);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator(`#partner-battleface tr[data-key="${PENDING}"]`).waitFor();
    expect(await page.locator('#admin-gate').isHidden()).toBe(true);
    expect(await page.locator('body').innerText()).not.toContain(ADMIN_TOKEN);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});
