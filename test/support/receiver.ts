import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { event: string; data: Record<string, unknown> };
}

/**
 * A webhook receiver on 127.0.0.1, verifying the signature as Grow's docs tell partners to
 * (reference §8): the Node sample re-serialises the parsed body, escapes `/` as `\/`, and
 * compares its HMAC-SHA256 with x-curacel-signature.
 */
export class Receiver {
  readonly received: Received[] = [];
  /** Statuses to answer, in order; 200 once they run out. `hang` never answers. */
  answers: Array<number | 'hang'> = [];
  #server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
      });
      request.on('end', () => {
        this.received.push({ headers: request.headers, raw, body: JSON.parse(raw) });
        const answer = this.answers.shift() ?? 200;
        if (answer === 'hang') return;
        response.writeHead(answer, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}/hooks/grow`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}

/** The partner docs' Node verification, verbatim in spirit. */
export function verifiedLikeTheDocs(received: Received, secret: string): boolean {
  const hash = createHmac('sha256', secret)
    .update(JSON.stringify(received.body).replace(/\//g, '\\/'))
    .digest('hex');
  return hash === received.headers['x-curacel-signature'];
}

/** The partner docs' PHP verification: the HMAC of the raw body. */
export function verifiedLikePhp(received: Received, secret: string): boolean {
  return (
    createHmac('sha256', secret).update(received.raw).digest('hex') ===
    received.headers['x-curacel-signature']
  );
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
