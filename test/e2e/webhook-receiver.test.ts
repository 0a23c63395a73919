import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/receiver.js';
import { type RunningServer, startServer } from '../support/server-process.js';

const RECEIVER = fileURLToPath(new URL('../../examples/webhook-receiver.mjs', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let receiver: ChildProcess | undefined;
let simulator: RunningServer | undefined;
afterEach(async () => {
  receiver?.kill();
  await simulator?.stop();
});

describe("the README's webhook receiver", () => {
  it('gets a verified policy.created after an authorize', async () => {
    const port = await freePort();
    let output = '';
    receiver = spawn(process.execPath, [RECEIVER], {
      env: { PORT: String(port), WEBHOOK_SECRET: 'whsec_local' },
    });
    receiver.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitFor(() => output.includes('listening'), 'the receiver');
    simulator = await startServer({ LOG_LEVEL: 'info', SIM_GROW_POLICY_DELAY_MS: '100' });
    const call = (method: string, path: string, body: object) =>
      fetch(`${simulator?.url}${path}`, {
        method,
        headers: { authorization: 'Bearer my-token', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    await call('PUT', '/__admin/grow/webhook', {
      url: `http://127.0.0.1:${port}/webhooks/grow`,
      secret: 'whsec_local',
    });
    const authorized = await call('POST', '/v1/orders/authorize', { id: 3 });
    expect(authorized.status).toBe(200);

    await waitFor(() => output.includes('policy.created'), 'policy.created', 5000);
    expect(output).toContain('verified policy.created LEADWAY-GADGET-2025-000017');
    expect(output).not.toContain('REJECTED');
  });
});
