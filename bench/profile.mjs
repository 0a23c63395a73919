// The CPU cost of bench routes, for finding and checking hot spots without the 25-minute
// `npm run bench` (run `npm run build` first). Two ways:
//
//   node bench/profile.mjs inject [filter] [N]
//     builds the app from dist/ in this process with the bundled fixtures, injects each route's
//     bench request N times per round (rotating tokens as the bench does) and prints CPU µs
//     (user + system) per request, light-my-request's own cost included. For --cpu-prof:
//     node --max-semi-space-size=4 --max-old-space-size=416 --cpu-prof --cpu-prof-dir=/tmp/prof \
//       bench/profile.mjs inject creation 10000
//
//   node bench/profile.mjs http [filter] [seconds]
//     starts the server as the bench does (the Dockerfile's command, logging to /dev/null) and
//     loads each route with autocannon (50 connections), printing the server's CPU µs per
//     request as bench/RESULTS.md does. SERVER_ARGS replaces that command's arguments, e.g.
//     SERVER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof dist/server.js' for a profile with names;
//     SERVER_ENV='{"SIM_JOURNAL_SIZE":"1"}' adds to its environment.
//
// filter picks routes whose name contains it. WARMUP (requests, or seconds for http) is run
// first; the routes that fill the memory budget need about 20000 requests to reach their steady
// state. ROUNDS (default 3) rounds, the median printed.
import { spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { HEADERS, ROUTES } from './routes.mjs';

const [mode = 'inject', filter = '', amount] = process.argv.slice(2);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const routes = ROUTES.filter((candidate) => candidate.name.includes(filter));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// The median, and the least: on a shared machine other work only ever adds to a round's figure.
const report = (route, figures, unit) =>
  console.log(
    `${route.name}: ${median(figures).toFixed(1)} µs/request median, ${Math.min(...figures).toFixed(1)} least (${ROUNDS} × ${unit}; ${figures.map((f) => f.toFixed(0)).join(', ')})`,
  );

if (mode === 'inject') {
  // DIST=<dir>: another build's dist/ (a baseline worktree's), to compare in the same way.
  const dist = process.env.DIST ? `file://${process.env.DIST}/` : new URL('../dist/', import.meta.url).href;
  const { buildApp } = await import(`${dist}app.js`);
  const { loadConfig } = await import(`${dist}config.js`);
  const N = Number(amount ?? 5000);
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  for (const route of routes) {
    // SIM_* settings pass through (SIM_STORE=redis://… profiles the shared store in-process).
    const sim = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('SIM_')));
    const config = loadConfig({ ...sim, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', LOG_FORMAT: 'json' });
    const app = await buildApp(config, { log: { stream: discard } });
    let next = 0;
    const once = async () => {
      const authorization = route.tokens ? `Bearer bench-${next++ % route.tokens}` : HEADERS.authorization;
      const response = await app.inject({
        method: route.method,
        url: route.path,
        headers: { ...HEADERS, authorization },
        payload: route.body,
      });
      if (response.statusCode !== route.status)
        throw new Error(
          `${route.name}: expected ${route.status}, got ${response.statusCode}: ${response.body}`,
        );
    };
    // Ten requests at a time, as a loaded server sees several per event-loop turn.
    const run = async (n) => {
      for (let i = 0; i < n; i += 10) await Promise.all(Array.from({ length: Math.min(10, n - i) }, once));
    };
    await run(Number(process.env.WARMUP ?? Math.min(N, 2000)));
    const figures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = process.cpuUsage();
      await run(N);
      const used = process.cpuUsage(before);
      figures.push((used.user + used.system) / N);
      if (process.env.VERBOSE)
        console.log(
          `  round ${round}: ${figures.at(-1).toFixed(1)} µs; budget ${(app.memoryBudget.total / 2 ** 20).toFixed(1)} MiB, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MiB`,
        );
    }
    report(route, figures, N);
    await app.close();
  }
} else if (mode === 'http') {
  const seconds = Number(amount ?? 10);
  const [, ...imageArgs] = JSON.parse(
    readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8')
      .split('\n')
      .find((line) => line.startsWith('CMD '))
      .slice(4),
  );
  const args = process.env.SERVER_ARGS ? process.env.SERVER_ARGS.split(' ') : imageArgs;
  const ticks = 100;
  const cpuMicros = (pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticks) * 1e6;
  };
  const port = 4690;
  const url = `http://127.0.0.1:${port}`;
  for (const route of routes) {
    const child = spawn(process.execPath, args, {
      cwd: new URL('..', import.meta.url),
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(port),
        ...JSON.parse(process.env.SERVER_ENV ?? '{}'),
      },
      // SERVER_STDOUT=<file>: the server's stdout (--trace-gc lines) there.
      stdio: [
        'ignore',
        process.env.SERVER_STDOUT ? openSync(process.env.SERVER_STDOUT, 'w') : 'ignore',
        'inherit',
      ],
    });
    for (;;) {
      try {
        if ((await fetch(`${url}/__admin/health`)).ok) break;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    let next = 0;
    const load = (duration) =>
      new Promise((resolve, reject) =>
        autocannon(
          {
            url: `${url}${route.path}`,
            method: route.method,
            headers: HEADERS,
            body: route.body,
            connections: 50,
            duration,
            ...(route.tokens
              ? {
                  requests: [
                    {
                      setupRequest: (request) => ({
                        ...request,
                        headers: {
                          ...request.headers,
                          authorization: `Bearer bench-${next++ % route.tokens}`,
                        },
                      }),
                    },
                  ],
                }
              : {}),
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        ),
      );
    try {
      await load(Number(process.env.WARMUP ?? 3));
      const figures = [];
      for (let round = 0; round < ROUNDS; round++) {
        const before = cpuMicros(child.pid);
        const result = await load(seconds);
        if (result.non2xx !== 0 && route.status < 300) throw new Error(`${route.name}: non-2xx answers`);
        figures.push((cpuMicros(child.pid) - before) / result.requests.total);
        if (process.env.VERBOSE)
          console.log(`  round ${round}: ${figures.at(-1).toFixed(1)} µs, ${result.requests.average} req/s`);
      }
      report(route, figures, `${seconds} s`);
      if (process.env.THREADS) {
        // CPU by thread (main, V8's GC helpers, libuv): what a JS profile of the main thread misses.
        for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
          const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
          const name = readFileSync(`/proc/${child.pid}/task/${tid}/comm`, 'utf8').trim();
          const fields = stat.split(') ')[1].split(' ');
          console.log(
            `  thread ${tid} ${name}: ${((Number(fields[11]) + Number(fields[12])) / ticks).toFixed(1)} s`,
          );
        }
      }
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
}
