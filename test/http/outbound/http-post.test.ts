import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EgressPolicy } from '../../../src/http/outbound/egress-policy.js';
import { createHttpSender, DeliveryFailure, type HttpSender } from '../../../src/http/outbound/http-post.js';
import { Receiver, waitFor } from '../../support/receiver.js';

const servers: Array<Server | TcpServer> = [];
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.stop();
  for (const server of servers.splice(0)) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen<T extends Server | TcpServer>(server: T): Promise<{ server: T; port: number }> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** An HTTP server that records what reached it and answers with `handle`. */
async function httpServer(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const hits: string[] = [];
  const { port } = await listen(
    createServer((request, response) => {
      hits.push(`${request.method} ${request.url}`);
      handle(request, response);
    }),
  );
  return { hits, port, url: `http://127.0.0.1:${port}` };
}

function sender(
  options: { allow?: string[]; deny?: string[]; selfPort?: number; concurrency?: number } = {},
) {
  const policy = new EgressPolicy({
    allow: options.allow ?? [],
    deny: options.deny ?? [],
    self: () => (options.selfPort === undefined ? undefined : { port: options.selfPort }),
  });
  return createHttpSender({ policy, concurrency: options.concurrency ?? 32 });
}

const post = (send: HttpSender, url: string, timeoutMs = 2000) =>
  send({
    url,
    body: '{"event":"x"}',
    headers: { 'content-type': 'application/json', 'x-test': 'yes' },
    timeoutMs,
  });

async function failure(promise: Promise<unknown>): Promise<DeliveryFailure> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DeliveryFailure))
    throw new Error(`expected a DeliveryFailure, got ${String(error)}`);
  return error;
}

describe('createHttpSender', () => {
  it('posts the exact body and headers to a receiver on another 127.0.0.1 port', async () => {
    const receiver = await new Receiver().start();
    receivers.push(receiver);
    const send = sender({ selfPort: 1 });

    const result = await send({
      url: `${receiver.url}?source=test`,
      body: '{"event":"policy.created","data":{"url":"a\\/b"}}',
      headers: { 'content-type': 'application/json', 'x-curacel-signature': 'abc123' },
      timeoutMs: 2000,
    });

    expect(result).toEqual({ status: 200 });
    expect(receiver.received).toHaveLength(1);
    const [received] = receiver.received;
    expect(received?.raw).toBe('{"event":"policy.created","data":{"url":"a\\/b"}}');
    expect(received?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-curacel-signature': 'abc123',
      'content-length': '48',
    });
  });

  it('returns a 307 as a status and never follows it', async () => {
    const second = await httpServer((_request, response) => response.end('second'));
    const first = await httpServer((_request, response) =>
      response.writeHead(307, { location: `${second.url}/elsewhere` }).end(),
    );

    expect(await post(sender(), `${first.url}/hook`)).toEqual({ status: 307 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(first.hits).toEqual(['POST /hook']);
    expect(second.hits).toEqual([]);
  });

  it('sends exactly the given headers, between Host and Content-Length, and no Connection', async () => {
    let raw: string[] = [];
    const { port, url } = await httpServer((request, response) => {
      raw = request.rawHeaders;
      response.end();
    });

    await sender()({
      url: `${url}/hook?x=1`,
      body: '{"event":"x"}',
      headers: {
        'Content-Type': 'application/json',
        'x-curacel-signature': 'ab',
        'User-Agent': 'GuzzleHttp/7',
      },
      timeoutMs: 2000,
    });

    expect(raw).toEqual([
      'Host',
      `127.0.0.1:${port}`,
      'Content-Type',
      'application/json',
      'x-curacel-signature',
      'ab',
      'User-Agent',
      'GuzzleHttp/7',
      'Content-Length',
      '13',
    ]);
  });

  it('reads at most 64 KiB of a response body, then cuts the connection', async () => {
    let written = 0;
    const endless = await httpServer((_request, response) => {
      response.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (!response.destroyed && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
      };
      pump();
    });

    expect(await post(sender(), endless.url)).toEqual({ status: 200 });
    expect(written).toBeLessThan(8 * 1024 * 1024);
  });

  it('fails with no-response within the timeout when the server never answers', async () => {
    const silent = await httpServer(() => {});
    const started = performance.now();

    const error = await failure(post(sender(), silent.url, 200));

    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ kind: 'no-response', detail: 'no response within 200 ms' });
    expect(silent.hits).toEqual(['POST /']);
  });

  it('fails with no-response when the port refuses connections', async () => {
    const { server, port } = await listen(createTcpServer());
    await new Promise((resolve) => server.close(resolve));
    servers.splice(servers.indexOf(server), 1);

    const error = await failure(post(sender(), `http://127.0.0.1:${port}/hook`));

    expect(error.kind).toBe('no-response');
    expect(error.detail).toContain('ECONNREFUSED');
  });

  it('fails with no-response when the connection is reset', async () => {
    const { port } = await listen(createTcpServer((socket) => socket.resetAndDestroy()));

    const error = await failure(post(sender(), `http://127.0.0.1:${port}/hook`));

    expect(error.kind).toBe('no-response');
  });

  it("refuses the simulator's own port, which then receives nothing", async () => {
    const simulator = await httpServer((_request, response) => response.end());
    const send = sender({ selfPort: simulator.port });

    const direct = await failure(post(send, `${simulator.url}/__admin/reset`));
    const byName = await failure(post(send, `http://localhost:${simulator.port}/__admin/reset`));

    expect(direct).toMatchObject({
      kind: 'refused',
      detail: `the simulator itself (127.0.0.1 port ${simulator.port})`,
    });
    expect(byName.kind).toBe('refused');
    expect(byName.detail).toMatch(/^the simulator itself/);
    expect(simulator.hits).toEqual([]);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/latest/meta-data/',
    'http://[fd00:ec2::254]/',
  ])('refuses %s without connecting', async (url) => {
    const started = performance.now();

    const error = await failure(post(sender(), url, 5000));

    expect(error.kind).toBe('refused');
    expect(error.detail).toMatch(/^(link-local|cloud metadata) address /);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it.each([['127.0.0.1/32', '::1'], ['localhost']])(
    'refuses a name that resolves to a denied address or matches a denied name (deny %s)',
    async (...deny) => {
      const receiver = await new Receiver().start();
      receivers.push(receiver);
      const url = receiver.url.replace('127.0.0.1', 'localhost');

      const error = await failure(post(sender({ deny }), url));

      expect(error.kind).toBe('refused');
      expect(error.detail).toMatch(/^deny entry /);
      expect(receiver.received).toEqual([]);
    },
  );

  it('fails with no-response when the name does not resolve', async () => {
    const error = await failure(post(sender(), 'http://no-such-host.invalid/hook'));

    expect(error.kind).toBe('no-response');
    // ENOTFOUND with a resolver, EAI_AGAIN without one; either way no status.
    expect(error.detail).toMatch(/getaddrinfo|no response within/);
  });

  it('refuses what is not an http(s) URL', async () => {
    expect(await failure(post(sender(), 'ftp://127.0.0.1/x'))).toMatchObject({
      kind: 'refused',
      detail: 'not an http(s) URL',
    });
  });

  it('keeps at most `concurrency` attempts open at once, the rest queued', async () => {
    let open = 0;
    let mostOpen = 0;
    const slow = await httpServer((request, response) => {
      open++;
      mostOpen = Math.max(mostOpen, open);
      request.resume();
      setTimeout(() => {
        open--;
        response.end('ok');
      }, 80);
    });
    const send = sender({ concurrency: 2 });

    const results = await Promise.all(Array.from({ length: 6 }, () => post(send, slow.url)));

    expect(results).toEqual(Array.from({ length: 6 }, () => ({ status: 200 })));
    expect(slow.hits).toHaveLength(6);
    expect(mostOpen).toBe(2);
    await waitFor(() => open === 0, 'the receiver to finish');
  });
});
