// npm run bench:replicas: partner-sim with SIM_STORE=redis://… on one, two and three replicas,
// against the bare server and the memory store in the same run, on this machine. Writes its
// section of bench/RESULTS.md (between the replicas markers). Not part of npm test.
import { execSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuMicros, freePort, imageArgs } from './processes.mjs';
import { HEADERS, ROUTES } from './routes.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const QUICK = process.env.BENCH_QUICK === '1';
const DURATION_S = QUICK ? 3 : 10;
const WARMUP_S = QUICK ? 1 : 3;
const ROUNDS = QUICK ? 1 : 3;
const CONNECTIONS = 50;
const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
const ROUTE = ROUTES[0];

const command = imageArgs();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function startNode(args, env) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), ...env },
    // Warnings and errors reach the terminal; the request log lines do not.
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.on('data', (chunk) => {
    for (const line of chunk.toString().split('\n')) if (/"level":(40|50|60)/.test(line)) console.error(line);
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/__admin/health`)).ok) return { child, url };
    } catch {}
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    await sleep(5);
  }
}

async function startRedis() {
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await sleep(300);
  return { child, url: `redis://127.0.0.1:${port}` };
}

/** Loads each target with its share of the connections at once; `tokens` spreads requests over sandboxes. */
async function load(targets, duration, tokens) {
  let next = 0;
  const share = (index) =>
    Math.floor(CONNECTIONS / targets.length) + (index < CONNECTIONS % targets.length ? 1 : 0);
  const results = await Promise.all(
    targets.map(
      (target, index) =>
        new Promise((resolve, reject) =>
          autocannon(
            {
              url: `${target.url}${ROUTE.path}`,
              method: ROUTE.method,
              headers: HEADERS,
              body: ROUTE.body,
              connections: share(index),
              duration,
              ...(tokens > 1
                ? {
                    requests: [
                      {
                        setupRequest: (request) => ({
                          ...request,
                          headers: { ...request.headers, authorization: `Bearer bench-${next++ % tokens}` },
                        }),
                      },
                    ],
                  }
                : {}),
            },
            (error, result) => (error ? reject(error) : resolve(result)),
          ),
        ),
    ),
  );
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  if (process.env.BENCH_DEBUG)
    for (const r of results)
      console.error(
        r.requests.total,
        r.errors,
        r.timeouts,
        r.statusCodeStats,
        r.errorsStats?.slice?.(0, 3) ?? '',
      );
  if (results.some((result) => result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)) {
    const bad = results.map((result) => `${result.non2xx} non-2xx, ${result.errors} errors`).join('; ');
    throw new Error(`answers other than 200 under load: ${bad}`);
  }
  return {
    rps: results.reduce((sum, result) => sum + result.requests.average, 0),
    // The slowest replica's p99: a client behind a balancer sees the worst of them.
    p99: Math.max(...results.map((result) => result.latency.p99)),
    total,
  };
}

async function measure(name, processes, targets, tokens) {
  const samples = [];
  await load(targets, WARMUP_S, tokens);
  for (let round = 0; round < ROUNDS; round++) {
    const before = processes.map((child) => cpuMicros(child.pid));
    const result = await load(targets, DURATION_S, tokens);
    const cpuUs =
      processes.reduce((sum, child, i) => sum + cpuMicros(child.pid) - before[i], 0) / result.total;
    samples.push({ ...result, cpuUs });
  }
  return {
    name,
    rps: median(samples.map((s) => s.rps)),
    p99: median(samples.map((s) => s.p99)),
    cpuUs: median(samples.map((s) => s.cpuUs)),
  };
}

const rows = [];
for (const tokens of [1, 50]) {
  const bare = await startNode(['bench/bare-server.mjs'], {});
  rows.push({ tokens, ...(await measure('bare Fastify', [bare.child], [bare], tokens)) });
  bare.child.kill('SIGKILL');
  const memory = await startNode(command, {});
  rows.push({ tokens, ...(await measure('partner-sim, memory store', [memory.child], [memory], tokens)) });
  memory.child.kill('SIGKILL');
  for (const count of [1, 2, 3]) {
    const redis = await startRedis();
    const replicas = [];
    for (let i = 0; i < count; i++) replicas.push(await startNode(command, { SIM_STORE: redis.url }));
    const row = await measure(
      `partner-sim, Redis, ${count} replica${count > 1 ? 's' : ''}`,
      [...replicas.map((replica) => replica.child), redis.child],
      replicas,
      tokens,
    );
    rows.push({ tokens, ...row });
    for (const replica of replicas) replica.child.kill('SIGKILL');
    redis.child.kill('SIGKILL');
  }
}

const fmt = (value, digits = 0) => value.toFixed(digits);
const bareOf = (tokens) => rows.find((row) => row.tokens === tokens && row.name === 'bare Fastify');
const table = rows
  .map(
    (row) =>
      `| ${row.tokens === 1 ? 'one token' : `${row.tokens} tokens`} | ${row.name} | ${fmt(row.rps)} | ${fmt(row.rps / bareOf(row.tokens).rps, 2)} | ${fmt(row.p99, 1)} | ${fmt(row.cpuUs)} |`,
  )
  .join('\n');
const oneReplica = rows.find((row) => row.tokens === 1 && row.name.endsWith('1 replica'));
const section = `<!-- replicas -->
## Shared store (Redis): one, two and three replicas

Measured by \`npm run bench:replicas\` (bench/replicas.mjs) on ${new Date().toISOString().slice(0, 10)}, commit \`${execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim()}\`,
${cpus().length} cores. Route: ${ROUTE.name}, ${CONNECTIONS} connections split evenly over the replicas (one autocannon per replica,
no proxy), ${WARMUP_S} s warm-up then ${ROUNDS} rounds of ${DURATION_S} s, medians; Debian's redis-server on loopback, no persistence.
"CPU µs" is the CPU time of every replica and of Redis per request. p99 is the slowest replica's.

| sandboxes | server | req/s | × bare | p99 ms | CPU µs / request |
| --- | --- | ---: | ---: | ---: | ---: |
${table}

Target (issue 20): one replica on Redis ≥ 0.3 × bare on payment/status with p99 ≤ 10 ms at 50 connections:
${fmt(oneReplica.rps / bareOf(1).rps, 2)} × bare, p99 ${fmt(oneReplica.p99, 1)} ms.

What this machine limits: ${cpus().length} cores carry the load generator, Redis and every replica at once, so more
replicas add CPU for leases and copies but no cores to run them on: throughput here cannot grow with replicas,
and the per-request CPU column is the honest cost. On one token every request takes the token's lease in
turn (one at a time across all replicas); with several tokens the replicas work in parallel.
<!-- /replicas -->`;

const results = new URL('./RESULTS.md', import.meta.url);
const text = readFileSync(results, 'utf8');
const start = text.indexOf('<!-- replicas -->');
const end = text.indexOf('<!-- /replicas -->');
writeFileSync(
  results,
  start === -1
    ? `${text.trimEnd()}\n\n${section}\n`
    : `${text.slice(0, start)}${section}${text.slice(end + '<!-- /replicas -->'.length)}`,
);
console.log(section);
