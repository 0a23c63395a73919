import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { globMatches, MAX_PATTERN_LENGTH } from '../../lib/glob.js';
import { partialMatch } from '../../lib/merge-patch.js';
import { type JournalRecord, pathOf, shownBody, toEntry } from '../../sandbox/journal.js';
import { tokenOf } from '../addressing.js';
import type { AdminContext } from '../context.js';
import { waitQuery } from '../long-poll.js';

const method = z.string().transform((value) => value.toUpperCase());

const JournalEntrySchema = z.strictObject({
  id: z.string(),
  time: z.string(),
  sandbox: z.string().nullable(),
  partner: z.string(),
  method: z.string(),
  path: z.string(),
  query: z.record(z.string(), z.unknown()),
  headers: z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional()),
  body: z.unknown(),
  status: z.int(),
  response_body: z.unknown(),
  duration_ms: z.number(),
});

const matcherSchema = (partner: z.ZodEnum) =>
  z.strictObject({
    partner: partner.optional(),
    method: method.optional(),
    path: z.string().max(MAX_PATTERN_LENGTH).optional().describe('Exact path, or with * wildcards'),
    status: z.int().optional(),
    body: z.unknown().optional().describe('Partial match: every key given must be present with that value'),
  });
type Matcher = z.infer<ReturnType<typeof matcherSchema>>;

function matches(record: JournalRecord, matcher: Matcher & { since?: number }): boolean {
  return (
    (matcher.partner === undefined || record.partner === matcher.partner) &&
    (matcher.method === undefined || record.method === matcher.method) &&
    (matcher.path === undefined || globMatches(matcher.path, pathOf(record))) &&
    (matcher.status === undefined || record.status === matcher.status) &&
    (matcher.since === undefined || record.at >= matcher.since) &&
    (matcher.body === undefined || partialMatch(matcher.body, shownBody(record.body)))
  );
}

/** The request journal: every partner request, newest first, per sandbox or across all of them. */
export const requestRoutes: FastifyPluginAsyncZod<AdminContext> = async (
  app,
  { sandboxes, journal, partners, docs, polls },
) => {
  const partner = z.enum(partners.map((module) => module.name) as [string, ...string[]]);
  const MatcherSchema = matcherSchema(partner);
  /** The token's sandbox journal and its unattached requests, or everything. */
  const recordsFor = (token: string | undefined): JournalRecord[] => {
    const unattached = journal.unattached.newestFirst();
    if (token !== undefined) {
      const own = sandboxes.peek(token)?.journal.newestFirst() ?? [];
      return merge([own, unattached.filter((record) => record.token === token)]);
    }
    return merge([...[...sandboxes.all()].map((sandbox) => sandbox.journal.newestFirst()), unattached]);
  };

  app.get(
    '/__admin/requests',
    {
      schema: {
        summary: 'Recorded partner requests, newest first',
        querystring: z.strictObject({
          partner: partner.optional(),
          method: method.optional(),
          path: z.string().max(MAX_PATTERN_LENGTH).optional().describe('Exact path, or with * wildcards'),
          status: z.coerce.number().int().optional(),
          since: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(100_000).default(100),
          ...waitQuery,
        }),
        response: {
          200: z.strictObject({ requests: z.array(JournalEntrySchema) }),
          400: docs.error('Invalid filter.'),
          429: docs.error('Too many waits open on this sandbox at once.'),
        },
      },
    },
    async (request, reply) => {
      const { limit, since, wait_ms, min_count, ...filters } = request.query;
      const token = tokenOf(request, sandboxes);
      const matcher = { ...filters, since: since === undefined ? undefined : Date.parse(since) };
      const select = () => recordsFor(token).filter((record) => matches(record, matcher));
      let found = select();
      if (wait_ms !== undefined && found.length < min_count) {
        // Each new record is checked alone against the matcher: a wait costs one match per request.
        let matched = found.length;
        const shared = sandboxes.shared;
        await polls.until({
          key: token ?? '*',
          waitMs: wait_ms,
          reply,
          subscribe: (wake) => {
            const watcher = (record: JournalRecord) => {
              if (token !== undefined && record.token !== token) return;
              if (matches(record, matcher) && ++matched >= min_count) wake();
            };
            return journal.watchers.add(token, watcher);
          },
          // With a shared store, other replicas' records arrive by reading the store's journal.
          ready: () => select().length >= min_count,
          refresh: shared && token !== undefined ? () => shared.loadJournal(token) : undefined,
        });
        found = select();
      }
      return {
        requests: found.slice(0, limit).map((record) => toEntry(record, (ms) => new Date(ms).toISOString())),
      };
    },
  );

  app.post(
    '/__admin/requests/count',
    {
      schema: {
        summary: 'Count recorded partner requests matching a matcher',
        body: MatcherSchema,
        response: { 200: z.strictObject({ count: z.int() }), 400: docs.error('Invalid matcher.') },
      },
    },
    async (request) => ({
      count: recordsFor(tokenOf(request, sandboxes)).filter((record) => matches(record, request.body)).length,
    }),
  );

  app.delete(
    '/__admin/requests',
    {
      schema: {
        summary: "Forget the sandbox's recorded requests (or all)",
        response: {
          204: z.undefined().describe('Cleared.'),
          400: docs.error('Malformed Authorization header.'),
        },
      },
    },
    async (request, reply) => {
      const token = tokenOf(request, sandboxes);
      if (token === undefined) {
        for (const sandbox of sandboxes.all()) sandbox.journal.clear();
        journal.unattached.clear();
      } else {
        sandboxes.peek(token)?.journal.clear();
      }
      return reply.code(204).send();
    },
  );
};

/** Newest first across several newest-first lists (journal ids increase with time). */
function merge(lists: JournalRecord[][]): JournalRecord[] {
  return lists.flat().sort((a, b) => Number(b.id) - Number(a.id));
}
