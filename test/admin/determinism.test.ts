import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { BUNDLED_FIXTURES_DIR } from '../../src/config.js';
import { testConfig } from '../support/app.js';

/** A scenario a QA engineer would replay: seeding, approvals, a coin-flip fault, Grow issuance. */
async function run(seed: string): Promise<string[]> {
  const app = await buildApp(
    testConfig({
      fixturesDir: BUNDLED_FIXTURES_DIR,
      seed,
      now: Date.parse('2024-05-01T12:00:00Z'),
      growPolicyDelayMs: 0,
    }),
  );
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    (
      await app.inject({
        method,
        url,
        headers: { authorization: 'Bearer replay' },
        ...(payload ? { payload } : {}),
      })
    ).body;
  const bodies = [
    await call('POST', '/__admin/battleface/orders', {}),
    await call('POST', '/__admin/grow/orders', { status: 'policy_created' }),
    await call('POST', '/__admin/faults', { action: { status: 503 }, probability: 0.5 }),
  ];
  for (let i = 0; i < 6; i++) bodies.push(await call('GET', '/v1/orders/2'));
  await call('POST', '/__admin/reset');
  bodies.push(
    await call('POST', '/api/partner/orders/1-MAR8D39-D7921E36B462/payment/status', { status: 'Approved' }),
  );
  bodies.push(await call('POST', '/v1/orders/authorize', { id: 2 }));
  bodies.push(await call('GET', '/v1/orders/2'));
  bodies.push(await call('GET', '/__admin/battleface/emails'));
  await app.close();
  return bodies;
}

describe('SIM_SEED', () => {
  it('makes two fresh runs with the same seed, SIM_NOW and requests byte-identical', async () => {
    const first = await run('qa-42');
    const second = await run('qa-42');

    expect(second).toEqual(first);
    expect(first.slice(3, 9).some((body) => body.includes('Service Unavailable'))).toBe(true);
    expect(first.slice(3, 9).some((body) => body.includes('"order"'))).toBe(true);
  });

  it('gives other ids under another seed', async () => {
    const [a] = await run('qa-42');
    const [b] = await run('qa-43');

    expect(JSON.parse(a ?? '').data.order_number).not.toBe(JSON.parse(b ?? '').data.order_number);
  });
});
