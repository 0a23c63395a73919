import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { buildApp } from './app.js';
import { type Client, createClient } from './client.js';
import { type Config, type ConfigOptions, configFromOptions } from './config.js';

/** startPartnerSim's options: every setting of the configuration table, by its camelCase name. */
export type StartOptions = ConfigOptions & {
  /** Where log lines go (JSON lines); process.stdout by default. */
  logStream?: DestinationStream;
};

export interface PartnerSim {
  /** The base URL, `http://127.0.0.1:<port>`: every partner API and /__admin under it. */
  readonly url: string;
  /** The configuration it runs with (options laid over the defaults). */
  readonly config: Config;
  /** An admin client acting on `token`'s sandbox (with the admin token when one is set). */
  client(token: string): Client;
  /** Stops accepting, answers open waits, finishes in-flight requests; leaves nothing running. */
  close(): Promise<void>;
}

/**
 * In a suite the simulator is a dependency, not the thing under watch: a free port and warnings
 * only, unless the options say otherwise. The environment is not read, so a suite behaves the
 * same on every machine whatever its shell exports.
 */
const IN_PROCESS_DEFAULTS = { port: 0, logLevel: 'warn' } as const;

/** One write per line to process.stdout, shared: no stream per start is left open behind it. */
const stdoutLines: DestinationStream = { write: (line: string) => void process.stdout.write(line) };

/** Starts the simulator in this process and resolves once it listens. */
export async function startPartnerSim(options: StartOptions = {}): Promise<PartnerSim> {
  const { logStream, ...settings } = options;
  const config = configFromOptions({ ...IN_PROCESS_DEFAULTS, ...settings });
  const app = await buildApp(config, { log: { stream: logStream ?? stdoutLines } });
  try {
    await app.listen({ host: config.host, port: config.port, listenTextResolver: () => '' });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    config,
    client: (token) => createClient({ url, token, adminToken: config.adminToken }),
    close: () => {
      closing ??= app.close().then(() => undefined);
      return closing;
    },
  };
}
