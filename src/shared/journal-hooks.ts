import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from './clock.js';
import { type Journal, maskHeaders } from './journal.js';
import type { SandboxDirectory } from './sandboxes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as the client sent it, before validation strips unknown keys. */
    journalBody: unknown;
    /** The response text as sent. */
    journalResponse: string | undefined;
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
  app.addHook('preValidation', async (request) => {
    request.journalBody = request.body;
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (typeof payload === 'string') request.journalResponse = payload;
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const token = request.sandboxToken || undefined;
    const journal = (token && sandboxes.peek(token)?.journal) || sink.unattached;
    const [path, query = ''] = request.url.split('?', 2);
    journal.add({
      id: sink.nextId(),
      at: sink.clock.now(),
      token,
      partner,
      method: request.method,
      path: path ?? request.url,
      query: Object.fromEntries(new URLSearchParams(query)),
      headers: maskHeaders(request.headers),
      body: journaledBody(request),
      status: reply.statusCode,
      responseText: request.journalResponse,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
    });
  });
}

function journaledBody(request: FastifyRequest): unknown {
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > MAX_JOURNALED_BODY) return `(body of ${length} bytes not kept)`;
  return request.journalBody ?? null;
}
