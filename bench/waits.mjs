// npm run bench:waits: what held-open listings (wait_ms) cost the simulator while they wait: its
// memory and CPU with none and with WAITS (2000) open, 50 per sandbox (the cap is 64), and the speed of a
// partner route beside them. Prints a table; not part of npm test.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuMicros, freePort, imageArgs } from './processes.mjs';
import { HEADERS, ROUTES } from './routes.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WAITS = Number(process.env.WAITS ?? 2000);
const PER_SANDBOX = 50;
const ROUTE = ROUTES[2];
const command = imageArgs();
const rssMb = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const port = await freePort();
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
