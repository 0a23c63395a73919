import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../support/app.js';
import { growCustomer } from '../../support/grow-customers.js';
import { growOrder } from '../../support/grow-orders.js';
import { Receiver, verifiedLikePhp, verifiedLikeTheDocs, waitFor } from '../../support/receiver.js';

const SECRET = 'whsec_test_1234';
let receiver: Receiver;

afterEach(async () => {
  await receiver?.stop();
});

async function setUp(options: { deliverTwice?: boolean } = {}) {
  receiver = await new Receiver().start();
  const sim = await testApp({
    grow: [growOrder()],
    growCustomers: [growCustomer({ ref: 'C-1', birth_date: '1990-10-10T00:00:00.000000Z' })],
  });
  const put = await sim.request({
    method: 'PUT',
    url: '/__admin/grow/webhook',
    payload: { url: receiver.url, secret: SECRET, ...(options.deliverTwice ? { deliver_twice: true } : {}) },
  });
  expect(put.json()).toEqual({
    url: receiver.url,
    secret: '****1234',
    deliver_twice: options.deliverTwice ?? false,
  });
  return sim;
}

const deliveries = async (sim: TestApp) =>
  (await sim.request({ method: 'GET', url: '/__admin/webhooks' })).json().deliveries;

/** The newest delivery, once it has made `attempts` attempts (a real socket answers asynchronously). */
async function newestAfter(sim: TestApp, attempts: number, state?: string) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const [delivery] = await deliveries(sim);
    if (delivery?.attempts.length >= attempts && (state === undefined || delivery.state === state))
      return delivery;
    if (Date.now() > deadline)
      throw new Error(`no delivery with ${attempts} attempts: ${JSON.stringify(delivery)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function issuePolicy(sim: TestApp) {
  await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });
  sim.clock.advance(2000);
}

describe('Grow webhooks', () => {
  it('send a signed policy.created when the policy is issued, serialized as PHP does', async () => {
    const sim = await setUp();

    await issuePolicy(sim);
    await waitFor(() => receiver.received.length === 1, 'policy.created');

    const [received] = receiver.received;
    if (!received) throw new Error('nothing received');
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['user-agent']).toBe('GuzzleHttp/7');
    expect(verifiedLikeTheDocs(received, SECRET)).toBe(true);
    expect(verifiedLikePhp(received, SECRET)).toBe(true);
    expect(received.raw).toContain('"download":"http:\\/\\/localhost:80\\/api\\/v1\\/policies\\/1\\/doc"');
    expect(received.body).toEqual({
      event: 'policy.created',
      data: {
        id: 1,
        number: 'AXA-GIT-2024-000001',
        description: null,
        start_date: '2024-05-10T00:00:00.000000Z',
        end_date: '2025-05-10T00:00:00.000000Z',
        status: null,
        provider: 'Curacel',
        insurer: { id: 553, code: 'AXA', name: 'Axa Mansard', currency: 'GHS' },
        customer: {
          id: 7901,
          ref: 'C-1',
          first_name: 'Jane',
          last_name: 'Doe',
          birth_date: '1990-10-10T00:00:00.000000Z',
          email: 'jane@example.com',
          phone: '555',
        },
        document: {
          name: 'axagit2024000001_curacel.pdf',
          download: 'http://localhost:80/api/v1/policies/1/doc',
        },
        order: {
          id: 10,
          amount_due: 1000,
          premium: 1000,
          asset_ref: 'ASSET-1',
          status: 'policy_created',
          currency: 'GHS',
          channel: 'API',
        },
      },
    });
    const delivery = await newestAfter(sim, 1);
    expect(delivery).toEqual({
      id: 'wh_1',
      event: 'policy.created',
      url: receiver.url,
      created_at: '2024-05-01T12:00:02.000000Z',
      state: 'delivered',
      delivered: true,
      attempts: [
        {
          number: 1,
          at: '2024-05-01T12:00:02.000000Z',
          status: 200,
          duration_ms: expect.any(Number),
          error: null,
        },
      ],
      next_attempt_at: null,
      payload: received.body,
      signature: received.headers['x-curacel-signature'],
    });
  });

  it('send order.cancelled with the order as the cancel response returns it', async () => {
    const sim = await setUp();

    const cancelled = await sim.request({
      method: 'POST',
      url: '/v1/orders/10/cancel',
      payload: { reason: 'test' },
    });
    await waitFor(() => receiver.received.length === 1, 'order.cancelled');

    expect(receiver.received[0]?.body).toEqual({ event: 'order.cancelled', data: cancelled.json().order });
    expect(verifiedLikeTheDocs(receiver.received[0] as never, SECRET)).toBe(true);
  });

  it('retry a 500 with backoff on the sandbox clock until a 200', async () => {
    const sim = await setUp();
    receiver.answers = [500];

    await sim.request({ method: 'POST', url: '/v1/orders/10/cancel' });
    let delivery = await newestAfter(sim, 1);
    expect(delivery).toMatchObject({
      state: 'pending',
      delivered: false,
      next_attempt_at: '2024-05-01T12:00:01.000000Z',
    });
    expect(delivery.attempts).toEqual([
      {
        number: 1,
        at: '2024-05-01T12:00:00.000000Z',
        status: 500,
        duration_ms: expect.any(Number),
        error: null,
      },
    ]);

    sim.clock.advance(999);
    expect(receiver.received).toHaveLength(1);
    sim.clock.advance(1);
    delivery = await newestAfter(sim, 2);
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((attempt: { status: number }) => attempt.status)).toEqual([500, 200]);
    expect(receiver.received[1]?.raw).toBe(receiver.received[0]?.raw);
  });

  it('redeliver an event as a new delivery', async () => {
    const sim = await setUp();
    await sim.request({ method: 'POST', url: '/v1/orders/10/cancel' });
    await waitFor(() => receiver.received.length === 1, 'first delivery');

    const redelivered = await sim.request({ method: 'POST', url: '/__admin/webhooks/wh_1/redeliver' });

    expect(redelivered.statusCode).toBe(202);
    expect(redelivered.json()).toMatchObject({ id: 'wh_2', event: 'order.cancelled', state: 'pending' });
    await waitFor(() => receiver.received.length === 2, 'redelivery');
    expect(receiver.received[1]?.raw).toBe(receiver.received[0]?.raw);
    const missing = await sim.request({ method: 'POST', url: '/__admin/webhooks/wh_9/redeliver' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'No webhook delivery wh_9 in this sandbox.' });
  });

  it('deliver each event twice with the QA switch', async () => {
    const sim = await setUp({ deliverTwice: true });

    await issuePolicy(sim);
    await waitFor(() => receiver.received.length === 2, 'two deliveries');

    expect(receiver.received.map((r) => r.body.event)).toEqual(['policy.created', 'policy.created']);
    expect(receiver.received[0]?.raw).toBe(receiver.received[1]?.raw);
  });

  it('never hold up the partner request: a dead receiver leaves cancel answering at once', async () => {
    const sim = await setUp();
    receiver.answers = ['hang'];

    const cancelled = await sim.request({ method: 'POST', url: '/v1/orders/10/cancel' });

    expect(cancelled.statusCode).toBe(200);
    await waitFor(() => receiver.received.length === 1, 'the receiver to hold the request');
    const [delivery] = await deliveries(sim);
    expect(delivery).toMatchObject({ state: 'pending', attempts: [] });
    await receiver.stop();
    const failed = await newestAfter(sim, 1);
    expect(failed).toMatchObject({
      state: 'pending',
      attempts: [
        {
          number: 1,
          at: '2024-05-01T12:00:00.000000Z',
          status: null,
          duration_ms: null,
          error: 'no HTTP response (the connection failed, was reset, or timed out)',
        },
      ],
    });
  });

  it('use SIM_GROW_WEBHOOK_URL and SIM_GROW_WEBHOOK_SECRET as every sandbox default', async () => {
    receiver = await new Receiver().start();
    const sim = await testApp({
      grow: [growOrder()],
      config: { growWebhook: { url: receiver.url, secret: 'from-env' } },
    });

    const settings = await sim.request({ method: 'GET', url: '/__admin/grow/webhook' });
    await sim.request({ method: 'POST', url: '/v1/orders/10/cancel' });
    await waitFor(() => receiver.received.length === 1, 'delivery');

    expect(settings.json()).toEqual({ url: receiver.url, secret: '****', deliver_twice: false });
    expect(verifiedLikeTheDocs(receiver.received[0] as never, 'from-env')).toBe(true);
  });

  it('send nothing without a URL, and reject an unusable one', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const bad = await sim.request({
      method: 'PUT',
      url: '/__admin/grow/webhook',
      payload: { url: 'ftp://x' },
    });
    await sim.request({ method: 'POST', url: '/v1/orders/10/cancel' });

    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'Invalid input.', issues: ['url: expected an http(s) URL'] });
    expect(await deliveries(sim)).toEqual([]);
  });
});

describe('GET /v1/policies/{id}/doc', () => {
  it("answers the policy's document as a PDF", async () => {
    const sim = await testApp({ grow: [growOrder()] });
    await issuePolicy(sim);

    const response = await sim.request({ method: 'GET', url: '/api/v1/policies/1/doc' });
    const missing = await sim.request({ method: 'GET', url: '/v1/policies/2/doc' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.body.startsWith('%PDF-1.4')).toBe(true);
    expect(response.body).toContain('Policy AXA-GIT-2024-000001');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ message: 'Policy not found' });
  });
});
