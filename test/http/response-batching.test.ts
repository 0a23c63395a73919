import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { writeResponsesInBatches } from '../../src/http/response-batching.js';

/** A server with batched writes whose end of turn the test decides. */
async function batchingServer() {
  const turnEnds: (() => void)[] = [];
  const app = Fastify({ logger: false });
  writeResponsesInBatches(app, (callback) => turnEnds.push(callback));
  app.get('/orders/:id', async (request) => ({ order: (request.params as { id: string }).id }));
  app.get('/unwritable', async (_request, reply) => {
    reply.header('x-broken', 'line\nbreak');
    return { order: 'never' };
  });
  await app.ready();
  const endTurn = () => {
    for (const callback of turnEnds.splice(0)) callback();
  };
  return { app, endTurn };
}

/** Whether a promise has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('response batching', () => {
  it('write the first response of a turn at once, and those that follow at the end of the turn', async () => {
    const { app, endTurn } = await batchingServer();

    const first = await app.inject({ method: 'GET', url: '/orders/1' });
    const second = app.inject({ method: 'GET', url: '/orders/2' });
    const third = app.inject({ method: 'GET', url: '/orders/3' });

    expect(first.json()).toEqual({ order: '1' });
    expect(await settled(second)).toBe(false);
    expect(await settled(third)).toBe(false);
    endTurn();
    expect((await second).json()).toEqual({ order: '2' });
    expect((await third).json()).toEqual({ order: '3' });
  });

  it('start a new turn once the last one has ended: its first response is written at once', async () => {
    const { app, endTurn } = await batchingServer();
    await app.inject({ method: 'GET', url: '/orders/1' });
    endTurn();

    const next = app.inject({ method: 'GET', url: '/orders/2' });

    expect(await settled(next)).toBe(true);
    expect((await next).statusCode).toBe(200);
  });

  it("wait after every other onSend hook, a plugin's included: only the write waits", async () => {
    const turnEnds: (() => void)[] = [];
    const app = Fastify({ logger: false });
    writeResponsesInBatches(app, (callback) => turnEnds.push(callback));
    const sent: string[] = [];
    await app.register(async (partner) => {
      partner.addHook('onSend', async (request, _reply, payload) => {
        sent.push(request.url);
        return payload;
      });
      partner.get('/orders/:id', async (request) => ({ order: (request.params as { id: string }).id }));
    });
    await app.ready();
    await app.inject({ method: 'GET', url: '/orders/1' });
    const second = app.inject({ method: 'GET', url: '/orders/2' });

    expect(await settled(second)).toBe(false);
    expect(sent).toEqual(['/orders/1', '/orders/2']);
    for (const callback of turnEnds.splice(0)) callback();
    expect((await second).json()).toEqual({ order: '2' });
  });

  it('write the rest of a batch when one of its responses cannot be written', async () => {
    const { app, endTurn } = await batchingServer();
    await app.inject({ method: 'GET', url: '/orders/1' });
    const broken = app.inject({ method: 'GET', url: '/unwritable' });
    const after = app.inject({ method: 'GET', url: '/orders/2' });
    expect(await settled(after)).toBe(false);

    endTurn();

    expect((await after).json()).toEqual({ order: '2' });
    await broken.catch(() => undefined);
  });
});
