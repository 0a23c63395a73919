import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { adminPlugin } from './admin/plugin.js';
import type { Config } from './config.js';
import { errorHandlerFor } from './error-routing.js';
import { closeConnectionsWhenDraining } from './http/graceful-close.js';
import type { JournalSink } from './http/journal-hooks.js';
import { useJsonBodyParser } from './http/json-body.js';
import { logDestination, logEachRequestOnce, loggerOptions, requestId } from './http/logging.js';
import { OpenApiDocuments } from './http/openapi.js';
import { EgressPolicy } from './http/outbound/egress-policy.js';
import { createHttpSender } from './http/outbound/http-post.js';
import { holdRequestBodies } from './http/request-bodies.js';
import { writeResponsesInBatches } from './http/response-batching.js';
import { schemaSerializerCompiler } from './http/serializer.js';
import { type Clock, systemClock } from './lib/clock.js';
import { createIds, type Ids } from './lib/ids.js';
import { seededSource } from './lib/random.js';
import { mask } from './lib/secrets.js';
import { loadBattlefaceSeed } from './partners/battleface/fixtures.js';
import { battlefacePlugin } from './partners/battleface/plugin.js';
import { type BattlefaceSeed, BattlefaceStore } from './partners/battleface/store.js';
import { loadGrowSeed } from './partners/grow/fixtures.js';
import { growPlugin } from './partners/grow/plugin.js';
import { type GrowSeed, GrowStore } from './partners/grow/store.js';
import { GrowWebhooks } from './partners/grow/webhooks/dispatcher.js';
import type { WebhookSender } from './partners/grow/webhooks/wire.js';
import { Journal } from './sandbox/journal.js';
import { MemoryBudget } from './sandbox/memory-budget.js';
import { Sandboxes } from './sandbox/sandboxes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every credential's sandbox; the control plane and tests read state through it. */
    sandboxes: Sandboxes<Stores>;
    /** The bytes every sandbox retains, against SIM_SANDBOX_MAX_BYTES and SIM_MAX_BYTES. */
    memoryBudget: MemoryBudget;
    /** The OpenAPI document of each API, generated from the route schemas. */
    openapi: OpenApiDocuments;
    /** How many orders the fixtures hold, per partner. */
    fixtureCounts: { battleface: number; grow: number };
  }
}

/** Everything the app takes from outside besides configuration; tests pass fixed ones. */
export interface Deps {
  clock: Clock;
  ids: Ids;
  /** Seed data; loaded from config.fixturesDir when absent. */
  seeds: Seeds;
  /** How Grow webhooks leave the simulator (node:http behind the egress policy by default). */
  webhookSender: WebhookSender;
  /**
   * `collect`: this app builds the OpenAPI documents and serves /docs itself. Default `lazy`: it
   * starts without them and builds a documents app on the first request that needs one.
   */
  documents: 'collect' | 'lazy';
  /** Where log lines go: stdout by default; pretty lines for a terminal, or a test's stream. */
  log: { stream?: DestinationStream };
}

export interface Seeds {
  battleface: BattlefaceSeed;
  grow: GrowSeed;
}

export interface Stores {
  battleface: BattlefaceStore;
  grow: GrowStore;
  growWebhooks: GrowWebhooks;
}

export function loadSeeds(fixturesDir: string): Seeds {
  return { battleface: loadBattlefaceSeed(fixturesDir), grow: loadGrowSeed(fixturesDir) };
}

/** A ready app with both partner APIs and the control plane; it never listens (server.ts does). */
export async function buildApp(config: Config, deps: Partial<Deps> = {}): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? createIds();
  const seeds = deps.seeds ?? loadSeeds(config.fixturesDir);
  const startedAt = clock.now();
  const logStream = logDestination(deps.log ?? {});

  const app = Fastify({
    logger: loggerOptions(config, logStream),
    // Fastify's two lines per request give way to one (logEachRequestOnce).
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: requestId,
    // Long ids are an unknown order (the partner's 404), not a 414 from the router.
    routerOptions: { maxParamLength: 65_536 },
    // Router-level failures (broken percent-encoding) in the envelope of the partner addressed.
    frameworkErrors: (error, request, reply) => errorHandlerFor(request.url)(error, request, reply),
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
  const sandboxes = new Sandboxes<Stores>({
    budget,
    idleTtlMs: config.sandboxIdleTtlMs,
    onEvict: (token, reason) => app.log.info({ sandbox: mask(token), reason }, 'sandbox evicted'),
    max: config.maxSandboxes,
    tokens: config.tokens,
    clock,
    frozenAt: config.now,
    // With SIM_SEED each sandbox draws from its own stream, so other sandboxes cannot disturb it.
    idsFor: (token) =>
      config.seed === undefined ? ids : createIds(seededSource(`${config.seed}\u0000${token}`)),
    journalSize: config.journalSize,
    onError: (error) => app.log.error({ err: error }, 'scheduled sandbox work failed'),
    createStores: ({ clock: sandboxClock, bytes }) => ({
      battleface: new BattlefaceStore(seeds.battleface, bytes),
      grow: new GrowStore(seeds.grow, bytes),
      growWebhooks: new GrowWebhooks({
        settings: { ...config.growWebhook, deliverTwice: false },
        clock: sandboxClock,
        bytes,
        sender: webhookSender,
        warn: (message, details) => app.log.warn(details, message),
      }),
    }),
  });
  let journalSequence = 0;
  const journal: JournalSink = {
    unattached: new Journal(config.journalSize, budget.account()),
    clock,
    nextId: () => String(++journalSequence),
  };
  const documents =
    deps.documents === 'collect'
      ? new OpenApiDocuments()
      : new OpenApiDocuments(() =>
          buildApp({ ...config, logLevel: 'silent' }, { clock, ids, seeds, documents: 'collect' }),
        );
  app.addHook('onClose', async () => documents.close());
  app.decorate('sandboxes', sandboxes);
  app.decorate('memoryBudget', budget);
  app.decorate('openapi', documents);
  app.decorate('fixtureCounts', { battleface: seeds.battleface.orders.size, grow: seeds.grow.orders.size });
  app.addHook('onClose', async () => sandboxes.dispose());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(schemaSerializerCompiler);
  useJsonBodyParser(app);

  await app.register(battlefacePlugin, { prefix: '/api/partner', sandboxes, journal, documents });
  const grow = { sandboxes, journal, policyDelayMs: config.growPolicyDelayMs };
  await app.register(growPlugin, { prefix: '/api/v1', ...grow });
  await app.register(growPlugin, { prefix: '/v1', ...grow, documents });
  await app.register(adminPlugin, { documents, sandboxes, journal, config, clock, startedAt, budget });
  await app.ready();
  return app;
}
