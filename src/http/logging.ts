import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { type DestinationStream, destination } from 'pino';
import type { Config } from '../config.js';
import { CREDENTIAL_HEADERS, redactUrl } from '../lib/secrets.js';
import { RequestLog } from './request-log.js';

/** Credentials never reach a log line, whatever a future log call includes. */
const REDACTED = [...CREDENTIAL_HEADERS].flatMap((name) => [`req.headers["${name}"]`, `headers["${name}"]`]);

/** Log output that may wait for a slow or stalled reader of stdout; past it, lines are dropped. */
export const LOG_BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * Where log lines go: the given stream (pretty lines, or a test's), else stdout as pino writes it.
 * A harness that pipes stdout and never reads it must not make the simulator's memory rise nor
 * stall its requests: lines wait up to LOG_BACKLOG_BYTES, then are dropped, and stderr says so
 * once.
 */
export function logDestination(log: { stream?: DestinationStream }): DestinationStream {
  if (log.stream) return log.stream;
  const stdout = destination({ dest: 1, sync: false, maxLength: LOG_BACKLOG_BYTES });
  stdout.once('drop', () => {
    process.stderr.write(
      `partner-sim: stdout is not being read; log lines are dropped while ${LOG_BACKLOG_BYTES / 2 ** 20} MB wait.\n`,
    );
  });
  return stdout;
}

/** pino JSON lines to the destination. */
export function loggerOptions(config: Config, stream: DestinationStream): FastifyServerOptions['logger'] {
  return { level: config.logLevel, redact: { paths: REDACTED, censor: '[redacted]' }, stream };
}

/** Pretty lines for a terminal: pino-pretty as an in-process stream, loaded only when wanted. */
export async function prettyStream(): Promise<DestinationStream> {
  const { default: pretty } = await import('pino-pretty');
  return pretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}

/** An incoming X-Request-Id when it is a sane token, else a fresh uuid. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:@/+=-]{1,128}$/.test(given) ? given : randomUUID();
}

const LEVELS_WITH_INFO = new Set(['trace', 'debug', 'info']);

/** One log line per request, with its id, which every response echoes in X-Request-Id. */
export function logEachRequestOnce(app: FastifyInstance, stream: DestinationStream): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  if (!LEVELS_WITH_INFO.has(app.log.level)) return;
  const lines = new RequestLog(stream);
  app.addHook('onResponse', (request, reply, done) => {
    lines.add({
      reqId: request.id,
      method: request.method,
      url: loggedUrl(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    });
    done();
  });
  app.addHook('onClose', (_app, done) => {
    lines.flush();
    done();
  });
}

/** A URL as a log line shows it: credential query values redacted, at most 300 characters. */
function loggedUrl(url: string): string {
  const redacted = url.includes('?') ? redactUrl(url) : url;
  return redacted.length > 300 ? `${redacted.slice(0, 300)}…` : redacted;
}
