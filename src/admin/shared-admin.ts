import type { FastifyInstance } from 'fastify';
import { commitBeforeAnswering, enterForRequest } from '../http/shared-hooks.js';
import type { SharedSandboxGate } from '../sandbox/sandbox-work.js';
import type { Sandbox, Sandboxes } from '../sandbox/sandboxes.js';

type SharedSandboxes = SharedSandboxGate<Sandbox<unknown>>;

import { bearerToken } from '../http/bearer.js';
import { TokenRevokedError } from '../sandbox/store/store.js';
import { tokenOf } from './addressing.js';
import { AdminError } from './errors.js';

/** Control-plane paths that act on no sandbox: health, documents, the dashboard's pages. */
const UNSANDBOXED = ['/__admin/health', '/__admin/openapi', '/__admin/ui', '/__admin/sandboxes'];

/**
 * With a shared store, a control-plane call with a bearer token acts on the store's sandbox as a
 * partner request does: a call that may change it takes the token's lease (committed before the
 * answer); a read (GET, and counting the journal) reads the newest copy without one, so a wait
 * held open on the journal never holds up the requests it waits for.
 */
export function shareAdminSandboxes(
  app: FastifyInstance,
  sandboxes: Sandboxes<unknown>,
  shared: SharedSandboxes,
): void {
  commitBeforeAnswering(app, shared);
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? request.url;
    if (!path.startsWith('/__admin/') || UNSANDBOXED.some((prefix) => path.startsWith(prefix))) return;
    // Under SIM_TOKENS, a token rotated to on another replica is accepted once the store says so.
    const asked = bearerToken(request.headers.authorization);
    if (
      asked !== undefined &&
      !sandboxes.accepts(asked) &&
      sandboxes.restricted &&
      !sandboxes.wasRotated(asked)
    ) {
      await shared.rotatedTo(asked);
    }
    let token: string | undefined;
    try {
      token = tokenOf(request, sandboxes);
    } catch {
      // The route answers the malformed or refused token in its own words.
      return;
    }
    if (token === undefined) return;
    const journal = path === '/__admin/requests' || path === '/__admin/requests/count';
    try {
      if (request.method === 'GET' || request.method === 'HEAD' || path === '/__admin/requests/count') {
        await shared.view(token);
        if (journal) await shared.loadJournal(token);
        return;
      }
      if (journal && request.method === 'DELETE') await shared.clearJournal(token);
      await enterForRequest(request, reply, token, shared);
    } catch (error) {
      throw error instanceof TokenRevokedError ? new AdminError(401, error.message) : error;
    }
  });
}
