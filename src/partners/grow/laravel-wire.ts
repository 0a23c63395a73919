import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { schemaSerializer } from '../../http/serializer.js';
import { phpEscape } from '../../lib/php-json.js';
import { RouteTable } from './laravel/route-table.js';

type RouteMissHandler = (request: FastifyRequest, reply: FastifyReply) => void;

/** What the plugin wires in once its routes are known. */
export interface LaravelWire {
  /** The not-found handler: the router's own OPTIONS answer for a known path, else `otherwise`. */
  routeMiss(otherwise: RouteMissHandler): RouteMissHandler;
}

/**
 * What a Laravel API answers with, on every Grow response (reference §3; issue "A Laravel-faithful
 * wire"): bodies encoded by `json_encode` (`\\/`, `\\uXXXX`), `Content-Type: application/json`
 * without a charset, and `Cache-Control: no-cache, private`, as Laravel's JsonResponse sends.
 * Call before the routes are registered: it learns them as they are.
 */
export function useLaravelWire(app: FastifyInstance): LaravelWire {
  const routes = new RouteTable();
  app.addHook('onRoute', (route) => routes.add(route.method, route.url));
  app.setSerializerCompiler(schemaSerializer(phpEscape));
  app.setReplySerializer((payload) => phpEscape(JSON.stringify(payload)));
  app.addHook('onSend', (_request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json'))
      reply.header('content-type', 'application/json');
    reply.header('cache-control', 'no-cache, private');
    done(null, payload);
  });
  return {
    routeMiss: (otherwise) => (request, reply) => {
      if (request.method === 'OPTIONS') {
        const methods = routes.methodsOf(request.url.split('?', 1)[0] ?? '');
        // AbstractRouteCollection::getRouteForMethods: `implode(',', $methods)`, no spaces, and
        // no middleware (no token needed); Symfony gives the empty body its HTML content type.
        if (methods.length > 0) {
          reply.code(200).header('allow', methods.join(',')).type('text/html; charset=UTF-8').send('');
          return;
        }
      }
      otherwise(request, reply);
    },
  };
}
