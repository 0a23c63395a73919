import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PartnerSim, startPartnerSim, WaitTimeoutError } from '../../src/index.js';
import { Receiver } from '../support/receiver.js';

// Waiting instead of sleeping, on a real simulator whose clock flows (no `now`): the server holds
// a listing until a match exists, and the client's waitFor rides on it.
let sim: PartnerSim;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await new Receiver().start();
  sim = await startPartnerSim({
    logLevel: 'silent',
    growPolicyDelayMs: 20,
    growWebhookRetrySchedule: 'fast',
  });
});
afterAll(async () => {
  await sim.close();
  await receiver.stop();
});

const authorize = (token: string, id: number) =>
  fetch(`${sim.url}/api/v1/orders/authorize`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ id }),
  });

const admin = async (token: string, path: string, init: RequestInit = {}) => {
  const response = await fetch(`${sim.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
  // biome-ignore lint/suspicious/noExplicitAny: whole bodies are compared with toEqual.
  return { status: response.status, body: (await response.json()) as any };
};

describe('wait_ms on the journal and the webhook listing', () => {
  it('refuses an unbounded or malformed wait with a 400 naming the parameter', async () => {
    const bounds = 'milliseconds to hold the answer until a match exists, from 0 to 30000';
    expect(await admin('w', '/__admin/requests?wait_ms=40000')).toEqual({
      status: 400,
      body: { error: 'Invalid input.', issues: [`wait_ms: ${bounds}`] },
    });
    expect(await admin('w', '/__admin/requests?wait_ms=soon')).toEqual({
      status: 400,
      body: { error: 'Invalid input.', issues: [`wait_ms: ${bounds}`] },
    });
    expect(await admin('w', '/__admin/webhooks?wait_ms=10&min_count=0')).toEqual({
      status: 400,
      body: {
        error: 'Invalid input.',
        issues: ['min_count: how many matches end the wait early, from 1 to 100000'],
      },
    });
    expect(await admin('w', '/__admin/webhooks?state=lost')).toEqual({
      status: 400,
      body: { error: 'Invalid input.', issues: ['state: one of pending, delivered, failed, dropped'] },
    });
  });

  it('answers a held listing as soon as a matching request is recorded', async () => {
    const held = admin('held', '/__admin/requests?path=/api/v1/orders/authorize&wait_ms=30000');
    await authorize('held', 3);
    const { status, body } = await held;
    expect(status).toBe(200);
    expect(body.requests.map((r: { path: string; body: unknown }) => [r.path, r.body])).toEqual([
      ['/api/v1/orders/authorize', { id: 3 }],
    ]);
  });

  it('caps concurrent waits per sandbox with a 429, and wakes every waiter on one match', async () => {
    const path = '/__admin/requests?path=/api/v1/orders/authorize&wait_ms=30000';
    const waits = Array.from({ length: 64 }, () => admin('cap', path));
    // The 65th is refused once the 64 are held: retried until the server holds them all.
    let refused = await admin('cap', path.replace('30000', '1'));
    for (let tries = 0; refused.status !== 429 && tries < 100; tries++)
      refused = await admin('cap', path.replace('30000', '1'));
    expect(refused).toEqual({
      status: 429,
      body: {
        error:
          'Too many waits open at once (at most 64 per sandbox, 4096 in all): let some end, or wait with fewer concurrent calls.',
      },
    });
    await authorize('cap', 3);
    const answers = await Promise.all(waits);
    expect(answers.map((answer) => answer.body.requests.length)).toEqual(Array(64).fill(1));
    expect((await admin('cap', path)).status).toBe(200);
  });
});

describe('waitFor', () => {
  it('resolves with the matching requests once `count` are recorded, body compared', async () => {
    const client = sim.client('wait-count');
    const waiting = client.requests.waitFor({ path: '*/orders/authorize', body: { id: 3 } }, { count: 2 });
    await authorize('wait-count', 4);
    await authorize('wait-count', 3);
    await authorize('wait-count', 3);
    const found = await waiting;
    expect(found.map((entry) => entry.body)).toEqual([{ id: 3 }, { id: 3 }]);
  });

  it('throws after its timeout naming the closest requests seen', async () => {
    const client = sim.client('wait-miss');
    const response = await authorize('wait-miss', 3);
    const error = await client.requests
      .waitFor({ method: 'POST', path: '/api/v1/orders/authorize', body: { id: 99 } }, { timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const [entry] = await client.requests.list();
    const miss = `#${entry?.id} POST /api/v1/orders/authorize → ${response.status} (grow): body {"id":3} ≠ {"id":99}`;
    expect(error).toMatchObject({ count: 1, found: 0, timeoutMs: 50, nearMisses: [miss] });
    expect((error as Error).message).toBe(
      `partner-sim: 0 of 1 requests matching {"method":"POST","path":"/api/v1/orders/authorize","body":{"id":99}} within 50 ms. Closest seen:\n  - ${miss}`,
    );
  });

  it('waits for a Grow policy.created webhook issued on the flowing clock, and redelivers it', async () => {
    const client = sim.client('wait-webhook');
    expect(await client.webhooks.configure({ url: receiver.url, secret: 'whsec_test' })).toEqual({
      url: receiver.url,
      secret: '****',
      deliver_twice: false,
    });
    await authorize('wait-webhook', 3);
    const [delivery] = await client.webhooks.waitFor({
      event: 'policy.created',
      state: 'delivered',
      payload: { event: 'policy.created', data: { insurer: { code: 'LEADWAY' } } },
    });
    expect(delivery).toMatchObject({ event: 'policy.created', state: 'delivered', url: receiver.url });
    expect(await client.webhooks.list({ event: 'policy.created' })).toEqual([delivery]);
    const again = await client.webhooks.redeliver(delivery?.id ?? '');
    expect(again).toMatchObject({ event: 'policy.created', payload: delivery?.payload });
    const both = await client.webhooks.waitFor({ event: 'policy.created', state: 'delivered' }, { count: 2 });
    expect(both.map((d) => d.id)).toEqual([again.id, delivery?.id]);
  });
});
