#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { COMMANDS, COMMANDS_USAGE, runCommand } from './cli-commands.js';
import { ConfigError, loadConfig } from './config.js';
import { VERSION } from './lib/version.js';
import { serve } from './server.js';

// `partner-sim [flags]`: each flag sets the environment variable of the same setting, so flags and
// the environment are one configuration (flags win) and every value is checked the same way.

const FLAGS = {
  port: { env: 'PORT', help: 'port to listen on (default 4010)' },
  host: { env: 'HOST', help: 'interface to listen on (default 127.0.0.1; 0.0.0.0 in a container)' },
  fixtures: { env: 'FIXTURES_DIR', help: 'folder of fixtures shaped like the bundled fixtures/' },
  tokens: { env: 'SIM_TOKENS', help: 'comma-separated bearer tokens to accept (default: any)' },
  seed: { env: 'SIM_SEED', help: 'seed for reproducible ids and fault coin flips' },
  state: { env: 'SIM_STATE_FILE', help: 'a saved state (GET /__admin/state) new sandboxes start from' },
  'log-level': { env: 'LOG_LEVEL', help: 'fatal, error, warn, info, debug, trace or silent (default info)' },
} as const;

const USAGE = `partner-sim ${VERSION}: a local simulator of the battleface Partner API and the Curacel Grow API

Usage: partner-sim [options]

Options:
${Object.entries(FLAGS)
  .map(([name, { env, help }]) => `  --${`${name} <value>`.padEnd(22)}${help} [${env}]`)
  .join('\n')}
  --version               print the version and exit
  --help                  print this help and exit

Every other setting is an environment variable (see the README's configuration table).

${COMMANDS_USAGE}`;

// A command for scripts (wait, state, requests) rather than a server to start.
const first = process.argv[2];
if (first !== undefined && (COMMANDS as readonly string[]).includes(first)) {
  process.exit(await runCommand(process.argv.slice(2)));
}

function parse(argv: string[]) {
  const options = Object.fromEntries(Object.keys(FLAGS).map((name) => [name, { type: 'string' as const }]));
  return parseArgs({
    args: argv,
    options: { ...options, version: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
}

let parsed: ReturnType<typeof parse>;
try {
  parsed = parse(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`partner-sim: ${(error as Error).message.split('\n')[0]} (see partner-sim --help)\n`);
  process.exit(2);
}

if (parsed.values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (parsed.values.version) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}

const overrides: Record<string, string> = {};
const values = parsed.values as Record<string, unknown>;
for (const [name, { env }] of Object.entries(FLAGS)) {
  const value = values[name];
  if (typeof value === 'string') overrides[env] = value;
}

// A flag with an unusable value is a usage error like an unknown flag: one line, exit 2.
try {
  loadConfig({ ...process.env, ...overrides });
} catch (error) {
  const flag = Object.entries(FLAGS).find(
    ([, { env }]) => error instanceof ConfigError && env === error.variable,
  );
  if (error instanceof ConfigError && flag && overrides[error.variable] !== undefined) {
    process.stderr.write(
      `partner-sim: Invalid --${flag[0]} ${JSON.stringify(overrides[error.variable])}: expected ${error.expected}.\n`,
    );
    process.exit(2);
  }
}
await serve(overrides);
