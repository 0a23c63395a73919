import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { LongPolls } from './admin/long-poll.js';
import { adminPlugin } from './admin/plugin.js';
import { applyState } from './admin/routes/state.js';
import { adminDocs } from './admin/schemas.js';
import { loadStateFile } from './admin/state-file.js';
import type { Config } from './config.js';
import { errorHandlerFor } from './error-routing.js';
import { closeConnectionsWhenDraining } from './http/graceful-close.js';
import { type JournalSink, JournalWatchers } from './http/journal-hooks.js';
import { useJsonBodyParser } from './http/json-body.js';
import { logDestination, logEachRequestOnce, loggerOptions, requestId } from './http/logging.js';
import { OpenApiDocuments } from './http/openapi.js';
import { EgressPolicy } from './http/outbound/egress-policy.js';
import { createHttpSender, type HttpSender } from './http/outbound/http-post.js';
import { holdRequestBodies } from './http/request-bodies.js';
import { writeResponsesInBatches } from './http/response-batching.js';
import { schemaSerializerCompiler } from './http/serializer.js';
import { type Clock, systemClock } from './lib/clock.js';
import { createIds, type Ids } from './lib/ids.js';
import { seededSource } from './lib/random.js';
import { mask } from './lib/secrets.js';
import { PARTNERS } from './partners/index.js';
import type { AnyPartnerModule } from './partners/module.js';
import { Journal } from './sandbox/journal.js';
import { MemoryBudget } from './sandbox/memory-budget.js';
import { Sandboxes } from './sandbox/sandboxes.js';
import { encodeJournalRecord } from './sandbox/store/journal-codec.js';
import { RedisStore } from './sandbox/store/redis-store.js';
import type { SharedStore } from './sandbox/store/store.js';
import { SharedSandboxes } from './store/shared-sandboxes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every credential's sandbox; the control plane and tests read state through it. */
    sandboxes: Sandboxes<unknown>;
    /** The bytes every sandbox retains, against SIM_SANDBOX_MAX_BYTES and SIM_MAX_BYTES. */
    memoryBudget: MemoryBudget;
    /** The OpenAPI document of each API, generated from the route schemas. */
    openapi: OpenApiDocuments;
    /** The partners this app serves, and what their fixtures hold (`6 orders`, in each one's words). */
    partners: ReadonlyArray<{ module: AnyPartnerModule; seedSummary: string }>;
  }
}

/** How long a request waits for its sandbox while other requests on its token hold it. */
const SHARED_WAIT_MS = 10_000;

/** Everything the app takes from outside besides configuration; tests pass fixed ones. */
export interface Deps {
  clock: Clock;
  ids: Ids;
  /** The partners to serve (the registry by default; tests add one of their own). */
  partners: readonly AnyPartnerModule[];
  /** Seed data by partner name; a partner's is loaded from config.fixturesDir when absent. */
  seeds: Record<string, unknown>;
  /** How webhooks leave the simulator (node:http behind the egress policy by default). */
  webhookSender: HttpSender;
  /** Where log lines go: stdout by default; pretty lines for a terminal, or a test's stream. */
  log: { stream?: DestinationStream };
  /**
   * A shared store to keep sandboxes in, instead of SIM_STORE's: tests give several apps one
   * MemoryStore, as replicas share one Redis. The app does not close a store it was given.
   */
  store: SharedStore;
}

/** A ready app with every partner API and the control plane; it never listens (server.ts does). */
export async function buildApp(config: Config, deps: Partial<Deps> = {}): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? createIds();
  const partners = deps.partners ?? PARTNERS;
  const seeds: Record<string, unknown> = Object.fromEntries(
    partners.map((partner) => [
      partner.name,
      deps.seeds?.[partner.name] ?? partner.loadSeed(config.fixturesDir),
    ]),
  );
  // Checked before anything starts, so an unusable file stops start-up naming it.
  const saved =
    config.stateFile === undefined
      ? undefined
      : loadStateFile(config.stateFile, partners, config.sandboxMaxBytes);
  const startedAt = clock.now();
  const logStream = logDestination(deps.log ?? {});
  // Connected before anything else starts, so an unreachable Redis stops start-up in one line.
  const store =
    deps.store ??
    (config.store.kind === 'redis'
      ? await RedisStore.connect(config.store.url, config.store.prefix)
      : undefined);

  const app = Fastify({
    logger: loggerOptions(config, logStream),
    // Fastify's two lines per request give way to one (logEachRequestOnce).
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: requestId,
    // Long ids are an unknown order (the partner's 404), not a 414 from the router.
    // A trailing slash routes to the same endpoint, as Laravel routes it.
    routerOptions: { maxParamLength: 65_536, ignoreTrailingSlash: true },
    // Router-level failures (broken percent-encoding) in the envelope of the partner addressed.
    frameworkErrors: (error, request, reply) => errorHandlerFor(partners, request.url)(error, request, reply),
    // No socket waits forever: slow headers, a half-sent body, an idle keep-alive or any idle
    // socket is closed (the limits table in the README).
    requestTimeout: config.timeouts.requestMs,
    keepAliveTimeout: config.timeouts.keepAliveMs,
    connectionTimeout: config.timeouts.connectionMs,
    http: {
      headersTimeout: config.timeouts.headersMs,
      // How often Node looks for requests past those limits (its default is 30 s).
      connectionsCheckingInterval: Math.min(1000, config.timeouts.headersMs, config.timeouts.requestMs),
    },
  });
  app.server.maxConnections = config.maxConnections;
  logEachRequestOnce(app, logStream);
  closeConnectionsWhenDraining(app);
  writeResponsesInBatches(app);
  const budget = new MemoryBudget({ sandbox: config.sandboxMaxBytes, process: config.maxBytes });
  app.decorateRequest('sandbox', undefined);
  holdRequestBodies(app, budget);
  // One sender per app, so the concurrency bound holds across every sandbox.
  const webhookSender =
    deps.webhookSender ??
    createHttpSender({
      policy: new EgressPolicy({
        ...config.webhookEgress,
        self: () => {
          const a = app.server.address();
          return a && typeof a === 'object' ? { port: a.port } : undefined;
        },
      }),
      concurrency: config.webhookConcurrency,
    });
  const lent = {
    config,
    webhookSender,
    warn: (message: string, details: object) => app.log.warn(details, message),
  };
  let shared: SharedSandboxes | undefined;
  const sandboxes = new Sandboxes<unknown>({
    budget,
    // With a shared store, the replica holding a sandbox's lease runs its due work.
    timers: store === undefined,
    idleTtlMs: config.sandboxIdleTtlMs,
    onEvict: (token, reason) => app.log.info({ sandbox: mask(token), reason }, 'sandbox evicted'),
    max: config.maxSandboxes,
    tokens: config.tokens,
    clock,
    frozenAt: config.now,
    // With SIM_SEED each sandbox draws from its own stream, so other sandboxes cannot disturb it.
    idsFor: (token, generation) =>
      config.seed === undefined
        ? ids
        : createIds(
            seededSource(
              generation === 0
                ? `${config.seed}\u0000${token}`
                : `${config.seed}\u0000${token}\u0000${generation}`,
            ),
          ),
    journalSize: config.journalSize,
    onError: (error) => app.log.error({ err: error }, 'scheduled sandbox work failed'),
    // Each partner's records under its name, its extras beside them, in one object.
    // Each sandbox gets its own copy: a saved state's objects are never shared between sandboxes.
    initialize: saved && ((sandbox) => applyState(sandbox, partners, structuredClone(saved))),
    createStores: (parts) => {
      const stores: Record<string, unknown> = {};
      for (const partner of partners) {
        const records = partner.records.create(
          partner.recordsBase(seeds[partner.name]),
          parts.bytes,
          parts.revision,
        );
        stores[partner.name] = records;
        Object.assign(
          stores,
          partner.createExtras?.({ ...parts, records, shared }, lent, seeds[partner.name]),
        );
      }
      return stores;
    },
  });
  if (store !== undefined) {
    shared = new SharedSandboxes({
      store,
      sandboxes,
      partners,
      clock,
      replica: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      waitMs: SHARED_WAIT_MS,
      idleTtlMs: config.sandboxIdleTtlMs,
      onError: (message, error) => app.log.error({ err: error }, message),
    });
    sandboxes.shared = shared;
    const running = shared;
    app.addHook('onReady', async () => running.start());
    app.addHook('onClose', async () => {
      running.close();
      if (deps.store === undefined) await store.close();
    });
  }
  let journalSequence = 0;
  const journalLimits = {
    maxCount: config.journalSize,
    maxBytes: config.sandboxMaxBytes,
    idleTtlMs: config.sandboxIdleTtlMs,
  };
  const journal: JournalSink = {
    unattached: new Journal(config.journalSize, budget.account()),
    clock,
    nextId: () => String(++journalSequence),
    watchers: new JournalWatchers(),
    // With a shared store every replica's records of a sandbox go to one journal.
    share:
      store &&
      (async (record) => {
        if (record.token === undefined) return;
        await store
          .appendJournal(record.token, encodeJournalRecord(record), journalLimits)
          .catch((error: unknown) => app.log.warn({ err: error }, 'journal record not shared'));
      }),
  };
  const polls = new LongPolls();
  // Open waits answer first, so closing never waits out a held listing.
  app.addHook('preClose', async () => polls.closeAll());
  const documents = new OpenApiDocuments([...partners.map((partner) => partner.name), 'admin']);
  app.addHook('onClose', async () => documents.close());
  app.decorate('sandboxes', sandboxes);
  app.decorate('memoryBudget', budget);
  app.decorate('openapi', documents);
  app.decorate(
    'partners',
    partners.map((module) => ({ module, seedSummary: module.describeSeed(seeds[module.name]) })),
  );
  app.addHook('onClose', async () => sandboxes.dispose());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(schemaSerializerCompiler);
  useJsonBodyParser(app);

  for (const partner of partners) {
    const [documented, ...others] = partner.prefixes;
    // The other mounts first and the documented one last, as the document's route order expects.
    for (const prefix of [...others, documented]) {
      await app.register(partner.plugin, {
        prefix,
        sandboxes,
        journal,
        config,
        documents: prefix === documented ? documents : undefined,
      });
    }
    for (const host of partner.hosts ?? []) {
      await app.register(host.plugin, { prefix: host.prefix, sandboxes, journal, config, documents });
    }
  }
  await app.register(adminPlugin, {
    docs: adminDocs(),
    documents,
    sandboxes,
    journal,
    config,
    clock,
    startedAt,
    budget,
    partners,
    polls,
  });
  await app.ready();
  return app;
}
