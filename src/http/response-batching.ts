import type { FastifyInstance, onSendHookHandler } from 'fastify';

/** Runs a callback once the current event-loop turn's I/O is handled (setImmediate; tests pass their own). */
export type EndOfTurn = (callback: () => void) => void;

/**
 * The first response of an event-loop turn is written at once; those that follow it in the same
 * turn are written together at the turn's end, as Redis writes its replies just before it polls.
 * Why: when the client shares the machine's cores (CI, a laptop), every response written while the
 * client sleeps wakes it on another core, and that wake-up (the kernel's sock_def_readable) was
 * the largest single cost of a request under load (README, "Speed and robustness"). Written
 * together, the responses of a turn wake the client about once. A lone client waits for nothing:
 * its response is always the first of its turn. The bytes sent are unchanged.
 *
 * The wait is the last onSend hook of every route (a route's own hooks run after its instance's),
 * so only the write waits, never the hooks: with a shared store, the hook that hands a sandbox's
 * lease to the next request on its token must run at once, or that token's requests would be
 * served one per turn instead of all of a turn's together.
 */
export function writeResponsesInBatches(app: FastifyInstance, endOfTurn: EndOfTurn = setImmediate): void {
  let waiting: (() => void)[] = [];
  let turnStarted = false;
  const writeWaiting = () => {
    turnStarted = false;
    const writes = waiting;
    waiting = [];
    for (const write of writes) write();
  };
  const writeLast: onSendHookHandler = (_request, reply, payload, done) => {
    if (!turnStarted) {
      turnStarted = true;
      endOfTurn(writeWaiting);
      return done(null, payload);
    }
    waiting.push(() => {
      // One response that cannot be written (a header Node refuses) must not hold up the others.
      try {
        done(null, payload);
      } catch (error) {
        reply.log.error({ err: error }, 'response could not be written');
        reply.raw.destroy();
      }
    });
  };
  app.addHook('onRoute', (route) => {
    const own = route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend];
    route.onSend = [...own, writeLast];
  });
}
