import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { LongPolls } from '../admin/long-poll.js';
import type { AdminDocs } from '../admin/schemas.js';
import type { Config } from '../config.js';
import type { JournalSink } from '../http/journal-hooks.js';
import type { OpenApiDocuments } from '../http/openapi.js';
import type { HttpSender } from '../http/outbound/http-post.js';
import type { Ids } from '../lib/ids.js';
import type { ByteAccount } from '../sandbox/memory-budget.js';
import type { Fields, RecordsBase, RecordsDeclaration, RecordsOf } from '../sandbox/records.js';
import type { Revision } from '../sandbox/revision.js';
import type { SandboxClock } from '../sandbox/sandbox-clock.js';
import type { SharedWork } from '../sandbox/sandbox-work.js';
import type { Sandbox, SandboxDirectory, Sandboxes } from '../sandbox/sandboxes.js';

export type ErrorHandler = (error: Error, request: FastifyRequest, reply: FastifyReply) => unknown;

/** What a partner's plugin is given at each of its mounts. */
export interface PartnerPluginOptions {
  sandboxes: SandboxDirectory;
  journal: JournalSink;
  config: Config;
  /** Given to the first mount only, so the partner's document lists each route once. */
  documents?: OpenApiDocuments | undefined;
}

/** What a partner's control-plane routes are given: every sandbox, to find the one addressed. */
export interface PartnerAdminOptions {
  sandboxes: Sandboxes<unknown>;
  /** The control plane document's builders: `docs.error(description)` for an error response. */
  docs: AdminDocs;
  config: Config;
  /** Listings held open until a match exists (`wait_ms`), bounded per sandbox. */
  polls: LongPolls;
}

/** The parts of a new sandbox a partner's stores are built from. */
export interface SandboxParts {
  token: string;
  clock: SandboxClock;
  ids: Ids;
  bytes: ByteAccount;
  /** Counted on by what changes the sandbox outside its records (webhook deliveries). */
  revision: Revision;
  /** With a shared store (SIM_STORE=redis://…): how late work reaches the sandbox. */
  shared?: SharedWork | undefined;
}

/** What the app lends every partner's stores: settings, the one webhook sender, the logger. */
export interface AppParts {
  config: Config;
  webhookSender: HttpSender;
  warn: (message: string, details: object) => void;
}

/**
 * Everything the rest of the simulator needs of a partner: nothing outside a partner's folder
 * names one, so a new partner or resource is added in its own folder and listed in index.ts.
 *
 * A sandbox holds a partner's records under the partner's name (`stores.<name>.orders`), and
 * its extras beside them under keys of their own (a webhook dispatcher).
 */
export interface PartnerModule<
  Seed = unknown,
  F extends Fields = Fields,
  Extras extends object = object,
  /** The sandbox's stores as this partner's code sees them (its records and extras). */
  Stores = unknown,
> {
  /** Its name on the wire of the control plane (journal, faults, state, OpenAPI document). */
  readonly name: string;
  /** Where its API is mounted; the first mount carries its OpenAPI document. */
  readonly prefixes: readonly string[];
  /** Parses its fixtures under `<fixturesDir>/<name>/`, once at start-up. */
  loadSeed(fixturesDir: string): Seed;
  /** For the start-up line: what its fixtures hold, as `6 orders` in its own words. */
  describeSeed(seed: Seed): string;
  /**
   * What a sandbox holds of it, field by field (collections, lists, counters): the simulator builds
   * each sandbox's records, their byte accounting, and their part of the saved state from this.
   */
  readonly records: RecordsDeclaration<F>;
  /** What every sandbox's records start from: the seed's collections, the counters' first values. */
  recordsBase(seed: Seed): RecordsBase<F>;
  /** What else a sandbox holds of it (a webhook dispatcher); keys must not clash. */
  createExtras?(sandbox: SandboxParts & { records: RecordsOf<F> }, app: AppParts, seed: Seed): Extras;
  /** Settings saved beside its records in the state document (where webhooks go). */
  readonly settings?: PartnerSettings<Sandbox<Stores>>;
  /** After a state load: schedules the work its loaded records still hold (policies owed). */
  afterRestore?(sandbox: Sandbox<Stores>): void;
  /**
   * What a shared store keeps of it beyond the state document (webhook deliveries under way):
   * saved with every change, put back before afterRestore.
   */
  readonly work?: {
    snapshot(sandbox: Sandbox<Stores>): unknown;
    restore(sandbox: Sandbox<Stores>, saved: unknown): void;
  };
  /** Its API, registered at each prefix. */
  readonly plugin: FastifyPluginAsync<PartnerPluginOptions>;
  /**
   * Its other APIs, which the partner serves from hosts of their own (a claims service):
   * each mounted at a prefix of its own, with the same sandboxes, its routes in the partner's document.
   */
  readonly hosts?: readonly PartnerHost[];
  /** Its envelope for failures the router meets before any plugin sees the request. */
  readonly errorHandler: ErrorHandler;
  /** Its control-plane routes (seeding, patching, outboxes), registered in the control plane. */
  readonly adminRoutes?: FastifyPluginAsync<PartnerAdminOptions>;
  /** The resource a request names (an order number, an id), for fault rules' `order` matcher. */
  resourceOf(request: FastifyRequest): string | undefined;
  /**
   * Its part of the QA dashboard (/__admin/ui): the text of a browser ES module whose default
   * export renders its records and actions (see src/admin/ui/app-script.ts for the contract).
   * Loaded on the first request for it, never at start-up.
   */
  readonly dashboard?: () => Promise<string>;
  /**
   * The work its records hold for the sandbox clock, each with its due time (a policy owed, a
   * claim's next step, a webhook retry): the clock view lists it (GET /__admin/clock/pending).
   */
  pendingWork?(sandbox: Sandbox<Stores>): PendingWork[];
  /**
   * Changes of its own the live event stream (GET /__admin/events) tells of, beside journal
   * records (webhook deliveries): subscribed only while a stream on the sandbox is open.
   */
  watchEvents?(sandbox: Sandbox<Stores>, emit: (event: string, data: unknown) => void): () => void;
  /**
   * How its scenarios in the built-in library (fixtures/scenarios/) are made: each driven through
   * the real simulator by `npm run scenarios`. Loaded by that tool only.
   */
  readonly scenarioRecipes?: () => Promise<Record<string, ScenarioRecipe>>;
}

/** Work a partner's records hold for the sandbox clock. */
export interface PendingWork {
  /** What runs, in a few words: `policy issuance`, `webhook retry`. */
  kind: string;
  /** Which record it is for: `order 2`, `wh_3 policy.created`. */
  subject: string;
  /** When it runs, on the sandbox clock (microsecond ISO, as the records spell it). */
  due_at: string;
}

/** One library scenario: what it is for, in one line, and the calls that bring a fresh sandbox there. */
export interface ScenarioRecipe {
  description: string;
  drive(call: ScenarioCall): Promise<void>;
}

/** A partner or control-plane call on the sandbox being built; its JSON answer, or a throw past 399. */
export type ScenarioCall = (method: string, url: string, payload?: unknown) => Promise<unknown>;

/** An API of a partner on a host of its own, mounted here at `prefix`. */
export interface PartnerHost {
  /** What the start-up line calls it (`claims`). */
  readonly label: string;
  readonly prefix: string;
  readonly plugin: FastifyPluginAsync<PartnerPluginOptions>;
}

/** Settings a partner saves beside its records: their schema's fields, and how they are saved. */
export interface PartnerSettings<S> {
  readonly shape: z.ZodRawShape;
  snapshot(sandbox: S): Record<string, unknown>;
  /** Applies the saved settings (the whole partner part of the state is given). */
  restore(sandbox: S, saved: Record<string, unknown>): void;
}

/** A module of any seed, records and extras, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds modules of different types.
export type AnyPartnerModule = PartnerModule<any, any, any, any>;
