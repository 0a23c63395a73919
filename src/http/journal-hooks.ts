import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../lib/clock.js';
import { type Journal, type JournalRecord, keepBody } from '../sandbox/journal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The response body as sent: text, or the cached bytes of a stored value. */
    journalResponse: string | Buffer | undefined;
  }
}

type Watcher = (record: JournalRecord) => void;

/**
 * Who is told of each record, by the token they watch (a wait or a stream on one sandbox), or of
 * every record: a request wakes only its own sandbox's watchers, so thousands of waits open on
 * other sandboxes cost it nothing.
 */
export class JournalWatchers {
  readonly #byToken = new Map<string, Set<Watcher>>();
  readonly #everything = new Set<Watcher>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Watches one token's records, or every record (undefined); answers how to stop. */
  add(token: string | undefined, watcher: Watcher): () => void {
    const set = token === undefined ? this.#everything : (this.#byToken.get(token) ?? new Set<Watcher>());
    if (token !== undefined) this.#byToken.set(token, set);
    set.add(watcher);
    this.#size++;
    return () => {
      if (!set.delete(watcher)) return;
      this.#size--;
      if (token !== undefined && set.size === 0) this.#byToken.delete(token);
    };
  }

  notify(record: JournalRecord): void {
    if (record.token !== undefined)
      for (const watcher of this.#byToken.get(record.token) ?? []) watcher(record);
    for (const watcher of this.#everything) watcher(record);
  }
}

/** What every partner's journaling shares. */
export interface JournalSink {
  /** Where requests without a sandbox go (401s, unknown routes). */
  unattached: Journal;
  /** Real time (not a sandbox's), for `since` filters. */
  clock: Clock;
  nextId: () => string;
  /** Told of each record as it is kept: the control plane's waits (empty unless one is open). */
  watchers: JournalWatchers;
  /** With a shared store: hands each record of a sandbox to the store's journal. */
  share?: ((record: JournalRecord) => Promise<void>) | undefined;
}

/**
 * Records every request of this plugin, after the response is sent, in the journal of the sandbox
 * it was served by: a request that outlived a reset of its sandbox lands in the dropped one.
 */
export function journalRequests(app: FastifyInstance, partner: string, sink: JournalSink): void {
  if (!app.hasRequestDecorator('journalResponse')) app.decorateRequest('journalResponse', undefined);
  // Callback hooks, not async ones: this runs on every partner request.
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) request.journalResponse = payload;
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const journal = request.sandbox?.journal ?? sink.unattached;
    const record = recordOf(request, reply, partner, sink);
    journal.add(record);
    if (sink.watchers.size > 0) sink.watchers.notify(record);
    done();
  });
}

function recordOf(
  request: FastifyRequest,
  reply: FastifyReply,
  partner: string,
  sink: JournalSink,
): JournalRecord {
  return {
    id: sink.nextId(),
    at: sink.clock.now(),
    token: request.sandboxToken || undefined,
    partner,
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: keptRequestBody(request),
    status: reply.statusCode,
    response: keepBody(request.journalResponse),
    durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
  };
}

/**
 * With a shared store, a sandbox's record is in the store's journal before the answer leaves
 * (after its change is committed), so a client that asks any replica right after its answer
 * finds it. Registered after the commit hook (requireSandboxToken): a commit the store refused
 * is journaled as the 503 it became.
 */
export function shareJournalBeforeAnswering(app: FastifyInstance, partner: string, sink: JournalSink): void {
  const share = sink.share;
  if (share === undefined) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.sandboxToken) return payload;
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) request.journalResponse = payload;
    await share(recordOf(request, reply, partner, sink));
    return payload;
  });
}

function keptRequestBody(request: FastifyRequest) {
  if (request.receivedBody !== undefined) return keepBody(request.receivedBody);
  return typeof request.body === 'string' ? keepBody(request.body) : undefined;
}
