import type { FastifyInstance } from 'fastify';

/**
 * Once the app starts closing, responses still in flight carry `Connection: close`, so keep-alive
 * clients let go and the server can stop as soon as they are answered.
 */
export function closeConnectionsWhenDraining(app: FastifyInstance): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });
}
