import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createClient, PartnerSimError, type SandboxState } from './client.js';

// `partner-sim <command>`: small steps for CI scripts against a running simulator. Each exits 0
// when it did what it says, 1 when the simulator said no (or never came up), 2 for bad usage.

export const COMMANDS_USAGE = `Commands (against a running simulator; --url defaults to http://127.0.0.1:4010):
  partner-sim wait [--url <url>] [--timeout <ms>]            exit 0 once /__admin/health answers, 1 at the timeout (default 30000)
  partner-sim state export --token <t> [--url] [--file <f>]  the sandbox's state as JSON (to stdout without --file)
  partner-sim state import --token <t> [--url] --file <f>    load a saved state into the sandbox
  partner-sim requests count --token <t> [--url] [--partner <p>] [--method <m>] [--path <glob>] [--status <n>] [--body <json>]
                                                             print how many recorded requests match
  Every command takes --admin-token <t> (default: SIM_ADMIN_TOKEN).
`;

export const COMMANDS = ['wait', 'state', 'requests'] as const;

class UsageError extends Error {}

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  'admin-token': { type: 'string' },
  timeout: { type: 'string' },
  file: { type: 'string' },
  partner: { type: 'string' },
  method: { type: 'string' },
  path: { type: 'string' },
  status: { type: 'string' },
  body: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Runs a command; resolves with the process's exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    const [command, action, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
    const url = (values.url ?? 'http://127.0.0.1:4010').replace(/\/+$/, '');
    if (command === 'wait') return await waitForHealth(url, integer(values.timeout ?? '30000', '--timeout'));
    const client = () =>
      createClient({
        url,
        token: required(values.token, '--token'),
        adminToken: values['admin-token'] ?? process.env.SIM_ADMIN_TOKEN,
      });
    if (command === 'state' && action === 'export') {
      const json = `${JSON.stringify(await client().state.save(), null, 2)}\n`;
      if (values.file === undefined) process.stdout.write(json);
      else writeFileSync(values.file, json);
      return 0;
    }
    if (command === 'state' && action === 'import') {
      const file = required(values.file, '--file');
      await client().state.load(readState(file));
      process.stderr.write(`partner-sim: loaded ${file}\n`);
      return 0;
    }
    if (command === 'requests' && action === 'count') {
      process.stdout.write(`${await client().requests.count(matcherOf(values))}\n`);
      return 0;
    }
    throw new UsageError(`unknown command ${[command, action].filter(Boolean).join(' ')}`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(
        // parseArgs' advice on positionals that start with '-' does not apply to these commands.
        `partner-sim: ${(error as Error).message.split('\n')[0]?.replace(/\. To specify a positional.*$/, '')} (see partner-sim --help)\n`,
      );
      return 2;
    }
    const message = error instanceof PartnerSimError ? error.message : `${(error as Error).message}`;
    process.stderr.write(`partner-sim: ${message}\n`);
    return 1;
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} <value> is required`);
  return value;
}

function integer(text: string, flag: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`${flag} expects a number of milliseconds`);
  return Number(text);
}

function readState(file: string): SandboxState {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
  } catch (error) {
    throw new Error(`cannot read a state from ${file}: ${(error as Error).message}`);
  }
}

function matcherOf(values: Values) {
  let body: unknown;
  if (values.body !== undefined) {
    try {
      body = JSON.parse(values.body);
    } catch {
      throw new UsageError('--body expects JSON, e.g. --body \'{"id":3}\'');
    }
  }
  return {
    partner: values.partner,
    method: values.method,
    path: values.path,
    status: values.status === undefined ? undefined : integer(values.status, '--status'),
    body,
  };
}

/**
 * The simulator is not listening yet, so there is nothing to hold a request open on: health is
 * asked every 100 ms until it answers 200 or the timeout passes.
 */
async function waitForHealth(url: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const response = await fetch(`${url}/__admin/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return 0;
      last = `answered ${response.status}`;
    } catch (error) {
      last = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(0, deadline - Date.now()))));
  }
  process.stderr.write(`partner-sim: ${url} was not healthy within ${timeoutMs} ms (${last})\n`);
  return 1;
}
