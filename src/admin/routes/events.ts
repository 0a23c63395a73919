import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type JournalRecord, toEntry } from '../../sandbox/journal.js';
import { sandboxOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import { EventStreams, HEARTBEAT_MS, MAX_STREAMS, MAX_STREAMS_PER_SANDBOX } from '../event-streams.js';

const DESCRIPTION = `Server-sent events (text/event-stream) for the bearer token's sandbox, as they happen: \`request\` (a journal entry, as GET /__admin/requests lists it, its id as the event id) for each partner request recorded, and each partner's own changes (\`webhooks\`: the delivery log at a glance, newest first). A comment line every ${HEARTBEAT_MS / 1000} s keeps the stream alive; at most ${MAX_STREAMS_PER_SANDBOX} streams per sandbox and ${MAX_STREAMS} in all; every stream ends when the simulator closes.`;

/**
 * The live event stream the QA dashboard's traffic view listens to, instead of polling. It costs
 * nothing when nobody listens: it subscribes to the journal and the partners only while open.
 */
export const eventRoutes: FastifyPluginAsyncZod<AdminContext> = async (
  app,
  { sandboxes, journal, partners, clock, docs },
) => {
  const streams = new EventStreams();
  // Streams end first, so closing never waits on one.
  app.addHook('preClose', async () => streams.closeAll());

  app.get(
    '/__admin/events',
    {
      schema: {
        summary: 'Live events of the sandbox: its partner requests and webhook deliveries, as they happen',
        description: DESCRIPTION,
        response: {
          200: {
            description: 'The stream: `event: request` / `data: <journal entry JSON>`, …',
            content: { 'text/event-stream': { schema: z.string().describe('Server-sent events') } },
          },
          400: docs.error('No bearer token to pick the sandbox.'),
          429: docs.error('Too many event streams open at once.'),
          503: docs.error('The simulator is shutting down.'),
        },
      },
    },
    async (request, reply) => {
      const sandbox = sandboxOf(request, sandboxes);
      const token = sandbox.token;
      streams.open({
        key: token,
        raw: reply.raw,
        setTimer: (callback, ms) => clock.setTimer(callback, ms),
        subscribe: (send) => {
          let watched = sandbox;
          const watchPartners = () =>
            partners.flatMap((partner) =>
              partner.watchEvents ? [partner.watchEvents(watched, (event, data) => send(event, data))] : [],
            );
          let stops = watchPartners();
          const watcher = (record: JournalRecord) => {
            if (record.token !== token) return;
            // A reset replaced the sandbox: its first request moves the partners' watch onto the new one.
            const current = sandboxes.peek(token);
            if (current && current !== watched) {
              for (const stop of stops) stop();
              watched = current;
              stops = watchPartners();
            }
            send(
              'request',
              toEntry(record, (ms) => new Date(ms).toISOString()),
              record.id,
            );
          };
          const unwatch = journal.watchers.add(token, watcher);
          return () => {
            unwatch();
            for (const stop of stops) stop();
          };
        },
      });
      // The stream is written by hand from here on: Fastify sends nothing more.
      return reply.hijack();
    },
  );
};
