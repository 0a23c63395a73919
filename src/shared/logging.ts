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

/** pino JSON lines, or pretty lines for a terminal (pino-pretty). */
export function loggerOptions(
  config: Config,
  log: { pretty?: boolean; stream?: DestinationStream },
): FastifyServerOptions['logger'] {
  const base = { level: config.logLevel, redact: { paths: REDACTED, censor: '[redacted]' } };
  if (log.stream) return { ...base, stream: log.stream };
  if (log.pretty) {
    return {
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    };
  }
  return base;
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
