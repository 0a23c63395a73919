import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { FixtureError } from './shared/fixture-files.js';

/** Process entry: the only place that reads the environment, listens and handles signals. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await buildApp(config);

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
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

  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof FixtureError) {
    process.stderr.write(`partner-sim: ${error.message}\n`);
  } else {
    process.stderr.write(`partner-sim: failed to start: ${(error as Error).message ?? String(error)}\n`);
  }
  process.exit(1);
});
