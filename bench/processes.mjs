// What the bench scripts share about the processes they measure.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The Dockerfile's CMD arguments after `node`: the server is measured as the image runs it. */
export function imageArgs() {
  const line = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8')
    .split('\n')
    .find((text) => text.startsWith('CMD '));
  return JSON.parse(line.slice(4)).slice(1);
}

const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU time (user + system) a process has used so far, in µs, from /proc. */
export function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS) * 1e6;
}

/** A port of 127.0.0.1 nothing listens on right now. */
export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
