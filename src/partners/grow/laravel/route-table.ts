// What Laravel's router knows when a request misses every route: which methods the path has.
// An OPTIONS request for such a path is answered by the router itself (AbstractRouteCollection::
// getRouteForMethods): 200, an empty body, `Allow` listing them.

/** Router::$verbs, the order Laravel lists methods in. */
const LARAVEL_VERBS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

interface Entry {
  pattern: RegExp;
  methods: Set<string>;
}

/** The routes of one mount, by URL template (`/v1/orders/:id`), filled as routes are registered. */
export class RouteTable {
  readonly #entries = new Map<string, Entry>();

  add(methods: string | readonly string[], url: string): void {
    const entry = this.#entries.get(url) ?? { pattern: templatePattern(url), methods: new Set() };
    for (const method of typeof methods === 'string' ? [methods] : methods) {
      entry.methods.add(method.toUpperCase());
      // Route::get() registers HEAD beside GET.
      if (method.toUpperCase() === 'GET') entry.methods.add('HEAD');
    }
    this.#entries.set(url, entry);
  }

  /**
   * Every method of every route matching `path` (Laravel tries each verb against all routes, so a
   * static and a parameter route both count), in Laravel's order; empty when nothing matches.
   */
  methodsOf(path: string): string[] {
    const decoded = decodePath(path);
    if (decoded === undefined) return [];
    const found = new Set<string>();
    for (const { pattern, methods } of this.#entries.values()) {
      if (pattern.test(decoded)) for (const method of methods) found.add(method);
    }
    return LARAVEL_VERBS.filter((verb) => found.has(verb));
  }
}

/**
 * `/v1/orders/:id` → /^\/v1\/orders\/[^/]+\/?$/, a trailing slash allowed (Laravel trims it).
 * INFERENCE (reference §4: Grow's route constraints are not published): a parameter takes any
 * segment, Laravel's default `{id}`, so `orders/{id}` matches `orders/authorize` too.
 */
function templatePattern(url: string): RegExp {
  const source = url
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? '[^/]+'
        : segment === '*'
          ? '.*'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * The path as the routes match it: percent-decoded segment by segment, an encoded `/` staying
 * inside its segment (the simulator serves `/v1/customers/CUS%2F1`, so OPTIONS lists its
 * methods); undefined when the encoding is broken.
 */
function decodePath(path: string): string | undefined {
  try {
    return path
      .split('/')
      .map((segment) => decodeURIComponent(segment).replaceAll('/', '%2F'))
      .join('/');
  } catch {
    return undefined;
  }
}
