import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { growDocs } from '../../src/partners/grow/openapi.js';
import { OPENAPI_DIR, renderOpenApiFiles } from '../../src/tools/openapi-files.js';
import { testApp } from '../support/app.js';

const committed = (file: string) => readFileSync(new URL(file, OPENAPI_DIR), 'utf8');
const FILES = ['battleface.json', 'grow.json', 'admin.json'];

type Operation = {
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
};
type Doc = {
  openapi: string;
  servers: Array<{ url: string }>;
  security?: unknown;
  components: { securitySchemes: Record<string, { type: string; scheme: string }> };
  paths: Record<string, Record<string, Operation>>;
};
const doc = (file: string) => JSON.parse(committed(file)) as Doc;

describe('OpenAPI documents', () => {
  it('are committed as the code generates them', async () => {
    const generated = await renderOpenApiFiles();
    for (const file of FILES) {
      expect(
        committed(file),
        `openapi/${file} is out of date: run \`npm run openapi\` and commit the result`,
      ).toBe(generated[file]);
    }
  });

  it.each(FILES)('%s is a valid OpenAPI 3.1 document', async (file) => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(committed(file)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it.each(['battleface.json', 'grow.json'])(
    '%s has servers, a bearer scheme required everywhere, and responses for every route',
    (file) => {
      const spec = doc(file);
      expect(spec.servers.map((server) => server.url)).toContain('http://127.0.0.1:4010');
      expect(spec.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(spec.security).toEqual([{ bearerAuth: [] }]);
      for (const operations of Object.values(spec.paths)) {
        for (const operation of Object.values(operations)) {
          const statuses = Object.keys(operation.responses);
          expect(statuses).toEqual(expect.arrayContaining(['401', '500']));
          expect(statuses.filter((status) => status === '200' || status === '201')).toHaveLength(1);
        }
      }
    },
  );

  it("carries the partners' own examples on the two seed endpoints", () => {
    const seedRequest = JSON.parse(
      readFileSync(new URL('../fixtures/battleface-seed-request.json', import.meta.url), 'utf8'),
    );
    const seedResponse = JSON.parse(
      readFileSync(new URL('../fixtures/battleface-seed-response.json', import.meta.url), 'utf8'),
    );
    const payment = doc('battleface.json').paths['/api/partner/orders/{order_number}/payment/status']?.post;
    expect(payment?.requestBody?.content['application/json']?.example).toEqual(seedRequest);
    expect(payment?.responses['200']?.content?.['application/json']?.example).toEqual(seedResponse);

    const growSeed = JSON.parse(
      readFileSync(new URL('../fixtures/grow-seed-response.json', import.meta.url), 'utf8'),
    );
    const grow422 = JSON.parse(
      readFileSync(new URL('../fixtures/grow-seed-422.json', import.meta.url), 'utf8'),
    );
    const authorize = doc('grow.json').paths['/v1/orders/authorize']?.post;
    expect(authorize?.requestBody?.content['application/json']?.example).toEqual({ id: 2 });
    expect(authorize?.responses['200']?.content?.['application/json']?.example).toEqual(growSeed);
    expect(authorize?.responses['422']?.content?.['application/json']?.example).toEqual(grow422);
    expect({ order: growDocs().seedAuthorizedOrder }).toEqual(growSeed);
  });

  it.each(FILES)('are served at /__admin/openapi/%s as committed', async (file) => {
    const sim = await testApp();

    const response = await sim.request({ token: null, method: 'GET', url: `/__admin/openapi/${file}` });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(JSON.parse(committed(file)));
  });

  it('answers an unknown document with a 404 naming the ones that exist', async () => {
    const sim = await testApp();

    const response = await sim.request({ token: null, method: 'GET', url: '/__admin/openapi/other.json' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: 'No OpenAPI document other.json; there are battleface.json, grow.json, admin.json.',
    });
  });

  it('serves the interactive documentation at /docs, offering all three documents', async () => {
    const sim = await testApp();

    const page = await sim.request({ token: null, method: 'GET', url: '/docs/' });
    const initializer = await sim.request({
      token: null,
      method: 'GET',
      url: '/docs/static/swagger-initializer.js',
    });

    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(initializer.body).toContain('"url":"/__admin/openapi/battleface.json","name":"battleface"');
    expect(initializer.body).toContain('"url":"/__admin/openapi/grow.json","name":"grow"');
    expect(initializer.body).toContain('"url":"/__admin/openapi/admin.json","name":"admin"');
  });
});
