// waitFor: the server holds each listing until enough entries match (wait_ms), so the client
// never sleeps; it only asks again when what matched on the server is not yet what it wants.

/** The server's bound on one held listing; a longer wait is several in a row. */
const MAX_SERVER_WAIT_MS = 30_000;

export interface WaitOptions {
  /** How long to wait in all (default 5000 ms). */
  timeoutMs?: number;
  /** How many matching entries end the wait (default 1). */
  count?: number;
}

/** Nothing matched in time: what was wanted, what was found, and the closest entries seen. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly wanted: string,
    readonly count: number,
    readonly found: number,
    readonly timeoutMs: number,
    /** The nearest entries, each with what did not match (`path: … ≠ …`). */
    readonly nearMisses: readonly string[],
  ) {
    super(
      `partner-sim: ${found} of ${count} ${wanted} within ${timeoutMs} ms.` +
        (nearMisses.length === 0
          ? ' Nothing close was seen.'
          : ` Closest seen:\n${nearMisses.map((miss) => `  - ${miss}`).join('\n')}`),
    );
    this.name = 'WaitTimeoutError';
  }
}

/** A criterion of a matcher, named for near-miss messages. */
export interface Criterion<T> {
  name: string;
  test: (item: T) => boolean;
  /** What the item has instead, for the message. */
  actual: (item: T) => string;
  expected: string;
}

export interface WaitSpec<T> {
  /** `requests matching {…}`: the message's words for what is wanted. */
  wanted: string;
  /** Lists what the server matches, held until at least `minCount` (or `waitMs` passes). */
  list: (minCount: number, waitMs: number) => Promise<T[]>;
  /** Every criterion; the ones the server cannot check are checked here. */
  criteria: Criterion<T>[];
  /** Recent entries, whatever they are, to find near misses among. */
  recent: () => Promise<T[]>;
  describe: (item: T) => string;
}

export async function waitForItems<T>(spec: WaitSpec<T>, options: WaitOptions = {}): Promise<T[]> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const count = options.count ?? 1;
  const deadline = Date.now() + timeoutMs;
  const accepts = (item: T) => spec.criteria.every((criterion) => criterion.test(item));
  let minCount = count;
  let matched: T[] = [];
  for (;;) {
    const waitMs = Math.max(0, Math.min(deadline - Date.now(), MAX_SERVER_WAIT_MS));
    const listed = await spec.list(minCount, waitMs);
    matched = listed.filter(accepts);
    if (matched.length >= count) return matched;
    if (Date.now() >= deadline) break;
    // The server's matches are not all ours (a body to compare): wait for one more of them.
    minCount = Math.max(count, listed.length + 1);
  }
  const misses = nearMisses(await spec.recent(), spec.criteria, spec.describe);
  throw new WaitTimeoutError(spec.wanted, count, matched.length, timeoutMs, misses);
}

/** The entries meeting the most criteria (but not all), best first, each with what differs. */
function nearMisses<T>(items: T[], criteria: Criterion<T>[], describe: (item: T) => string): string[] {
  return items
    .map((item) => ({ item, failed: criteria.filter((criterion) => !criterion.test(item)) }))
    .filter(({ failed }) => failed.length > 0)
    .sort((a, b) => a.failed.length - b.failed.length)
    .slice(0, 3)
    .map(
      ({ item, failed }) =>
        `${describe(item)}: ${failed.map((c) => `${c.name} ${c.actual(item)} ≠ ${c.expected}`).join(', ')}`,
    );
}
