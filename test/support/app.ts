import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import { buildApp, type Deps } from '../../src/app.js';
import { type Config, GROW_RETRY_SCHEDULES, loadConfig } from '../../src/config.js';
import { battlefaceSeed } from '../../src/partners/battleface/fixtures.js';
import type { BattlefaceStores } from '../../src/partners/battleface/records.js';
import type { ClaimForm } from '../../src/partners/battleface/schemas/claims.js';
import type { Order } from '../../src/partners/battleface/schemas/orders.js';
import type { Product } from '../../src/partners/battleface/schemas/products.js';
import { growSeed } from '../../src/partners/grow/fixtures.js';
import type { GrowStores } from '../../src/partners/grow/records.js';
import type { StoredCustomer } from '../../src/partners/grow/schemas/customers.js';
import type { Order as GrowOrder } from '../../src/partners/grow/schemas/orders.js';
import type { GrowCatalogue } from '../../src/partners/grow/schemas/products.js';
import type { Wallet } from '../../src/partners/grow/schemas/purchases.js';
import { MemoryStore } from '../../src/sandbox/store/memory-store.js';
import { ManualClock } from './clock.js';
import { sequentialIds } from './ids.js';
import { assertDocumentedResponse } from './openapi-responses.js';

export const TOKEN = 'test-token';

/**
 * The configuration's own defaults, quiet, on any free port, with no fixtures of its own, and
 * CI's fast Grow webhook retries (the default waits minutes of sandbox time between attempts).
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    growWebhookRetryDelaysMs: GROW_RETRY_SCHEDULES.fast,
    port: 0,
    logLevel: 'silent',
    logFormat: 'json',
    fixturesDir: '/nonexistent',
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  clock: ManualClock;
  /**
   * Injects a request with the bearer token and `Accept: application/json`, as the partners' docs
   * ask (unless headers or `accept`, null for none, say otherwise), and checks the response
   * against the committed OpenAPI document of its route.
   */
  request(
    options: InjectOptions & { token?: string | null; accept?: string | null; unchecked?: boolean },
  ): Promise<LightMyRequestResponse>;
}

/** A fresh app on a fixed clock with counting ids, holding only the orders the test gives it. */
export async function testApp(
  options: {
    battleface?: Order[];
    /** battleface products (none by default; `bundledProducts()` for the shipped catalogue). */
    products?: Product[];
    /** The battleface Claims API's form (none by default; `bundledClaimForm()` for the shipped one). */
    claimForm?: ClaimForm;
    grow?: GrowOrder[];
    growCustomers?: StoredCustomer[];
    growCatalogue?: GrowCatalogue;
    growWallets?: Wallet[];
    config?: Partial<Config>;
    clock?: ManualClock;
    deps?: Partial<Deps>;
  } = {},
): Promise<TestApp> {
  const clock = options.clock ?? new ManualClock();
  const app = await buildApp(testConfig(options.config), {
    clock,
    ids: sequentialIds(),
    seeds: {
      battleface: battlefaceSeed(
        (options.battleface ?? []).map((order) => ({ order })),
        (options.products ?? []).map((product) => ({ product })),
        options.claimForm,
      ),
      grow: growSeed(
        (options.grow ?? []).map((order) => ({ order })),
        (options.growCustomers ?? []).map((customer) => ({ customer })),
        options.growCatalogue,
        options.growWallets,
      ),
    },
    // SIM_TEST_SHARED_STORE=1 runs a suite through the shared-store path (leases, documents).
    ...(process.env.SIM_TEST_SHARED_STORE === '1' ? { store: new MemoryStore(clock) } : {}),
    ...options.deps,
  });
  // Every app a test builds is closed when the test ends: no timers or sockets outlive it.
  onTestFinished(() => app.close());
  return {
    app,
    clock,
    async request({ token = TOKEN, accept = 'application/json', headers, unchecked = false, ...rest }) {
      const auth = token === null ? {} : { authorization: `Bearer ${token}` };
      const accepts = accept === null ? {} : { accept };
      const response = await app.inject({ ...rest, headers: { ...auth, ...accepts, ...headers } });
      const url = typeof rest.url === 'string' ? rest.url : (rest.url?.pathname ?? '/');
      // Injected faults answer anything on purpose; everything else must match the documents.
      if (!unchecked) assertDocumentedResponse(rest.method ?? 'GET', url, response.statusCode, response.body);
      return response;
    },
  };
}

/** A token's stores (its sandbox is created if needed), typed with both partners' stores. */
export function storesOf(app: FastifyInstance, token: string): BattlefaceStores & GrowStores {
  return app.sandboxes.get(token).stores as BattlefaceStores & GrowStores;
}
