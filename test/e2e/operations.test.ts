import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LOG_BACKLOG_BYTES } from '../../src/http/logging.js';
import { VERSION } from '../../src/lib/version.js';
import { CLI_ENTRY, failedStart, startServer } from '../support/server-process.js';

describe('operations', () => {
  it('prints one start-up line with the URL, both partner base paths, /docs and the fixture counts', async () => {
    const server = await startServer({ LOG_LEVEL: 'info' });
    try {
      const [line] = server.output().split('\n');
      const { msg } = JSON.parse(line ?? '{}');
      const url = server.url;
      expect(msg).toBe(
        `partner-sim ${VERSION} listening on ${url}: battleface ${url}/api/partner, battleface claims ${url}/battleface-claims, grow ${url}/v1 (also /api/v1), ` +
          `admin ${url}/__admin, docs ${url}/docs; fixtures 6 battleface orders, 4 products, 5 grow orders, 5 customers, 8 products from ${process.cwd()}/fixtures`,
      );
    } finally {
      await server.stop();
    }
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const server = await startServer({ LOG_LEVEL: 'info' });
    const slow = fetch(`${server.url}/v1/orders/2`, {
      headers: { authorization: 'Bearer drain', 'x-sim-delay-ms': '400' },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const exited = server.stop('SIGTERM');
    const response = await slow;

    expect(response.status).toBe(200);
    expect(((await response.json()) as { order: { id: number } }).order.id).toBe(2);
    expect(await exited).toBe(0);
  });

  it('drops log lines past a bounded backlog when nobody reads stdout, and keeps answering', async () => {
    const server = await startServer({ LOG_LEVEL: 'info' });
    try {
      const outputBefore = server.output().length;
      server.child.stdout?.pause();
      // About 450 bytes of log line each (the logged URL is cut at 300 characters): 14 000 lines
      // are about 6 MB, well past the backlog.
      const url = `${server.url}/api/partner/${'x'.repeat(300)}`;
      const statuses = new Set<number>();
      let next = 0;
      const client = async () => {
        while (next++ < 14_000)
          statuses.add((await fetch(url, { headers: { authorization: 'Bearer b' } })).status);
      };
      await Promise.all(Array.from({ length: 50 }, client));
      server.child.stdout?.resume();
      await server.stop();

      expect([...statuses]).toEqual([404]);
      const output = server.output().slice(outputBefore);
      expect(output).toContain(
        'partner-sim: stdout is not being read; log lines are dropped while 4 MB wait.',
      );
      // What waited: the backlog, plus the pipe's and the reader's buffers and one write in flight.
      expect(output.length).toBeLessThan(LOG_BACKLOG_BYTES + 512 * 1024);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('names a port in use in one line and exits 1, without a stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const { code, stderr } = await failedStart({ PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr).toBe(
        `partner-sim: port ${port} is already in use on 127.0.0.1; stop what uses it or choose another with PORT or --port.\n`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('partner-sim CLI', () => {
  it('prints its version and its help', async () => {
    const version = await failedStart({}, [CLI_ENTRY, '--version']);
    const help = await failedStart({}, [CLI_ENTRY, '--help']);

    expect([version.code, version.stdout]).toEqual([0, `${VERSION}\n`]);
    expect(help.code).toBe(0);
    for (const flag of [
      '--port',
      '--host',
      '--fixtures',
      '--tokens',
      '--seed',
      '--log-level',
      '--version',
      '--help',
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });

  it.each([
    [['--bogus'], "partner-sim: Unknown option '--bogus' (see partner-sim --help)\n"],
    [['--port'], "partner-sim: Option '--port <value>' argument missing (see partner-sim --help)\n"],
    [['--port', 'abc'], 'partner-sim: Invalid --port "abc": expected an integer from 0 to 65535.\n'],
    [
      ['--log-level', 'loud'],
      'partner-sim: Invalid --log-level "loud": expected one of fatal, error, warn, info, debug, trace, silent.\n',
    ],
    [
      ['extra'],
      "partner-sim: Unexpected argument 'extra'. This command does not take positional arguments (see partner-sim --help)\n",
    ],
  ])('answers a bad flag %j with one line and exit 2', async (args, message) => {
    const { code, stderr } = await failedStart({}, [CLI_ENTRY, ...args]);

    expect(code).toBe(2);
    expect(stderr).toBe(message);
  });

  it('lays its flags over the environment: flags win', async () => {
    const server = await startServer(
      { PORT: 'not-a-port', SIM_TOKENS: 'env-token', LOG_LEVEL: 'info' },
      {
        command: process.execPath,
        args: [CLI_ENTRY, '--port', '0', '--tokens', 'flag-token', '--seed', 's'],
      },
    );
    try {
      const get = (token: string) =>
        fetch(`${server.url}/v1/orders/2`, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        }).then((r) => r.status);
      expect(await get('flag-token')).toBe(200);
      expect(await get('env-token')).toBe(401);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

describe('the image command', () => {
  it('serves /docs and the OpenAPI documents, built on first use', async () => {
    const server = await startServer({ LOG_LEVEL: 'info' });
    try {
      const page = await fetch(`${server.url}/docs/`);
      const initializer = await fetch(`${server.url}/docs/static/swagger-initializer.js`);
      const grow = await fetch(`${server.url}/__admin/openapi/grow.json`);
      expect(page.status).toBe(200);
      expect(await initializer.text()).toContain('/__admin/openapi/battleface.json');
      expect(await grow.json()).toEqual(
        JSON.parse(readFileSync(new URL('../../openapi/grow.json', import.meta.url), 'utf8')),
      );
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('writes pretty lines with LOG_FORMAT=pretty', async () => {
    const server = await startServer({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    try {
      expect(server.output()).toMatch(/INFO.*partner-sim .* listening on http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
