import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_ENTRY = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
export const CLI_ENTRY = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** The Dockerfile's CMD (`node --max-semi-space-size=4 --max-old-space-size=416 dist/launch.cjs`): the tests start the server exactly as the image does. */
export function imageCommand(): { command: string; args: string[] } {
  const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
  const line = dockerfile.split('\n').find((text) => text.startsWith('CMD '));
  const [command, ...args] = JSON.parse(line?.slice(4) ?? '[]') as string[];
  if (command !== 'node') throw new Error(`expected the image to run node, got ${command}`);
  return { command: process.execPath, args };
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built server (the Dockerfile's command) on a free port and waits until it listens. */
export async function startServer(
  env: Record<string, string> = {},
  argv?: { command: string; args: string[] },
): Promise<RunningServer> {
  const { command, args } = argv ?? imageCommand();
  const child = spawn(command, args, {
    cwd: ROOT,
    // CI's retry schedule: the default (Laravel queue back-off) waits minutes between attempts.
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      SIM_GROW_WEBHOOK_RETRY_SCHEDULE: 'fast',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
      if (match) resolve(match[0]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${text}`)));
  });
  return {
    child,
    url,
    output: () => text,
    async stop(signal = 'SIGTERM') {
      // Already ended (a signal ends it with no exit code): nothing more will come.
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = await exited;
      return code as number | null;
    },
  };
}

/** Runs the server (or the CLI) to its exit; resolves with its exit code and output. */
export async function failedStart(
  env: Record<string, string>,
  args: string[] = [SERVER_ENTRY],
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // CI's retry schedule: the default (Laravel queue back-off) waits minutes between attempts.
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      SIM_GROW_WEBHOOK_RETRY_SCHEDULE: 'fast',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stderr, stdout };
}
