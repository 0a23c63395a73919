import { get, type IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, MAX_STREAMS_PER_SANDBOX } from '../../src/admin/event-streams.js';
import { TOKEN, testApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { growOrder } from '../support/grow-orders.js';
import { Receiver, waitFor } from '../support/receiver.js';

// GET /__admin/events: the live event stream (issue 19), over a real socket, since a stream
// never ends by itself.

interface Stream {
  response: IncomingMessage;
  text: () => string;
  /** The events received so far, parsed: `{ event, id?, data }`. */
  events: () => Array<{ event: string; id?: string; data: unknown }>;
  ended: Promise<void>;
}

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

function open(base: string, token: string | null = TOKEN): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const headers = token === null ? {} : { authorization: `Bearer ${token}` };
    get(`${base}/__admin/events`, { headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      const ended = new Promise<void>((done) => response.on('close', done));
      resolve({
        response,
        text: () => text,
        ended,
        events: () =>
          text
            .split('\n\n')
            .filter((block) => block.includes('data: '))
            .map((block) => {
              const field = (name: string) =>
                block
                  .split('\n')
                  .find((line) => line.startsWith(`${name}: `))
                  ?.slice(name.length + 2);
              const id = field('id');
              return {
                event: field('event') ?? '',
                ...(id ? { id } : {}),
                data: JSON.parse(field('data') ?? ''),
              };
            }),
      });
    }).on('error', reject);
  });
}

describe('/__admin/events', () => {
  it("streams the sandbox's partner requests as they are recorded, and nobody else's", async () => {
    const clock = new ManualClock('2024-05-01T12:00:00.000Z');
    const sim = await testApp({ grow: [growOrder()], clock });
    const base = await listen(sim.app);
    const stream = await open(base);

    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await sim.request({ token: 'someone-else', method: 'GET', url: '/v1/orders/10' });
    await sim.request({ method: 'GET', url: '/v1/orders/10' });
    await waitFor(() => stream.events().length === 1, 'the request event');

    expect(stream.text().startsWith('retry: 2000\n: connected\n\n')).toBe(true);
    expect(stream.events()).toEqual([
      {
        event: 'request',
        id: '2',
        data: {
          id: '2',
          time: '2024-05-01T12:00:00.000Z',
          sandbox: '****',
          partner: 'grow',
          method: 'GET',
          path: '/v1/orders/10',
          query: {},
          headers: {
            accept: 'application/json',
            authorization: '****oken',
            host: 'localhost:80',
            'user-agent': 'lightMyRequest',
          },
          body: null,
          status: 200,
          response_body: expect.objectContaining({ order: expect.objectContaining({ id: 10 }) }),
          duration_ms: expect.any(Number),
        },
      },
    ]);
    stream.response.destroy();
    await stream.ended;
  });

  it('tells of webhook delivery changes, and sends a heartbeat on the clock', async () => {
    const receiver = await new Receiver().start();
    try {
      const clock = new ManualClock('2024-05-01T12:00:00.000Z');
      const sim = await testApp({ grow: [growOrder()], clock });
      await sim.request({
        method: 'PUT',
        url: '/__admin/grow/webhook',
        payload: { url: receiver.url, secret: 's' },
      });
      const base = await listen(sim.app);
      const stream = await open(base);

      await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });
      clock.advance(2000);
      const webhooks = () => stream.events().filter((event) => event.event === 'webhooks');
      await waitFor(
        () => JSON.stringify(webhooks().at(-1)?.data ?? {}).includes('"state":"delivered"'),
        'the delivered event',
      );
      clock.advance(HEARTBEAT_MS);
      await waitFor(() => stream.text().includes(': heartbeat\n\n'), 'a heartbeat');

      expect(webhooks().at(-1)?.data).toEqual({
        partner: 'grow',
        deliveries: [
          { id: 'wh_1', event: 'policy.created', state: 'delivered', attempts: 1, next_attempt_at: null },
        ],
      });
      stream.response.destroy();
      await stream.ended;
    } finally {
      await receiver.stop();
    }
  });

  it("follows the token's sandbox across a reset: webhook changes of the new one are told too", async () => {
    const receiver = await new Receiver().start();
    try {
      const clock = new ManualClock('2024-05-01T12:00:00.000Z');
      const sim = await testApp({ grow: [growOrder()], clock });
      const base = await listen(sim.app);
      const stream = await open(base);

      await sim.request({ method: 'POST', url: '/__admin/reset' });
      await sim.request({
        method: 'PUT',
        url: '/__admin/grow/webhook',
        payload: { url: receiver.url, secret: 's' },
      });
      await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });
      clock.advance(2000);
      await waitFor(
        () => stream.text().includes('"state":"delivered"'),
        'the delivered event of the new sandbox',
      );

      expect(stream.events().map((event) => event.event)).toContain('request');
      stream.response.destroy();
      await stream.ended;
    } finally {
      await receiver.stop();
    }
  });

  it('needs a bearer token, and refuses a stream past the bound per sandbox', async () => {
    const sim = await testApp();
    const base = await listen(sim.app);

    const none = await sim.request({ token: null, method: 'GET', url: '/__admin/events' });
    const streams = await Promise.all(Array.from({ length: MAX_STREAMS_PER_SANDBOX }, () => open(base)));
    const refused = await open(base);
    let body = '';
    refused.response.on('data', (chunk: Buffer) => {
      body += chunk;
    });
    await refused.ended;

    expect(none.statusCode).toBe(400);
    expect(streams.map((stream) => stream.response.statusCode)).toEqual(
      Array(MAX_STREAMS_PER_SANDBOX).fill(200),
    );
    expect(refused.response.statusCode).toBe(429);
    expect(JSON.parse(refused.text() || body)).toEqual({
      error:
        'Too many event streams open at once (at most 8 per sandbox, 256 in all): close a dashboard tab or an EventSource you no longer use.',
    });
    for (const stream of streams) stream.response.destroy();
  });

  it('ends every stream when the app closes, without waiting on them', async () => {
    const sim = await testApp();
    const base = await listen(sim.app);
    const stream = await open(base);

    const started = Date.now();
    await sim.app.close();
    await stream.ended;

    expect(Date.now() - started).toBeLessThan(1000);
    expect(stream.response.complete).toBe(true);
  });
});
