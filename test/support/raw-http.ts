import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/**
 * Sends bytes exactly as given (a request target fetch would normalise, a chunked body, a
 * half-sent request) and reads until the server closes; `Connection: close` is the caller's job.
 */
export async function rawRequest(
  url: string,
  bytes: string | Buffer,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(bytes);
  await closed(socket, timeoutMs);
  const text = Buffer.concat(chunks).toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  return { status, headers: head, body: end === -1 ? '' : text.slice(end + 4) };
}

/** Resolves when the socket closes; rejects after `timeoutMs`. */
export function closed(socket: Socket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the socket open past ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', () => {});
    // A socket nobody reads never reports its end.
    socket.resume();
  });
}

/** A chunked body's wire form, in chunks of `size` bytes. */
export function chunked(body: string, size = 16_384): string {
  let out = '';
  for (let i = 0; i < body.length; i += size) {
    const piece = body.slice(i, i + size);
    out += `${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`;
  }
  return `${out}0\r\n\r\n`;
}

/** Peak resident memory (VmHWM) and CPU time (ms) of a process, from /proc. */
export function processFigures(pid: number): { peakRssBytes: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { peakRssBytes: peakKb * 1024, cpuMs: ticks * 10 };
}
