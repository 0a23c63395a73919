import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { StateFileError } from './admin/state-file.js';
import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { prettyStream } from './http/logging.js';
import { FixtureError } from './lib/fixture-files.js';
import { VERSION } from './lib/version.js';
import { StoreConnectError } from './sandbox/store/redis-store.js';

/** How long SIGTERM/SIGINT wait for in-flight requests before exiting anyway. */
const DRAIN_TIMEOUT_MS = 5000;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * The default made loud: without SIM_ADMIN_TOKEN, anyone who can reach a non-loopback address can
 * read every sandbox's traffic (card numbers included) and reset everything.
 */
export function adminWarning(config: Config): string | undefined {
  if (config.adminToken !== undefined || LOOPBACK_HOSTS.has(config.host) || config.host.startsWith('127.')) {
    return undefined;
  }
  return (
    `partner-sim: warning: SIM_ADMIN_TOKEN is not set and HOST=${config.host} is reachable from other machines: ` +
    'any client can read and reset every sandbox through /__admin. Set SIM_ADMIN_TOKEN=<a secret> ' +
    '(admin calls then send X-Admin-Token: <the secret>), or listen on 127.0.0.1.'
  );
}

/** The one line start-up prints: where everything is, and what the fixtures hold. */
function startupLine(
  config: Config,
  address: string,
  partners: FastifyInstance['partners'],
  store: string | undefined,
): string {
  const url = address.replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://127.0.0.1:');
  const mounts = partners.map(({ module }) => {
    const [first, ...others] = module.prefixes;
    const hosts = (module.hosts ?? []).map((host) => `, ${module.name} ${host.label} ${url}${host.prefix}`);
    return `${module.name} ${url}${first}${others.length > 0 ? ` (also ${others.join(', ')})` : ''}${hosts.join('')}`;
  });
  const fixtures = partners.map(({ seedSummary }) => seedSummary).join(', ');
  return (
    `partner-sim ${VERSION} listening on ${url}: ${mounts.join(', ')}, ` +
    `admin ${url}/__admin, docs ${url}/docs; fixtures ${fixtures} from ${config.fixturesDir}` +
    (store === undefined ? '' : `; sandboxes in ${store}`)
  );
}

/**
 * Process entry: reads the environment (with the CLI's flags laid over it), listens, and on
 * SIGTERM/SIGINT stops accepting, finishes in-flight requests and exits 0.
 */
export async function serve(overrides: Record<string, string> = {}): Promise<void> {
  let config: Config;
  try {
    config = loadConfig({ ...process.env, ...overrides });
  } catch (error) {
    return fail(error);
  }
  const pretty =
    config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp(config, pretty ? { log: { stream: await prettyStream() } } : {});
  } catch (error) {
    return fail(error);
  }

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    setTimeout(() => {
      app.log.warn(`requests still open after ${DRAIN_TIMEOUT_MS} ms; exiting anyway`);
      process.exit(0);
    }, DRAIN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // The last line of defence: every job handles its own failures, and one that slips through is
  // logged, never allowed to end a simulator other suites are using.
  process.on('unhandledRejection', (reason) => app.log.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => app.log.error({ err: error }, 'uncaught exception'));

  const partners = app.partners;
  try {
    await app.listen({
      host: config.host,
      port: config.port,
      listenTextResolver: (address) =>
        startupLine(config, address, partners, app.sandboxes.shared?.store.description),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        `partner-sim: port ${config.port} is already in use on ${config.host}; stop what uses it or choose another with PORT or --port.\n`,
      );
      process.exit(1);
    }
    return fail(error);
  }
  const warning = adminWarning(config);
  if (warning) process.stderr.write(`${warning}\n`);
}

function fail(error: unknown): never {
  const message =
    error instanceof ConfigError ||
    error instanceof FixtureError ||
    error instanceof StateFileError ||
    error instanceof StoreConnectError
      ? error.message
      : `failed to start: ${(error as Error)?.message ?? String(error)}`;
  process.stderr.write(`partner-sim: ${message}\n`);
  process.exit(1);
}

/** Whether this module is the process's entry (`node dist/server.js`, or the bundle dist/launch.cjs runs), not imported by the CLI. */
function isEntry(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) void serve();
