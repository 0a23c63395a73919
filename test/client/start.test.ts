import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startPartnerSim } from '../../src/index.js';

const quiet = { logLevel: 'silent' } as const;

/**
 * A few turns of the event loop: handles close() has closed are released in libuv's close phase,
 * and a client socket once the server's FIN is read. No time passes on purpose.
 */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('startPartnerSim', () => {
  it('listens on 127.0.0.1 on a free port, with the configuration defaults besides', async () => {
    const sim = await startPartnerSim(quiet);
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sim.config).toEqual({ ...loadConfig({}), port: 0, logLevel: 'silent' });
      const health = await fetch(`${sim.url}/__admin/health`);
      expect(health.status).toBe(200);
      expect(await sim.client('t').faults.list()).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('takes every setting as an option named after its variable', async () => {
    const sim = await startPartnerSim({
      ...quiet,
      now: new Date('2024-05-01T12:00:00Z'),
      tokens: ['ci-1', 'ci-2'],
      seed: 'qa-42',
      growJsonAlways: true,
      sandboxMaxBytes: '1m',
      growPolicyDelayMs: 50,
    });
    try {
      expect(sim.config).toMatchObject({
        now: Date.parse('2024-05-01T12:00:00Z'),
        tokens: ['ci-1', 'ci-2'],
        seed: 'qa-42',
        growJsonAlways: true,
        sandboxMaxBytes: 1024 * 1024,
        growPolicyDelayMs: 50,
      });
      expect(await sim.client('ci-1').clock.get()).toEqual({ now: '2024-05-01T12:00:00.000Z', frozen: true });
    } finally {
      await sim.close();
    }
  });

  it("refuses an unusable option with the environment's message, naming the option", async () => {
    const port = await startPartnerSim({ port: 70000 }).catch((error: unknown) => error);
    expect(port).toBeInstanceOf(ConfigError);
    expect(port).toMatchObject({
      message: 'Invalid port=70000: expected an integer from 0 to 65535.',
      variable: 'PORT',
      expected: 'an integer from 0 to 65535',
    });
    await expect(startPartnerSim({ growPolicyDelayMs: 'soon' })).rejects.toThrow(
      'Invalid growPolicyDelayMs="soon": expected a number of milliseconds from 0 to 2147483647.',
    );
    await expect(startPartnerSim({ webhookAllow: ['10.0.0.0/40'] })).rejects.toThrow(
      'Invalid webhookAllow=["10.0.0.0/40"]: the prefix length must be 0 to 32.',
    );
    await expect(startPartnerSim({ now: new Date(Number.NaN) })).rejects.toThrow(
      'Invalid now=Invalid Date: expected a string, a finite number, a boolean, a list of strings or a valid Date.',
    );
    const unknown = startPartnerSim({ prot: 0 } as never);
    await expect(unknown).rejects.toThrow(/^Unknown option prot: expected one of host, port, logLevel, /);
  });

  it('rejects when the port is taken, and leaves nothing behind', async () => {
    const first = await startPartnerSim(quiet);
    try {
      const port = Number(new URL(first.url).port);
      await expect(startPartnerSim({ ...quiet, port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it('starts and stops 20 times leaving no timer, socket or listener behind', async () => {
    const resources = () =>
      process
        .getActiveResourcesInfo()
        .filter((name) => name !== 'TTYWrap')
        .sort();
    const events = ['exit', 'SIGTERM', 'SIGINT', 'unhandledRejection', 'uncaughtException', 'warning'];
    const listeners = () => events.map((event) => process.listenerCount(event));
    // A first start loads every module once (module-level caches are not leaks).
    const warm = await startPartnerSim(quiet);
    await warm.close();
    await settle();
    const before = { resources: resources(), listeners: listeners() };
    for (let i = 0; i < 20; i++) {
      const sim = await startPartnerSim(quiet);
      const client = sim.client(`leak-${i}`);
      await client.grow.orders.seed({});
      // A wait still open at close answers at once instead of holding close up.
      const open = client.requests.waitFor({ path: '/never' }, { timeoutMs: 20_000 }).catch((e: Error) => e);
      await sim.close();
      expect(await open).toBeInstanceOf(Error);
    }
    await settle();
    // Nothing more than before (fetch's own timer may have ended since: fewer is fine).
    const count = (names: string[]) =>
      names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());
    const [was, now] = [count(before.resources), count(resources())];
    expect([...now].filter(([name, n]) => n > (was.get(name) ?? 0))).toEqual([]);
    expect(listeners()).toEqual(before.listeners);
  });
});
