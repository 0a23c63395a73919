// npm run bench:waits: what held-open listings (wait_ms) cost the simulator while they wait: its
// memory and CPU with 0 and with 2000 waits open (64 per sandbox, the cap), and the speed of a
// partner route beside them. Prints a table; not part of npm test.
import { execSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { HEADERS, ROUTES } from './routes.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WAITS = Number(process.env.WAITS ?? 2000);
const PER_SANDBOX = 50;
const ROUTE = ROUTES[2];
const command = JSON.parse(
  readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8')
    .split('\n')
    .find((line) => line.startsWith('CMD '))
    .slice(4),
).slice(1);
const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
const cpuMicros = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS) * 1e6;
};
const rssMb = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const child = spawn(process.execPath, command, {
  cwd: ROOT,
  env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
  stdio: 'ignore',
});
const url = `http://127.0.0.1:${port}`;
for (;;) {
  try {
    if ((await fetch(`${url}/__admin/health`)).ok) break;
  } catch {}
  await sleep(5);
}

const load = () =>
  new Promise((resolve, reject) =>
    autocannon(
      { url: `${url}${ROUTE.path}`, method: ROUTE.method, headers: HEADERS, connections: 50, duration: 5 },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );

async function idleCost(label) {
  await sleep(1000);
  const cpu = cpuMicros(child.pid);
  await sleep(5000);
  const idleCpuPct = ((cpuMicros(child.pid) - cpu) / 5e6) * 100;
  const result = await load();
  return { label, rss: rssMb(child.pid), idleCpuPct, rps: result.requests.average, p99: result.latency.p99 };
}

await load();
const rows = [await idleCost('no waits open')];
// Each wait: a journal listing held for 60 s (the cap is 30 s: it ends at 30 s) on a path no request takes.
const agents = [];
for (let i = 0; i < WAITS; i++) {
  const token = `waiter-${Math.floor(i / PER_SANDBOX)}`;
  const held = request(`${url}/__admin/requests?path=/never&wait_ms=30000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  held.on('error', () => {});
  held.end();
  agents.push(held);
}
await sleep(1000);
rows.push(await idleCost(`${WAITS} waits open (${PER_SANDBOX} per sandbox)`));
for (const held of agents) held.destroy();
child.kill('SIGKILL');

console.log('| | RSS MB | CPU while idle | GET battleface order req/s | p99 ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.label} | ${row.rss.toFixed(0)} | ${row.idleCpuPct.toFixed(1)} % | ${row.rps.toFixed(0)} | ${row.p99} |`,
  );
}
