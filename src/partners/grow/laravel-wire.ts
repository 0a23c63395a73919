import type { FastifyInstance } from 'fastify';
import { schemaSerializer } from '../../http/serializer.js';
import { phpEscape } from '../../lib/php-json.js';

/**
 * What a Laravel API answers with, on every Grow response (reference §3; issue "A Laravel-faithful
 * wire"): bodies encoded by `json_encode` (`\\/`, `\\uXXXX`), `Content-Type: application/json`
 * without a charset, and `Cache-Control: no-cache, private`, as Laravel's JsonResponse sends.
 */
export function useLaravelWire(app: FastifyInstance): void {
  app.setSerializerCompiler(schemaSerializer(phpEscape));
  app.setReplySerializer((payload) => phpEscape(JSON.stringify(payload)));
  app.addHook('onSend', (_request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json'))
      reply.header('content-type', 'application/json');
    reply.header('cache-control', 'no-cache, private');
    done(null, payload);
  });
}
