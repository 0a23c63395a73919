import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../config.js';

/** Credentials never reach a log line, whatever a future log call includes. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers["x-admin-token"]',
  'headers.authorization',
  'headers["x-admin-token"]',
];

/** pino JSON lines to stdout, or to the given stream (pretty lines, or a test's). */
export function loggerOptions(
  config: Config,
  log: { stream?: DestinationStream },
): FastifyServerOptions['logger'] {
  const base = { level: config.logLevel, redact: { paths: REDACTED, censor: '[redacted]' } };
  return log.stream ? { ...base, stream: log.stream } : base;
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

/** One log line per request, with its id, which every response echoes in X-Request-Id. */
export function logEachRequestOnce(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.length > 300 ? `${request.url.slice(0, 300)}…` : request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
    done();
  });
}
