import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatMicros } from '../../lib/clock.js';
import { mask } from '../../lib/secrets.js';
import type { Field } from '../../sandbox/records.js';
import type { Sandbox } from '../../sandbox/sandboxes.js';
import { type StoredSandbox, StoreUnavailableError, TokenRevokedError } from '../../sandbox/store/store.js';
import type { AdminContext } from '../context.js';

/** With a shared store: sandboxes whose copies a listing brings up to date at once. */
const VIEWS_AT_ONCE = 32;

const SandboxSummarySchema = z.strictObject({
  token: z.string().describe('Masked: `****` and its last four characters for a token of 12 or more'),
  created_at: z.string(),
  last_used_at: z.string().describe('Real time of its last request'),
  in_flight: z.int().describe('Requests being served now'),
  clock: z.strictObject({ now: z.string(), frozen: z.boolean() }),
  requests: z.int().describe('Requests in its journal'),
  pending_work: z.int().describe('Work scheduled on its clock: policies, claim steps, retries, instalments'),
  bytes: z.int().describe('Bytes it retains, against SIM_SANDBOX_MAX_BYTES'),
  records: z
    .record(z.string(), z.record(z.string(), z.int()))
    .describe('Per partner, how many records each collection and list holds'),
});
const SandboxListSchema = z.strictObject({ sandboxes: z.array(SandboxSummarySchema) });

/**
 * Every live sandbox at a glance, most recently used first: what QA opens first (issue: the
 * dashboard) and what an operator checks on a shared instance. Tokens are masked: the listing
 * never gives a tenant's credential away.
 */
export const sandboxRoutes: FastifyPluginAsyncZod<AdminContext> = async (
  app,
  { sandboxes, partners, config },
) => {
  const counts = (sandbox: Sandbox<unknown>) =>
    Object.fromEntries(
      partners.map((partner) => {
        const records =
          (sandbox.stores as Record<string, Record<string, { size?: number }>>)[partner.name] ?? {};
        const fields: Record<string, Field> = partner.records.fields;
        const sized = Object.entries(fields)
          .filter(([, field]) => field.kind !== 'counter')
          .map(([name]) => [name, records[name]?.size ?? 0]);
        return [partner.name, Object.fromEntries(sized)];
      }),
    );

  app.get(
    '/__admin/sandboxes',
    {
      schema: {
        summary: 'The live sandboxes, most recently used first',
        response: { 200: SandboxListSchema },
      },
    },
    async () => {
      const summary = (sandbox: Sandbox<unknown>) => ({
        token: mask(sandbox.token),
        created_at: formatMicros(sandbox.createdAt),
        last_used_at: formatMicros(sandbox.lastUsedAt),
        in_flight: sandbox.inFlight,
        clock: { now: formatMicros(sandbox.clock.now()), frozen: sandbox.clock.frozen },
        requests: sandbox.journal.length,
        pending_work: sandbox.clock.pending,
        bytes: sandbox.bytes.used,
        records: counts(sandbox),
      });
      const shared = sandboxes.shared;
      if (shared === undefined) {
        return { sandboxes: [...sandboxes.all()].sort((a, b) => b.lastUsedAt - a.lastUsedAt).map(summary) };
      }
      // With a shared store, every replica lists the store's sandboxes, not the copies it holds:
      // times, journal and bytes are the store's; records and clock are each one's newest copy.
      let stored: StoredSandbox[];
      try {
        stored = await shared.store.sandboxes(config.maxSandboxes);
      } catch (error) {
        throw new StoreUnavailableError((error as Error).message);
      }
      // Each copy is brought up to date with one round trip (the document only when it changed),
      // VIEWS_AT_ONCE at a time rather than one after the other.
      const listed: Array<ReturnType<typeof summary>> = [];
      for (let start = 0; start < stored.length; start += VIEWS_AT_ONCE) {
        const batch = stored.slice(start, start + VIEWS_AT_ONCE);
        const copies = await Promise.all(
          batch.map((entry) =>
            shared.view(entry.token).catch((error: unknown) => {
              // Rotated away since the store was listed: no longer a sandbox.
              if (error instanceof TokenRevokedError) return undefined;
              throw error;
            }),
          ),
        );
        batch.forEach((entry, at) => {
          const sandbox = copies[at];
          if (sandbox === undefined) return;
          listed.push({
            ...summary(sandbox),
            created_at: formatMicros(entry.createdAt),
            last_used_at: formatMicros(entry.usedAt),
            requests: entry.requests,
            bytes: entry.bytes,
          });
        });
      }
      return { sandboxes: listed };
    },
  );
};
