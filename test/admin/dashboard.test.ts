import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { PARTNERS } from '../../src/partners/index.js';
import { testConfig } from '../support/app.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const ASSETS: [url: string, type: string][] = [
  ['/__admin/ui/app.js', 'text/javascript; charset=utf-8'],
  ['/__admin/ui/app.css', 'text/css; charset=utf-8'],
  ...PARTNERS.map((partner): [string, string] => [
    `/__admin/ui/partners/${partner.name}.js`,
    'text/javascript; charset=utf-8',
  ]),
];

describe('/__admin/ui', () => {
  it('answers the shell, naming every partner as data and loading the script and stylesheet', async () => {
    app = await buildApp(testConfig());
    const response = await app.inject({ method: 'GET', url: '/__admin/ui' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    const names = PARTNERS.map((partner) => partner.name).join(' ');
    expect(response.body).toContain(`<meta name="partner-sim:partners" content="${names}">`);
    expect(response.body).toContain(`<meta name="partner-sim:dashboards" content="${names}">`);
    expect(response.body).toContain('<script type="module" src="/__admin/ui/app.js"></script>');
    expect(response.body).toContain('<link rel="stylesheet" href="/__admin/ui/app.css">');
    expect((await app.inject({ method: 'GET', url: '/__admin/ui/' })).statusCode).toBe(200);
  });

  it.each(ASSETS)('serves %s as %s', async (url, type) => {
    app = await buildApp(testConfig());
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves scripts that parse as ES modules (they live in template strings, unchecked by tsc)', async () => {
    app = await buildApp(testConfig());
    const dir = mkdtempSync(join(tmpdir(), 'partner-sim-ui-'));
    for (const [url, type] of ASSETS) {
      if (!type.startsWith('text/javascript')) continue;
      const file = join(dir, `${url.split('/').pop()}.mjs`);
      writeFileSync(file, (await app.inject({ method: 'GET', url })).body);
      const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
      expect(check.stderr, url).toBe('');
      expect(check.status, url).toBe(0);
    }
  });

  it('loads nothing at start-up: its assets are only ever imported dynamically, on first request', () => {
    const src = new URL('../../src/', import.meta.url);
    const assets =
      /(?:import|export)\s[^'"]*?from\s+'[^']*\/(?:ui\/(?:shell|app-script|app-style)|dashboard)\.js'/;
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    const staticImports = files.filter((file) => assets.test(readFileSync(new URL(file, src), 'utf8')));
    expect(staticImports).toEqual([]);
    const dynamic = files.filter((file) =>
      /import\('\.\/(?:shell|app-script|app-style|dashboard)\.js'\)/.test(
        readFileSync(new URL(file, src), 'utf8'),
      ),
    );
    expect(dynamic.length).toBeGreaterThanOrEqual(1 + PARTNERS.length);
  });

  it('is absent from the control plane document, as /docs is', async () => {
    app = await buildApp(testConfig());
    const document = (await app.inject({ method: 'GET', url: '/__admin/openapi/admin.json' })).json();
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/__admin/ui'))).toEqual([]);
  });

  it('answers a 404 in the control plane envelope for an unknown asset, and never a 5xx', async () => {
    app = await buildApp(testConfig());
    const unknown = await app.inject({ method: 'GET', url: '/__admin/ui/partners/nobody.js' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatch(/^No dashboard script nobody\.js: the partners with one are /);
    const hostile = [
      '/__admin/ui/partners/%ZZ',
      '/__admin/ui/partners/%00',
      `/__admin/ui/partners/${'a'.repeat(70_000)}`,
      '/__admin/ui/partners/..%2f..%2fpackage.json',
      '/__admin/ui/../ui',
      '/__admin/ui?x=%ZZ&x[]=1',
      '/__admin/ui/nothing',
      '/__admin/ui/app.js/',
    ];
    for (const url of hostile) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(500);
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'] as const) {
      const response = await app.inject({
        method,
        url: '/__admin/ui',
        payload: method === 'POST' ? '{' : undefined,
      });
      expect(response.statusCode, method).toBeLessThan(500);
    }
  });

  it('with SIM_ADMIN_TOKEN set, opens the shell and its assets without it (they hold no data) but not the calls', async () => {
    app = await buildApp(testConfig({ adminToken: 'admin-secret-1234' }));
    for (const url of ['/__admin/ui', ...ASSETS.map(([asset]) => asset)]) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    const listing = await app.inject({ method: 'GET', url: '/__admin/sandboxes' });
    expect(listing.statusCode).toBe(401);
    expect(listing.json()).toEqual({
      error: 'Missing or wrong X-Admin-Token: this simulator sets SIM_ADMIN_TOKEN.',
    });
  });
});
