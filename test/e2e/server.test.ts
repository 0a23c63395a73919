import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedStart, startServer } from '../support/server-process.js';

describe('server process', () => {
  it('serves Process Payment on a real socket and exits 0 on SIGTERM', async () => {
    const server = await startServer({ LOG_LEVEL: 'info' });
    try {
      const response = await fetch(`${server.url}/api/partner/orders/1-JUN8668-D735471FA063/payment/status`, {
        method: 'POST',
        headers: { authorization: 'Bearer e2e', 'content-type': 'application/json' },
        body: '{"status":"Approved","generate_docs":true}',
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { status: string } }).data.status).toBe('Cancelled');
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });

  it('exits 0 on SIGINT too', async () => {
    const server = await startServer({ LOG_LEVEL: 'info' });
    expect(await server.stop('SIGINT')).toBe(0);
  });

  it('exits promptly on SIGTERM with a live event stream open, ending the stream', async () => {
    const server = await startServer();
    const response = await fetch(`${server.url}/__admin/events`, {
      headers: { authorization: 'Bearer e2e-stream' },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const body = response.text();

    const began = Date.now();
    expect(await server.stop('SIGTERM')).toBe(0);

    expect(Date.now() - began).toBeLessThan(3000);
    expect(await body).toBe('retry: 2000\n: connected\n\n');
  });

  it('stops with one line naming a bad scenario file of the library and its field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-sim-bad-'));
    mkdirSync(join(dir, 'scenarios'));
    writeFileSync(
      join(dir, 'scenarios', 'half.json'),
      '{"description":"half a state","state":{"version":2}}',
    );

    const { code, stderr } = await failedStart({ FIXTURES_DIR: dir });

    expect(code).toBe(1);
    expect(stderr).toBe(
      `partner-sim: Invalid fixture ${join(dir, 'scenarios', 'half.json')}: field state.clock: Invalid input: expected object, received undefined\n`,
    );
  });

  it('stops with one line naming an invalid variable', async () => {
    const { code, stderr } = await failedStart({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toBe('partner-sim: Invalid PORT="eighty": expected an integer from 0 to 65535.\n');
  });

  it('stops with one line naming a bad fixture file and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-sim-bad-'));
    mkdirSync(join(dir, 'battleface', 'orders'), { recursive: true });
    writeFileSync(join(dir, 'battleface', 'orders', 'bad.json'), '{"schema_version":"one"}');

    const { code, stderr } = await failedStart({ FIXTURES_DIR: dir });

    expect(code).toBe(1);
    expect(stderr).toBe(
      `partner-sim: Invalid fixture ${join(dir, 'battleface', 'orders', 'bad.json')}: field schema_version: Invalid input: expected number, received string\n`,
    );
  });
});
