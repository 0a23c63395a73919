import { describe, expect, it } from 'vitest';
import { GrowWebhooks, MAX_PENDING } from '../../../src/partners/grow/webhooks/dispatcher.js';
import { phpJson, sign, type WebhookSender } from '../../../src/partners/grow/webhooks/wire.js';
import { SandboxClock } from '../../../src/shared/sandbox-clock.js';
import { ManualClock } from '../../support/clock.js';
import { growOrder } from '../../support/grow-orders.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function dispatcher(sender: WebhookSender) {
  const base = new ManualClock();
  const warnings: Array<[string, object]> = [];
  const webhooks = new GrowWebhooks({
    settings: { url: 'http://receiver.test/hook', secret: 's', deliverTwice: false },
    clock: new SandboxClock(base),
    sender,
    warn: (message, details) => warnings.push([message, details]),
  });
  return { base, webhooks, warnings };
}

describe('webhook wire format', () => {
  it('escapes forward slashes as PHP json_encode does, and signs the exact bytes', () => {
    const body = phpJson({ event: 'x', data: { url: 'https://a.b/c' } });
    expect(body).toBe('{"event":"x","data":{"url":"https:\\/\\/a.b\\/c"}}');
    expect(sign(body, 'secret')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('GrowWebhooks', () => {
  it('gives up after 5 attempts, 1, 2, 4 and 8 s apart on the sandbox clock', async () => {
    const calls: number[] = [];
    const { base, webhooks } = dispatcher(async () => {
      calls.push(base.now());
      return { status: 503 };
    });

    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    for (const wait of [1000, 2000, 4000, 8000]) {
      await flush();
      base.advance(wait);
    }
    await flush();

    const start = Date.parse('2024-05-01T12:00:00Z');
    expect(calls.map((at) => at - start)).toEqual([0, 1000, 3000, 7000, 15000]);
    const [delivery] = webhooks.deliveries;
    expect(delivery?.state).toBe('failed');
    expect(delivery?.delivered).toBe(false);
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([503, 503, 503, 503, 503]);
    base.advance(60_000);
    await flush();
    expect(calls).toHaveLength(5);
  });

  it('records a network error as a failed attempt', async () => {
    const { webhooks } = dispatcher(async () => {
      throw Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    });

    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    await flush();

    expect(webhooks.deliveries[0]?.attempts[0]).toMatchObject({
      number: 1,
      status: null,
      error: 'ECONNREFUSED',
    });
  });

  it('drops events past the pending bound instead of queueing without limit, and says so', async () => {
    const { webhooks, warnings } = dispatcher(() => new Promise(() => {}));

    for (let i = 0; i <= MAX_PENDING; i++)
      webhooks.emit({ event: 'order.cancelled', data: growOrder({ id: i + 1 }) });

    const states = webhooks.deliveries.map((delivery) => delivery.state);
    expect(states.filter((state) => state === 'pending')).toHaveLength(MAX_PENDING);
    expect(states[0]).toBe('dropped');
    expect(warnings).toEqual([
      [
        'grow webhook dropped: too many deliveries pending for this sandbox',
        { event: 'order.cancelled', url: 'http://receiver.test/hook', pending: MAX_PENDING },
      ],
    ]);
  });
});
