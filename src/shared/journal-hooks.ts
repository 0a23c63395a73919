import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from './clock.js';
import type { Journal } from './journal.js';
import type { SandboxDirectory } from './sandboxes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as the client sent it, before validation strips unknown keys. */
    journalBody: unknown;
    /** The response body as sent: text, or the cached bytes of a stored value. */
    journalResponse: string | Buffer | undefined;
  }
}

/** Bodies larger than this are journaled as a note, so a ring of big requests stays small. */
const MAX_JOURNALED_BODY = 16 * 1024;

/** What every partner's journaling shares. */
export interface JournalSink {
  /** Where requests without a sandbox go (401s, unknown routes). */
  unattached: Journal;
  /** Real time (not a sandbox's), for `since` filters. */
  clock: Clock;
  nextId: () => string;
}

/** Records every request of this plugin in its sandbox's journal, after the response is sent. */
export function journalRequests(
  app: FastifyInstance,
  partner: string,
  sandboxes: SandboxDirectory,
  sink: JournalSink,
): void {
  if (!app.hasRequestDecorator('journalBody')) {
    app.decorateRequest('journalBody', undefined);
    app.decorateRequest('journalResponse', undefined);
  }
  // Callback hooks, not async ones: this runs on every partner request.
  app.addHook('preValidation', (request, _reply, done) => {
    request.journalBody = request.body;
    done();
  });
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) request.journalResponse = payload;
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const token = request.sandboxToken || undefined;
    const journal = (token && sandboxes.peek(token)?.journal) || sink.unattached;
    journal.add({
      id: sink.nextId(),
      at: sink.clock.now(),
      token,
      partner,
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: journaledBody(request),
      status: reply.statusCode,
      response: request.journalResponse,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
    });
    done();
  });
}

function journaledBody(request: FastifyRequest): unknown {
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > MAX_JOURNALED_BODY) return `(body of ${length} bytes not kept)`;
  return request.journalBody ?? null;
}
