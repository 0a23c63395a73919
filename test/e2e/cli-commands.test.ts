import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PartnerSim, startPartnerSim } from '../../src/index.js';
import { CLI_ENTRY } from '../support/server-process.js';

// The built CLI (npm run build) against a simulator started in this process.
let sim: PartnerSim;
beforeAll(async () => {
  sim = await startPartnerSim({ logLevel: 'silent', now: '2024-05-01T12:00:00Z' });
});
afterAll(() => sim.close());

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('partner-sim commands for scripts', () => {
  it('wait: exits 0 once the simulator is healthy, 1 at its timeout', async () => {
    expect(await cli('wait', '--url', sim.url)).toEqual({ code: 0, stdout: '', stderr: '' });
    // A port nothing listens on: one the system just handed out, and took back.
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as AddressInfo;
    await new Promise((resolve) => free.close(resolve));
    const down = await cli('wait', '--url', `http://127.0.0.1:${port}`, '--timeout', '200');
    expect(down).toEqual({
      code: 1,
      stdout: '',
      stderr: `partner-sim: http://127.0.0.1:${port} was not healthy within 200 ms (ECONNREFUSED)\n`,
    });
  });

  it('state export and import: the sandbox state as the control plane has it', async () => {
    const client = sim.client('cli-state');
    await client.grow.orders.seed({ currency: 'KES' });
    const exported = await cli('state', 'export', '--url', sim.url, '--token', 'cli-state');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(await client.state.save());

    const file = join(mkdtempSync(join(tmpdir(), 'partner-sim-cli-')), 'state.json');
    writeFileSync(file, exported.stdout);
    expect(await cli('state', 'import', '--url', sim.url, '--token', 'cli-copy', '--file', file)).toEqual({
      code: 0,
      stdout: '',
      stderr: `partner-sim: loaded ${file}\n`,
    });
    expect(await sim.client('cli-copy').state.save()).toEqual(JSON.parse(readFileSync(file, 'utf8')));

    writeFileSync(file, '{"version":1}');
    const refused = await cli('state', 'import', '--url', sim.url, '--token', 'cli-copy', '--file', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^partner-sim: partner-sim answered 400 to PUT \/__admin\/state: Invalid input\. version: /,
    );
  });

  it('requests count: prints how many recorded requests match, for shell assertions', async () => {
    await fetch(`${sim.url}/api/v1/orders/authorize`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer cli-count',
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: '{"id":3}',
    });
    const args = [
      'requests',
      'count',
      '--url',
      sim.url,
      '--token',
      'cli-count',
      '--path',
      '*/orders/authorize',
    ];
    expect(await cli(...args, '--body', '{"id":3}')).toEqual({ code: 0, stdout: '1\n', stderr: '' });
    expect(await cli(...args, '--body', '{"id":4}')).toEqual({ code: 0, stdout: '0\n', stderr: '' });
  });

  it.each([
    [['state', 'export'], 'partner-sim: --token <value> is required (see partner-sim --help)\n'],
    [
      ['requests', 'count', '--token', 't', '--body', '{'],
      `partner-sim: --body expects JSON, e.g. --body '{"id":3}' (see partner-sim --help)\n`,
    ],
    [['state', 'dance'], 'partner-sim: unknown command state dance (see partner-sim --help)\n'],
    [['wait', '--bogus'], "partner-sim: Unknown option '--bogus' (see partner-sim --help)\n"],
  ])('answers bad usage %j with one line and exit 2', async (args, stderr) => {
    expect(await cli(...args)).toEqual({ code: 2, stdout: '', stderr });
  });
});
