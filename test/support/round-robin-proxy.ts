import { createServer, request as forward, type Server } from 'node:http';

/**
 * A load balancer in a few lines of node:http: each request goes to the next replica in turn; one
 * that refuses the connection (killed, restarting) is skipped, as nginx's proxy_next_upstream
 * skips it, since a refused connection never reached a replica.
 */
export class RoundRobinProxy {
  targets: string[];
  #next = 0;
  readonly #server: Server;
  url = '';

  private constructor(targets: string[]) {
    this.targets = targets;
    this.#server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const attempt = (left: number) => {
          const target = new URL(this.targets[this.#next++ % this.targets.length] ?? '');
          const upstream = forward(
            {
              host: target.hostname,
              port: target.port,
              method: incoming.method,
              path: incoming.url,
              headers: incoming.headers,
            },
            (answer) => {
              outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(outgoing);
            },
          );
          upstream.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code === 'ECONNREFUSED' && left > 1) return attempt(left - 1);
            if (!outgoing.headersSent) outgoing.writeHead(502).end(`proxy: ${error.code ?? error.message}`);
            else outgoing.destroy();
          });
          upstream.end(body);
        };
        attempt(this.targets.length);
      });
    });
    // Longer than a client keeps an idle connection, so the proxy never closes one under it.
    this.#server.keepAliveTimeout = 60_000;
  }

  static async start(targets: string[]): Promise<RoundRobinProxy> {
    const proxy = new RoundRobinProxy(targets);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    const address = proxy.#server.address();
    proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return proxy;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
