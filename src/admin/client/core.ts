import type { z } from 'zod';
import { globMatches } from '../../lib/glob.js';
import { partialMatch } from '../../lib/merge-patch.js';
import type { FaultRule, newFaultSchema } from '../../sandbox/faults.js';
import type { JournalEntry } from '../../sandbox/journal.js';
import type { ClockState } from '../routes/clock.js';
import type { stateSchema } from '../routes/state.js';
import type { Query, Transport } from './transport.js';
import { type Criterion, type WaitOptions, waitForItems } from './wait.js';

/** The partner-agnostic part of a saved sandbox state (GET /__admin/state): version, clock, faults. */
export type CoreState = z.infer<ReturnType<typeof stateSchema>>;
/** A new fault rule, as POST /__admin/faults takes it. */
export type NewFault = z.input<ReturnType<typeof newFaultSchema>>;
export type { ClockState, FaultRule, JournalEntry };

/** Which recorded requests: the journal's own filters, and a partial body. */
export interface RequestMatcher {
  partner?: string;
  method?: string;
  /** Exact, or with `*` wildcards. */
  path?: string;
  status?: number;
  /** Every key given must be in the request body with that value. */
  body?: unknown;
}

export interface RequestListFilter extends Omit<RequestMatcher, 'body'> {
  /** Only requests at or after this instant. */
  since?: string | Date;
  limit?: number;
}

/** How many requests a waitFor lists at once (the default journal holds 1000 per sandbox). */
const WAIT_LIST_LIMIT = 1000;

function journalQuery(filter: RequestListFilter): Query {
  const { since, ...rest } = filter;
  return { ...rest, since: since instanceof Date ? since.toISOString() : since };
}

function requestCriteria(matcher: RequestMatcher): Criterion<JournalEntry>[] {
  const criteria: Criterion<JournalEntry>[] = [];
  const add = (
    name: string,
    expected: unknown,
    test: (entry: JournalEntry) => boolean,
    actual: (entry: JournalEntry) => unknown,
  ) =>
    criteria.push({
      name,
      test,
      actual: (entry) => JSON.stringify(actual(entry)),
      expected: JSON.stringify(expected),
    });
  const { partner, method, path, status, body } = matcher;
  if (partner !== undefined)
    add(
      'partner',
      partner,
      (e) => e.partner === partner,
      (e) => e.partner,
    );
  if (method !== undefined)
    add(
      'method',
      method.toUpperCase(),
      (e) => e.method === method.toUpperCase(),
      (e) => e.method,
    );
  if (path !== undefined)
    add(
      'path',
      path,
      (e) => globMatches(path, e.path),
      (e) => e.path,
    );
  if (status !== undefined)
    add(
      'status',
      status,
      (e) => e.status === status,
      (e) => e.status,
    );
  if (body !== undefined)
    add(
      'body',
      body,
      (e) => partialMatch(body, e.body),
      (e) => e.body,
    );
  return criteria;
}

/** The sections every simulator has, whatever partners it serves. */
export function coreClient<State extends CoreState>(http: Transport) {
  const requests = {
    /** Recorded partner requests of the sandbox, newest first. */
    list: async (filter: RequestListFilter = {}) =>
      (
        await http.call<{ requests: JournalEntry[] }>('GET', '/__admin/requests', {
          query: journalQuery(filter),
        })
      ).requests,
    /** How many recorded requests match, body included. */
    count: async (matcher: RequestMatcher = {}) =>
      (await http.call<{ count: number }>('POST', '/__admin/requests/count', { body: matcher })).count,
    /** Forgets the sandbox's recorded requests. */
    clear: () => http.call<void>('DELETE', '/__admin/requests'),
    /**
     * Resolves with the matching requests (newest first) once `count` of them are recorded; throws
     * a WaitTimeoutError listing the closest requests seen after `timeoutMs`.
     */
    waitFor: (matcher: RequestMatcher, options?: WaitOptions) => {
      const { body, ...filters } = matcher;
      return waitForItems<JournalEntry>(
        {
          wanted: `requests matching ${JSON.stringify(matcher)}`,
          list: async (minCount, waitMs) =>
            (
              await http.call<{ requests: JournalEntry[] }>('GET', '/__admin/requests', {
                query: { ...filters, limit: WAIT_LIST_LIMIT, wait_ms: waitMs, min_count: minCount },
              })
            ).requests,
          criteria: requestCriteria(matcher),
          recent: () => requests.list({ limit: 50 }),
          describe: (e) => `#${e.id} ${e.method} ${e.path} → ${e.status} (${e.partner})`,
        },
        options,
      );
    },
  };
  return {
    /** Back to the fixtures: the sandbox is dropped whole and starts afresh on its next call. */
    reset: () => http.call<void>('POST', '/__admin/reset'),
    state: {
      save: () => http.call<State>('GET', '/__admin/state'),
      load: (state: State) => http.call<State>('PUT', '/__admin/state', { body: state }),
    },
    requests,
    faults: {
      add: (rule: NewFault) => http.call<FaultRule>('POST', '/__admin/faults', { body: rule }),
      list: async () => (await http.call<{ faults: FaultRule[] }>('GET', '/__admin/faults')).faults,
      remove: (id: string) => http.call<void>('DELETE', `/__admin/faults/${encodeURIComponent(id)}`),
      clear: () => http.call<void>('DELETE', '/__admin/faults'),
    },
    clock: {
      get: () => http.call<ClockState>('GET', '/__admin/clock'),
      /** Freezes the sandbox clock at an instant (now, by default). */
      freeze: (at: string | Date = new Date()) =>
        http.call<ClockState>('PUT', '/__admin/clock', {
          body: { now: at instanceof Date ? at.toISOString() : at },
        }),
      /** Moves the clock forward, running everything that became due. */
      advance: (ms: number) => http.call<ClockState>('POST', '/__admin/clock/advance', { body: { ms } }),
      resume: () => http.call<ClockState>('POST', '/__admin/clock/resume'),
    },
    /** Gives the sandbox a new token; the old one is refused from now on (the client keeps the old one). */
    rotateToken: (token?: string) =>
      http.call<{ token: string }>('POST', '/__admin/token/rotate', {
        body: token === undefined ? {} : { token },
      }),
  };
}
