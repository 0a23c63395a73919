import { describe, expect, it } from 'vitest';
import { GROW_RETRY_SCHEDULES } from '../../../src/config.js';
import { DeliveryFailure } from '../../../src/http/outbound/http-post.js';
import { GrowWebhooks, MAX_PENDING, NO_RESPONSE } from '../../../src/partners/grow/webhooks/dispatcher.js';
import { phpJson, sign, type WebhookSender } from '../../../src/partners/grow/webhooks/wire.js';
import { MemoryBudget } from '../../../src/sandbox/memory-budget.js';
import { SandboxClock } from '../../../src/sandbox/sandbox-clock.js';
import { ManualClock } from '../../support/clock.js';
import { growOrder } from '../../support/grow-orders.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function dispatcher(
  sender: WebhookSender,
  warn?: (message: string) => void,
  retryDelaysMs?: readonly number[],
) {
  const base = new ManualClock();
  const warnings: Array<[string, object]> = [];
  const webhooks = new GrowWebhooks({
    settings: { url: 'http://receiver.test/hook', secret: 's', deliverTwice: false },
    clock: new SandboxClock(base),
    sender,
    warn: (message, details) => {
      warnings.push([message, details]);
      warn?.(message);
    },
    ...(retryDelaysMs ? { retryDelaysMs } : {}),
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
  it("retries on the default queue schedule, 10 s, 100 s, 1000 s and 10000 s apart, and sends Guzzle's headers", async () => {
    const calls: Array<{ at: number; headers: Record<string, string> }> = [];
    const { base, webhooks } = dispatcher(
      async (request) => {
        calls.push({ at: base.now(), headers: request.headers });
        return { status: 500 };
      },
      undefined,
      GROW_RETRY_SCHEDULES.queue,
    );

    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    for (const wait of [9_999, 1, 99_999, 1, 999_999, 1, 9_999_999, 1]) {
      await flush();
      base.advance(wait);
    }
    await flush();

    const start = Date.parse('2024-05-01T12:00:00Z');
    expect(calls.map((call) => call.at - start)).toEqual([0, 10_000, 110_000, 1_110_000, 11_110_000]);
    expect(webhooks.deliveries[0]?.state).toBe('failed');
    const signature = webhooks.deliveries[0]?.signature;
    expect(Object.entries(calls[0]?.headers ?? {})).toEqual([
      ['Content-Type', 'application/json'],
      ['x-curacel-signature', signature],
      ['User-Agent', 'GuzzleHttp/7'],
    ]);
  });

  it('makes one attempt more than the schedule has waits', async () => {
    const calls: number[] = [];
    const { base, webhooks } = dispatcher(
      async () => {
        calls.push(base.now());
        return { status: 502 };
      },
      undefined,
      [250],
    );

    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    await flush();
    base.advance(250);
    await flush();
    base.advance(3_600_000);
    await flush();

    expect(calls.map((at) => at - Date.parse('2024-05-01T12:00:00Z'))).toEqual([0, 250]);
    expect(webhooks.deliveries[0]?.state).toBe('failed');
  });

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

  it('shows the tenant one neutral text and no duration for any network failure, the cause only in the log', async () => {
    const failures = [
      new DeliveryFailure('no-response', 'connect ECONNREFUSED 127.0.0.1:9'),
      new DeliveryFailure('no-response', 'no response within 5000 ms'),
      Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } }),
    ];
    const { base, webhooks, warnings } = dispatcher(async () => {
      throw failures.shift();
    });

    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    for (const wait of [1000, 2000]) {
      await flush();
      base.advance(wait);
    }
    await flush();

    expect(webhooks.deliveries[0]?.attempts).toEqual([
      { number: 1, at: '2024-05-01T12:00:00.000000Z', status: null, duration_ms: null, error: NO_RESPONSE },
      { number: 2, at: '2024-05-01T12:00:01.000000Z', status: null, duration_ms: null, error: NO_RESPONSE },
      { number: 3, at: '2024-05-01T12:00:03.000000Z', status: null, duration_ms: null, error: NO_RESPONSE },
    ]);
    expect(NO_RESPONSE).toBe('no HTTP response (the connection failed, was reset, or timed out)');
    expect(warnings.map(([, details]) => details)).toEqual(
      ['connect ECONNREFUSED 127.0.0.1:9', 'no response within 5000 ms', 'ECONNRESET'].map((detail, i) => ({
        delivery: 'wh_1',
        event: 'order.cancelled',
        url: 'http://receiver.test/hook',
        attempt: i + 1,
        detail,
      })),
    );
  });

  it("names the egress policy's reason for a refused attempt", async () => {
    const { webhooks } = dispatcher(async () => {
      throw new DeliveryFailure('refused', 'link-local address 169.254.169.254');
    });

    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    await flush();

    expect(webhooks.deliveries[0]?.attempts[0]).toEqual({
      number: 1,
      at: '2024-05-01T12:00:00.000000Z',
      status: null,
      duration_ms: null,
      error: 'refused by the webhook egress policy: link-local address 169.254.169.254',
    });
  });

  it('keeps the duration of an attempt that got an HTTP status', async () => {
    const { webhooks } = dispatcher(async () => ({ status: 307 }));

    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    await flush();

    expect(webhooks.deliveries[0]?.attempts[0]).toMatchObject({ status: 307, error: null });
    expect(webhooks.deliveries[0]?.attempts[0]?.duration_ms).toEqual(expect.any(Number));
    expect(webhooks.deliveries[0]?.state).toBe('pending');
  });

  it('marks a delivery failed, and rejects nothing, when an attempt breaks unexpectedly', async () => {
    const { webhooks, warnings } = dispatcher(
      async () => {
        throw new DeliveryFailure('no-response', 'reset');
      },
      (message) => {
        if (message === 'grow webhook attempt got no HTTP response') throw new Error('logger down');
      },
    );

    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    await flush();

    expect(webhooks.deliveries[0]).toMatchObject({
      state: 'failed',
      delivered: false,
      next_attempt_at: null,
    });
    expect(warnings.map(([message]) => message)).toEqual([
      'grow webhook attempt got no HTTP response',
      'grow webhook attempt failed unexpectedly; the delivery is marked failed',
    ]);
    expect(warnings[1]?.[1]).toMatchObject({
      delivery: 'wh_1',
      detail: expect.stringContaining('logger down'),
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

  it('keeps one retry chain when a state load re-arms retries while an attempt is on the wire', async () => {
    const calls: number[] = [];
    let answer: (status: number) => void = () => {};
    const { base, webhooks } = dispatcher(() => {
      calls.push(base.now());
      return new Promise((resolve) => {
        answer = (status) => resolve({ status });
      });
    });

    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    webhooks.resumeRetries();
    answer(503);
    for (let i = 0; i < 8; i++) {
      await flush();
      base.advance(10_000);
      answer(503);
    }
    await flush();

    expect(calls).toHaveLength(5);
    expect(webhooks.deliveries[0]?.state).toBe('failed');
    // The pending count went back to zero, not below: a new event is sent, not dropped.
    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    expect(webhooks.deliveries[0]?.state).toBe('pending');
  });

  it('sends nothing more once its sandbox is gone', async () => {
    const calls: number[] = [];
    const clock = new SandboxClock(new ManualClock());
    const webhooks = new GrowWebhooks({
      settings: { url: 'http://receiver.test/hook', secret: 's', deliverTwice: false },
      clock,
      sender: async () => {
        calls.push(1);
        return { status: 503 };
      },
      warn: () => {},
    });

    clock.close();
    webhooks.emit({ event: 'order.cancelled', data: growOrder() });
    await flush();

    expect(calls).toEqual([]);
    expect(webhooks.deliveries).toEqual([]);
  });

  it('counts each logged delivery on the sandbox budget and sheds the oldest finished one past it', async () => {
    const budget = new MemoryBudget({ sandbox: 100_000, process: 10_000_000 });
    const bytes = budget.account();
    const webhooks = new GrowWebhooks({
      settings: { url: 'http://receiver.test/hook', secret: 's', deliverTwice: false },
      clock: new SandboxClock(new ManualClock()),
      sender: async () => ({ status: 200 }),
      warn: () => {},
      bytes,
    });

    for (let i = 0; i < 200; i++) {
      webhooks.emit({ event: 'order.cancelled', data: growOrder() });
      await flush();
    }

    expect(bytes.used).toBeLessThanOrEqual(100_000);
    expect(webhooks.deliveries.length).toBeLessThan(200);
    expect(webhooks.deliveries[0]?.id).toBe('wh_200');
  });
});
