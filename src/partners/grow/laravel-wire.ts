import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { servingSandbox } from '../../http/sandbox-auth.js';
import { schemaSerializer } from '../../http/serializer.js';
import { phpEscape } from '../../lib/php-json.js';
import { expectsJson } from './laravel/accept.js';
import { browserAnswer } from './laravel/browser-answers.js';
import { symfonyErrorPage } from './laravel/error-page.js';
import { RouteTable } from './laravel/route-table.js';
import type { GrowStores } from './records.js';

type RouteMissHandler = (request: FastifyRequest, reply: FastifyReply) => void;

/** What the plugin wires in once its routes are known. */
export interface LaravelWire {
  /**
   * The not-found handler: the router's own answers for a known path asked with a method it has
   * no route for (OPTIONS, 405), else `otherwise`.
   */
  routeMiss(otherwise: RouteMissHandler): RouteMissHandler;
}

export interface LaravelWireOptions {
  /** SIM_GROW_JSON_ALWAYS: JSON whatever `Accept` says. */
  jsonAlways: boolean;
}

/**
 * What a Laravel API answers with, on every Grow response (reference §3; issue "A Laravel-faithful
 * wire"): bodies encoded by `json_encode` (`\\/`, `\\uXXXX`), `Content-Type: application/json`
 * without a charset, and `Cache-Control: no-cache, private`, as Laravel's JsonResponse sends; and
 * to a client that does not ask for JSON, the redirects and pages Laravel gives it instead.
 * Call before the routes are registered: it learns them as they are.
 */
export function useLaravelWire(app: FastifyInstance, options: LaravelWireOptions): LaravelWire {
  const routes = new RouteTable();
  /** Requests no route matched: their 404 is the framework's, not a controller's. */
  const routeMisses = new WeakSet<FastifyRequest>();
  app.addHook('onRoute', (route) => routes.add(route.method, route.url));
  throttleApi(app);
  app.setSerializerCompiler(schemaSerializer(phpEscape));
  app.setReplySerializer((payload) => phpEscape(JSON.stringify(payload)));
  app.addHook('onSend', (request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json'))
      reply.header('content-type', 'application/json');
    reply.header('cache-control', 'no-cache, private');
    // An injected fault is the rule's answer, sent as given.
    if (options.jsonAlways || request.faultAnswered) return done(null, payload);
    const answer = browserAnswer(request, reply.statusCode, routeMisses.has(request));
    if (answer === undefined) return done(null, payload);
    reply.code(answer.status).header('content-type', answer.contentType);
    if (answer.location !== undefined) reply.header('location', answer.location);
    done(null, answer.body);
  });
  return {
    routeMiss: (otherwise) => (request, reply) => {
      const methods = routes.methodsOf(request.url.split('?', 1)[0] ?? '');
      // AbstractRouteCollection::getRouteForMethods, before any middleware (no token needed):
      // OPTIONS gets 200, `Allow` as `implode(',', $methods)` and an empty body, which Symfony
      // types as HTML; any other method a 405.
      if (methods.length > 0 && request.method === 'OPTIONS') {
        reply.code(200).header('allow', methods.join(',')).type('text/html; charset=UTF-8').send('');
        return;
      }
      if (methods.length > 0) {
        methodNotAllowed(request, reply, methods, options.jsonAlways || expectsJson(request.headers));
        return;
      }
      routeMisses.add(request);
      otherwise(request, reply);
    },
  };
}

/**
 * MethodNotAllowedHttpException as Laravel 8.83 renders it: `Allow` with `, ` between methods;
 * JSON pretty-printed as every HTTP exception is (prepareJsonResponse), else Symfony's page.
 */
function methodNotAllowed(request: FastifyRequest, reply: FastifyReply, methods: string[], json: boolean) {
  const message = `The ${request.method} method is not supported for this route. Supported methods: ${methods.join(', ')}.`;
  reply.code(405).header('allow', methods.join(', '));
  if (json) reply.type('application/json').send(`{\n    "message": ${JSON.stringify(message)}\n}`);
  else reply.type('text/html; charset=UTF-8').send(symfonyErrorPage(405, 'Method Not Allowed'));
}

/**
 * Laravel 8's JSON for ThrottleRequestsException: the handler's `prepareJsonResponse` encodes
 * HTTP exceptions with JSON_PRETTY_PRINT (four spaces), unlike the compact 401 and 422 (checked
 * on Laravel 8.83).
 */
const TOO_MANY_ATTEMPTS = '{\n    "message": "Too Many Attempts."\n}';

/**
 * `throttle:api` (SIM_GROW_THROTTLE), after the token is checked: the `auth` middleware runs first
 * (Laravel's middleware priority), so a 401 carries no rate-limit headers, and neither do OPTIONS
 * or unknown routes, which no middleware sees. Every other answer carries them; past the limit,
 * 429 with `Retry-After` and `X-RateLimit-Reset`, and the request goes no further.
 * INFERENCE (reference §2: rate limits SILENT): counted per token, the sandbox's; Laravel 8's
 * `api` limiter counts per user, and a partner's token is its user.
 */
function throttleApi(app: FastifyInstance): void {
  app.addHook('preParsing', (request, reply, _payload, done) => {
    const sandbox = request.sandbox === undefined ? undefined : servingSandbox<GrowStores>(request);
    const throttle = sandbox?.stores.growThrottle;
    if (sandbox === undefined || throttle === undefined) return done();
    const outcome = throttle.attempt(sandbox.clock.now());
    // A count is a change: with a shared store it is saved, and every replica counts on from it,
    // as Laravel's limiter counts in the one cache all its servers share.
    sandbox.revision.bump();
    reply.headers(outcome.headers);
    if (outcome.allowed) return done();
    reply.code(429).type('application/json').send(TOO_MANY_ATTEMPTS);
  });
}
