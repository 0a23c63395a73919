// npm run bench: partner-sim against a bare Fastify server in the same run, on this machine.
// Writes bench/RESULTS.md. Not part of npm test: speed is measured here, never asserted in tests.
import { execSync, spawn } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { HEADERS, ROUTES } from './routes.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const QUICK = process.env.BENCH_QUICK === '1';
const DURATION_S = QUICK ? 3 : 10;
const WARMUP_S = QUICK ? 1 : 3;
const ROUNDS = QUICK ? 1 : 5;
const SOAK_S = QUICK ? 10 : 60;
const CONNECTIONS = 50;

const dockerCmd = JSON.parse(
  readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8')
    .split('\n')
    .find((line) => line.startsWith('CMD '))
    .slice(4),
);
const SERVERS = {
  bare: { args: ['bench/bare-server.mjs'], port: 4611, cwd: ROOT },
  'partner-sim': { args: dockerCmd.slice(1), port: 4612, cwd: ROOT },
};

// BENCH_BASELINE=<git ref>: that commit's image command, built in a worktree and loaded in the
// same rounds, so a change's cost is measured against what it changed, not against a past run.
const BASELINE = process.env.BENCH_BASELINE;
if (BASELINE) {
  const dir = join(tmpdir(), 'partner-sim-bench-baseline');
  execSync(`git worktree remove --force ${dir} 2>/dev/null; git worktree add --detach ${dir} ${BASELINE}`, {
    cwd: ROOT,
    stdio: 'ignore',
  });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execSync('npm run build', { cwd: dir, stdio: 'ignore' });
  const baselineCmd = JSON.parse(
    readFileSync(join(dir, 'Dockerfile'), 'utf8')
      .split('\n')
      .find((line) => line.startsWith('CMD '))
      .slice(4),
  );
  SERVERS.baseline = { args: baselineCmd.slice(1), port: 4613, cwd: dir };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident set size now and at its peak (VmHWM), in MB, from /proc. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const CLOCK_TICKS_PER_S = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU time (user + system) a process has used so far, in µs, from /proc. */
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S) * 1e6;
}

/** Whether the baseline commit has the route: `since` names the commit that added it. */
function baselineServes(route) {
  if (!route.since) return true;
  try {
    execSync(`git merge-base --is-ancestor ${route.since} ${BASELINE}`, { cwd: ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The bare server answers a route with the bytes partner-sim answers it with: for the routes
 * whose answer depends on fixtures and pricing, those bytes are taken from partner-sim once.
 */
async function captureBareBodies() {
  const sim = await start('partner-sim', { LOG_LEVEL: 'warn' });
  const bodies = {};
  try {
    for (const route of ROUTES.filter((candidate) => candidate.since)) {
      const response = await fetch(`${sim.url}${route.path}`, {
        method: route.method,
        headers: HEADERS,
        body: route.body,
      });
      bodies[`${route.method} ${route.path}`] = { status: response.status, body: await response.text() };
    }
  } finally {
    await stop(sim);
  }
  const file = join(tmpdir(), 'partner-sim-bare-bodies.json');
  writeFileSync(file, JSON.stringify(bodies));
  SERVERS.bare.env = { BARE_BODIES: file };
}

async function start(name, env = {}, port = SERVERS[name].port) {
  const { args, cwd } = SERVERS[name];
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), ...SERVERS[name].env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const response = await fetch(`${url}/__admin/health`);
      if (response.ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    await sleep(2);
  }
  return { child, url, coldStartMs: performance.now() - began };
}

async function stop({ child }) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

let nextToken = 0;

function load(url, route, duration, connections = CONNECTIONS) {
  // A route with `tokens` spreads its requests over that many sandboxes, in turn.
  const rotate = route.tokens
    ? {
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, authorization: `Bearer bench-${nextToken++ % route.tokens}` },
            }),
          },
        ],
      }
    : {};
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}${route.path}`,
        method: route.method,
        headers: HEADERS,
        body: route.body,
        connections,
        duration,
        ...rotate,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/**
 * One route on the bare server, partner-sim, and partner-sim without the request log line, all
 * three running at once and loaded in turn, round after round: the machine's speed drifts over
 * minutes (it is shared), so each round's ratio compares servers measured seconds apart, and the
 * median of those ratios is reported.
 */
async function measureRoute(route) {
  const servers = {
    bare: await start('bare'),
    sim: await start('partner-sim'),
    quiet: await start('partner-sim', { LOG_LEVEL: 'warn' }, SERVERS['partner-sim'].port + 10),
    // A route added after the baseline commit has nothing to compare with there.
    ...(BASELINE && baselineServes(route) ? { baseline: await start('baseline') } : {}),
  };
  try {
    for (const [name, server] of Object.entries(servers)) {
      const check = await fetch(`${server.url}${route.path}`, {
        method: route.method,
        headers: HEADERS,
        body: route.body,
      });
      if (check.status !== route.status)
        throw new Error(`${name} ${route.name}: expected ${route.status}, got ${check.status}`);
      await load(server.url, route, WARMUP_S);
    }
    const rounds = { bare: [], sim: [], quiet: [], baseline: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, server] of Object.entries(servers)) {
        const cpuBefore = cpuMicros(server.child.pid);
        const result = await load(server.url, route, DURATION_S);
        const cpuUs = (cpuMicros(server.child.pid) - cpuBefore) / result.requests.total;
        if (result.non2xx !== 0 && route.status < 300) {
          throw new Error(`${name} ${route.name}: ${result.non2xx} non-2xx answers`);
        }
        if (result.errors > 0 || result.timeouts > 0)
          throw new Error(`${name} ${route.name}: errors under load`);
        rounds[name].push({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          cpuUs,
        });
      }
    }
    const summary = (list) => ({
      rps: median(list.map((r) => r.rps)),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      cpuUs: median(list.map((r) => r.cpuUs)),
    });
    const ratioOf = (name) => median(rounds[name].map((r, i) => r.rps / rounds.bare[i].rps));
    return {
      bare: summary(rounds.bare),
      sim: { ...summary(rounds.sim), peakMb: memory(servers.sim.child.pid).peak },
      quiet: summary(rounds.quiet),
      ratio: ratioOf('sim'),
      quietRatio: ratioOf('quiet'),
      ...(servers.baseline ? { baseline: summary(rounds.baseline), baselineRatio: ratioOf('baseline') } : {}),
    };
  } finally {
    for (const server of Object.values(servers)) await stop(server);
  }
}

async function coldStart(name) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const server = await start(name);
    times.push(server.coldStartMs);
    await stop(server);
  }
  return median(times);
}

/** A lone client: one connection on the payment route, so each answer's full round trip counts. */
async function oneConnection(name) {
  const server = await start(name);
  try {
    await load(server.url, ROUTES[0], WARMUP_S, 1);
    const result = await load(server.url, ROUTES[0], DURATION_S, 1);
    // With one connection, requests follow each other: 1 / req/s is each one's full round trip.
    return { rps: result.requests.average, roundTripUs: 1e6 / result.requests.average };
  } finally {
    await stop(server);
  }
}

/** RSS every second while the payment route is under load for SOAK_S seconds. */
async function soak() {
  const server = await start('partner-sim');
  const samples = [];
  try {
    const running = load(server.url, ROUTES[0], SOAK_S);
    for (let t = 1; t <= SOAK_S; t++) {
      await sleep(1000);
      samples.push(memory(server.child.pid).rss);
    }
    await running;
    return { samples, peak: memory(server.child.pid).peak };
  } finally {
    await stop(server);
  }
}

/** RSS once 1000 sandboxes exist, each having approved, authorized and been journaled. */
async function thousandSandboxes() {
  const server = await start('partner-sim');
  try {
    const idle = memory(server.child.pid).rss;
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, j) => {
          const headers = {
            authorization: `Bearer sandbox-${i + j}`,
            'content-type': 'application/json',
            accept: 'application/json',
          };
          await fetch(`${server.url}/api/partner/orders/1-MAR8D39-D7921E36B462/payment/status`, {
            method: 'POST',
            headers,
            body: '{"status":"Approved","generate_docs":true}',
          });
          await fetch(`${server.url}/v1/orders/authorize`, { method: 'POST', headers, body: '{"id":3}' });
        }),
      );
    }
    const health = await (await fetch(`${server.url}/__admin/health`)).json();
    await sleep(2500);
    return { sandboxes: health.sandboxes, idleMb: idle, rssMb: memory(server.child.pid).rss };
  } finally {
    await stop(server);
  }
}

const HOSTILE_S = QUICK ? 10 : 60;
const HOSTILE_WORKERS = 20;
const MB = 2 ** 20;

/**
 * The worst of issue 13's memory attacks at once, with default limits, for HOSTILE_S seconds:
 * 20 clients each rotating through fresh tokens (so sandboxes churn and get evicted), sending
 * 1 MB bodies as costly to parse as allowed, 1 MB bodies of empty objects, fault rules and
 * seeded orders of nearly 1 MB each, and 4 MB states. Peak RSS is compared with 512 MB.
 */
async function hostileMemory() {
  const server = await start('partner-sim', { LOG_LEVEL: 'warn' });
  const pad = (n) => Array.from({ length: n }, (_, i) => ({ k: `${i}`.padEnd(100, 'x') }));
  const heavy = JSON.stringify({ id: 999_999, pad: pad(9000) });
  const empty = `[${Array.from({ length: 349_000 }, () => '{}').join(',')}]`;
  const faultRule = JSON.stringify({ match: { path: '/nowhere' }, action: { status: 503, body: pad(8000) } });
  const seeded = JSON.stringify({ product: { 'cover-benefits': { pad: pad(8000) } } });
  const answers = new Map();
  const samples = [];
  let requests = 0;
  const deadline = Date.now() + HOSTILE_S * 1000;
  const send = async (path, token, body, method = 'POST') => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body,
    });
    await response.arrayBuffer();
    requests++;
    const key = `${method} ${path.split('/').slice(0, 4).join('/')} ${response.status}`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
  };
  // A state as this version saves it, holding 30 000 pending policies.
  const saved = await (
    await fetch(`${server.url}/__admin/state`, { headers: { authorization: 'Bearer hostile-template' } })
  ).json();
  saved.grow.pending_policies = Array.from({ length: 30_000 }, (_, i) => ({
    order_id: i + 1,
    due_at: '2030-01-01T00:00:00.000000Z',
    base_url: 'http://127.0.0.1',
  }));
  const state = JSON.stringify(saved);
  const worker = async (w) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const token = `hostile-${w}-${Math.floor(n / 12)}`;
      switch (n % 6) {
        case 0:
        case 1:
          await send('/v1/orders/authorize', token, heavy);
          break;
        case 2:
          await send('/v1/orders/authorize', token, empty);
          break;
        case 3:
          await send('/__admin/faults', token, faultRule);
          break;
        case 4:
          await send('/__admin/grow/orders', token, seeded);
          break;
        case 5:
          await send('/__admin/state', token, state, 'PUT');
          break;
      }
    }
  };
  const sampler = setInterval(() => samples.push(memory(server.child.pid).rss), 1000);
  try {
    await Promise.all(Array.from({ length: HOSTILE_WORKERS }, (_, w) => worker(w)));
    const health = await (await fetch(`${server.url}/__admin/health`)).json();
    return {
      peak: memory(server.child.pid).peak,
      samples,
      requests,
      answers: Object.fromEntries([...answers].sort()),
      health,
      alive: server.child.exitCode === null,
    };
  } finally {
    clearInterval(sampler);
    await stop(server);
  }
}

const fmt = (n, digits = 0) => n.toFixed(digits);
const yes = (ok) => (ok ? 'met' : '**missed**');

await captureBareBodies();
const results = [];
for (const route of ROUTES) {
  // With the quiet variant (no per-request log line), to show what logging every request costs.
  const measured = await measureRoute(route);
  const { bare, sim, ratio } = measured;
  results.push({ route, ...measured });
  console.log(
    `${route.name}: bare ${fmt(bare.rps)} req/s, partner-sim ${fmt(sim.rps)} req/s, ratio ${fmt(ratio, 2)}`,
  );
}
const lone = { bare: await oneConnection('bare'), sim: await oneConnection('partner-sim') };
console.log(`one connection: bare ${fmt(lone.bare.rps)} req/s, partner-sim ${fmt(lone.sim.rps)} req/s`);
const cold = { bare: await coldStart('bare'), sim: await coldStart('partner-sim') };
console.log(`cold start: bare ${fmt(cold.bare)} ms, partner-sim ${fmt(cold.sim)} ms`);
const soaked = await soak();
const everyFiveSeconds = soaked.samples.filter((_, i) => i % 5 === 4);
console.log(`soak RSS (MB, every 5 s): ${everyFiveSeconds.map((mb) => fmt(mb)).join(', ')}`);
const many = await thousandSandboxes();
console.log(
  `1000 sandboxes: ${many.sandboxes} sandboxes, RSS ${fmt(many.rssMb)} MB (idle ${fmt(many.idleMb)} MB)`,
);

const hostile = await hostileMemory();
console.log(
  `hostile memory: peak RSS ${fmt(hostile.peak)} MB over ${hostile.requests} requests; budget ${fmt(hostile.health.memory.bytes / MB)} of ${fmt(hostile.health.memory.limit / MB)} MB`,
);

const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
const dirty =
  execSync("git status --porcelain -- src bench ':!bench/RESULTS.md'", { cwd: ROOT }).toString().trim() !==
  '';
const peakUnderLoad = Math.max(...results.map((r) => r.sim.peakMb), soaked.peak);
// Garbage collection makes RSS a sawtooth, so single samples say little: flat means the median of
// the last third of the run is within 10 MB of the middle third's (the first third warms up).
const third = Math.floor(soaked.samples.length / 3);
const soakGrowth = median(soaked.samples.slice(2 * third)) - median(soaked.samples.slice(third, 2 * third));
const targets = [
  ['ratio ≥ 0.7 on each route', results.every((r) => r.ratio >= 0.7)],
  ['p99 ≤ 10 ms on each route', results.every((r) => r.sim.p99 <= 10)],
  ['cold start ≤ 1.5 × bare', cold.sim <= 1.5 * cold.bare],
  ['peak RSS ≤ 150 MB under load', peakUnderLoad <= 150],
  [
    `RSS flat across the ${SOAK_S} s run (median of the last third ≤ the middle third's + 10 MB)`,
    soakGrowth <= 10,
  ],
  ['1000 sandboxes ≤ 300 MB', many.rssMb <= 300],
  [
    `hostile memory: peak RSS ≤ 512 MB over ${HOSTILE_S} s, no 5xx but 503, still up`,
    hostile.peak <= 512 &&
      hostile.alive &&
      Object.keys(hostile.answers).every((key) => !/ 5\d\d$/.test(key) || key.endsWith(' 503')),
  ],
];

const report = `# Benchmark results

Measured by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}, commit \`${commit}\`${dirty ? ' (with uncommitted changes)' : ''}.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}, shared and noisy.
Method: each server is a child process (partner-sim runs the Dockerfile's command, \`${dockerCmd.join(' ')}\`,
logging at info to /dev/null); autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${ROUNDS} rounds of ${DURATION_S} s, medians.
The three servers of a route run at once and are loaded in turn each round; a ratio is the median of the rounds' ratios.
The bare server is Fastify answering the same bytes with no validation, no state and no logging.

| route | bare req/s | partner-sim req/s | ratio | partner-sim p50 ms | partner-sim p99 ms | bare p99 ms | partner-sim peak RSS MB |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${results
  .map(
    (r) =>
      `| ${r.route.name} | ${fmt(r.bare.rps)} | ${fmt(r.sim.rps)} | ${fmt(r.ratio, 2)} | ${fmt(r.sim.p50, 1)} | ${fmt(r.sim.p99, 1)} | ${fmt(r.bare.p99, 1)} | ${fmt(r.sim.peakMb)} |`,
  )
  .join('\n')}

Without the per-request log line (\`LOG_LEVEL=warn\`), for comparison:

| route | partner-sim req/s | ratio | p99 ms |
| --- | ---: | ---: | ---: |
${results.map((r) => `| ${r.route.name} | ${fmt(r.quiet.rps)} | ${fmt(r.quietRatio, 2)} | ${fmt(r.quiet.p99, 1)} |`).join('\n')}

${
  BASELINE
    ? `Against the baseline \`${BASELINE}\` (its image command, built in a worktree, loaded in the same rounds):

| route | baseline ratio | partner-sim ratio | change | baseline CPU µs | partner-sim CPU µs |
| --- | ---: | ---: | ---: | ---: | ---: |
${results
  .filter((r) => r.baseline)
  .map(
    (r) =>
      `| ${r.route.name} | ${fmt(r.baselineRatio, 2)} | ${fmt(r.ratio, 2)} | ${fmt((100 * (r.ratio - r.baselineRatio)) / r.baselineRatio, 1)} % | ${fmt(r.baseline.cpuUs)} | ${fmt(r.sim.cpuUs)} |`,
  )
  .join('\n')}

`
    : ''
}Server CPU time (user + system) per request, the cost behind each ratio (autocannon shares the two cores):

| route | bare µs | partner-sim µs | partner-sim at \`LOG_LEVEL=warn\` µs |
| --- | ---: | ---: | ---: |
${results.map((r) => `| ${r.route.name} | ${fmt(r.bare.cpuUs)} | ${fmt(r.sim.cpuUs)} | ${fmt(r.quiet.cpuUs)} |`).join('\n')}

A lone client (one connection, payment/status, ${DURATION_S} s): partner-sim writes the first response of each event-loop turn at once, so a client alone waits for nothing.

| server | req/s | round trip µs |
| --- | ---: | ---: |
| bare | ${fmt(lone.bare.rps)} | ${fmt(lone.bare.roundTripUs)} |
| partner-sim | ${fmt(lone.sim.rps)} | ${fmt(lone.sim.roundTripUs)} |

| measure | bare | partner-sim |
| --- | ---: | ---: |
| cold start, spawn → first answer (median of 5) | ${fmt(cold.bare)} ms | ${fmt(cold.sim)} ms (${fmt(cold.sim / cold.bare, 2)} ×) |
| RSS every 5 s over a ${SOAK_S} s load on payment/status | | ${everyFiveSeconds.map((mb) => fmt(mb)).join(', ')} MB |
| RSS median, middle → last third of that run (sampled every second) | | ${fmt(median(soaked.samples.slice(third, 2 * third)))} → ${fmt(median(soaked.samples.slice(2 * third)))} MB |
| peak RSS under load | | ${fmt(peakUnderLoad)} MB |
| RSS with ${many.sandboxes} sandboxes in use (each approved, authorized, journaled) | | ${fmt(many.rssMb)} MB (idle: ${fmt(many.idleMb)} MB) |

## Hostile memory

The worst of issue 13's memory attacks at once, default limits (\`SIM_SANDBOX_MAX_BYTES\` 8 MiB,
\`SIM_MAX_BYTES\` 192 MiB), ${HOSTILE_WORKERS} clients for ${HOSTILE_S} s, each rotating to a fresh token every 12 requests:
1 MB bodies of 9 000 objects with 100-character strings, 1 MB bodies of 349 000 empty objects,
fault rules and seeded Grow orders of nearly 1 MB each, and states of 30 000 pending policies.

| measure | value |
| --- | ---: |
| requests | ${hostile.requests} |
| peak RSS | ${fmt(hostile.peak)} MB (target ≤ 512) |
| RSS every 5 s | ${hostile.samples
  .filter((_, i) => i % 5 === 4)
  .map((mb) => fmt(mb))
  .join(', ')} MB |
| retained bytes at the end (health) | ${fmt(hostile.health.memory.bytes / MB, 1)} of ${fmt(hostile.health.memory.limit / MB)} MB |
| sandboxes at the end, evicted (memory budget, sandbox limit) | ${hostile.health.sandboxes}, ${hostile.health.evictions.memory_budget} + ${hostile.health.evictions.sandbox_limit} |

Answers: ${Object.entries(hostile.answers)
  .map(([key, count]) => `\`${key}\` × ${count}`)
  .join(', ')}.

## Targets

| target | result |
| --- | --- |
${targets.map(([name, ok]) => `| ${name} | ${yes(ok)} |`).join('\n')}
`;
writeFileSync(new URL('RESULTS.md', import.meta.url), report);
console.log(`\n${report}`);
