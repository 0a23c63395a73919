import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EgressPolicy } from './http/outbound/egress-policy.js';
import { AddressList } from './lib/address-list.js';
import { isRealInstant } from './lib/instants.js';

/** The fixtures shipped with partner-sim (`<package>/fixtures`, from both src/ and dist/). */
export const BUNDLED_FIXTURES_DIR = fileURLToPath(new URL('../fixtures', import.meta.url));

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** auto: pretty lines when stdout is a terminal, JSON lines otherwise. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

const integer = (min: number, max: number, what: string) =>
  z.string().regex(/^\d+$/, what).transform(Number).pipe(z.number().int().min(min, what).max(max, what));

const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;
const BYTE_UNITS: Record<string, number> = { '': 1, k: KIB, kb: KIB, m: MIB, mb: MIB, g: GIB, gb: GIB };

/** `8388608`, `512k`, `8mb`, `1g`: a size in bytes (units are powers of 1024). */
const bytes = (min: number, max: number) => {
  const what = `a size in bytes from ${min} to ${max}, or with a unit like 512k, 8m, 1g`;
  return z
    .string()
    .regex(/^\d+\s*(k|kb|m|mb|g|gb)?$/i, what)
    .transform((text) => {
      const [, digits = '', unit = ''] = /^(\d+)\s*([a-z]*)$/i.exec(text) ?? [];
      return Number(digits) * (BYTE_UNITS[unit.toLowerCase()] ?? 1);
    })
    .pipe(z.number().int().min(min, what).max(max, what));
};

const DURATION_UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = 'a duration like 900 (seconds), 30s, 15m, 12h or 7d; 0 turns it off';

/** A duration in ms from `900` (seconds), `30s`, `15m`, `12h`, `7d`. */
const duration = z
  .string()
  .regex(/^\d{1,9}\s*[smhd]?$/i, DURATION)
  .transform((text) => {
    const [, digits = '', unit = ''] = /^(\d+)\s*([a-z]?)$/i.exec(text) ?? [];
    return Number(digits) * (DURATION_UNITS[unit.toLowerCase()] ?? 1000);
  });

/** Comma-separated CIDRs, addresses or host patterns (`*.internal`), for the webhook egress policy. */
const addressList = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(
          /^[\w.:*/[\]-]{1,255}$/,
          'comma-separated CIDRs (10.0.0.0/8), addresses or host names with * (*.example.com)',
        ),
    ),
  );

const STORE = 'memory, or a Redis URL like redis://127.0.0.1:6379 (rediss:// for TLS)';

/** `0` or `1`: a switch. */
const flag = z.enum(['0', '1'], { error: '0 or 1' }).transform((value) => value === '1');

const RETRY_UNITS: Record<string, number> = { ms: 1, '': 1, s: 1000, m: 60_000, h: 3_600_000 };
const RETRY_SCHEDULE =
  'queue, fast, or comma-separated waits before each retry like 10s,1m,5m (ms, s, m, h; a bare number is ms; at most 20, each at most 24h)';

/**
 * The Grow webhook retry schedule: INFERENCE (reference grow.md §8: retries SILENT). `queue` is
 * the exponential back-off of spatie/laravel-webhook-server, the usual Laravel webhook sender
 * (10^n s: 10 s, 100 s, 1000 s, 10000 s), whose DefaultSigner is Grow's documented signature
 * (hex HMAC-SHA256 of the json_encode body); `fast` is 1, 2, 4, 8 s, for CI.
 */
export const GROW_RETRY_SCHEDULES = {
  queue: [10_000, 100_000, 1_000_000, 10_000_000],
  fast: [1000, 2000, 4000, 8000],
} as const satisfies Record<string, readonly number[]>;

const retrySchedule = z.string().transform((text, context) => {
  const named = GROW_RETRY_SCHEDULES[text.trim() as keyof typeof GROW_RETRY_SCHEDULES];
  if (named) return [...named];
  const waits = text.split(',').map((entry) => {
    const [, digits = '', unit = ''] = /^\s*(\d{1,9})\s*(ms|s|m|h)?\s*$/i.exec(entry) ?? [];
    return digits === '' ? Number.NaN : Number(digits) * (RETRY_UNITS[unit.toLowerCase()] ?? 1);
  });
  if (waits.length > 20 || waits.some((ms) => !Number.isInteger(ms) || ms > 86_400_000)) {
    context.addIssue({ code: 'custom', message: RETRY_SCHEDULE });
    return z.NEVER;
  }
  return waits;
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT = 'an ISO 8601 instant like 2024-05-01T12:00:00Z';

/** Every setting, by its environment variable; each message says what the variable accepts. */
const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: integer(0, 65535, 'an integer from 0 to 65535').default(4010),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FORMAT: z.enum(LOG_FORMATS, { error: `one of ${LOG_FORMATS.join(', ')}` }).default('auto'),
  FIXTURES_DIR: z.string().default(BUNDLED_FIXTURES_DIR),
  SIM_TOKENS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((token) => token.trim())
        .filter((token) => token !== ''),
    )
    .pipe(z.array(z.string().regex(/^\S+$/, 'comma-separated tokens without spaces')))
    .optional(),
  SIM_MAX_SANDBOXES: integer(1, 1_000_000, 'an integer from 1 to 1000000').default(1000),
  SIM_GROW_POLICY_DELAY_MS: integer(
    0,
    2_147_483_647,
    'a number of milliseconds from 0 to 2147483647',
  ).default(2000),
  SIM_GROW_CLAIM_REVIEW_MS: integer(
    0,
    2_147_483_647,
    'a number of milliseconds from 0 to 2147483647',
  ).default(0),
  SIM_GROW_CLAIM_OFFER_MS: integer(0, 2_147_483_647, 'a number of milliseconds from 0 to 2147483647').default(
    2000,
  ),
  SIM_GROW_CLAIM_PAYOUT_MS: integer(
    0,
    2_147_483_647,
    'a number of milliseconds from 0 to 2147483647',
  ).default(1000),
  SIM_BATTLEFACE_INTENT_SUCCEED_MS: integer(
    0,
    2_147_483_647,
    'a number of milliseconds from 0 (off) to 2147483647',
  ).default(0),
  SIM_JOURNAL_SIZE: integer(1, 100_000, 'an integer from 1 to 100000').default(1000),
  SIM_NOW: z
    .string()
    .regex(ISO_INSTANT, INSTANT)
    .refine(isRealInstant, INSTANT)
    .transform((text) => Date.parse(text))
    .optional(),
  SIM_SEED: z.string().optional(),
  SIM_STATE_FILE: z.string().optional(),
  SIM_ADMIN_TOKEN: z.string().regex(/^\S+$/, 'a token without spaces').optional(),
  SIM_GROW_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
  SIM_GROW_WEBHOOK_SECRET: z.string().optional(),
  SIM_GROW_WEBHOOK_RETRY_SCHEDULE: retrySchedule.default([...GROW_RETRY_SCHEDULES.queue]),
  SIM_GROW_JSON_ALWAYS: flag.default(false),
  SIM_GROW_THROTTLE: integer(0, 1_000_000, 'requests per minute per token, from 0 (off) to 1000000').default(
    0,
  ),
  SIM_SANDBOX_MAX_BYTES: bytes(64 * KIB, 4 * GIB).default(8 * MIB),
  SIM_MAX_BYTES: bytes(MIB, 64 * GIB).default(192 * MIB),
  SIM_SANDBOX_IDLE_TTL: duration.default(0),
  SIM_REQUEST_TIMEOUT_MS: integer(1, 3_600_000, 'a number of milliseconds from 1 to 3600000').default(30_000),
  SIM_HEADERS_TIMEOUT_MS: integer(1, 3_600_000, 'a number of milliseconds from 1 to 3600000').default(10_000),
  SIM_KEEP_ALIVE_TIMEOUT_MS: integer(1, 3_600_000, 'a number of milliseconds from 1 to 3600000').default(
    72_000,
  ),
  SIM_CONNECTION_TIMEOUT_MS: integer(
    0,
    3_600_000,
    '0 (off), or a number of milliseconds from 61000 (above the longest fault delay) to 3600000',
  )
    .refine(
      (ms) => ms === 0 || ms >= 61_000,
      '0 (off), or a number of milliseconds from 61000 (above the longest fault delay) to 3600000',
    )
    .default(0),
  SIM_MAX_CONNECTIONS: integer(1, 1_000_000, 'an integer from 1 to 1000000').default(2048),
  SIM_BATTLEFACE_ALLOWED_IPS: addressList.default([]),
  SIM_WEBHOOK_ALLOW: addressList.default([]),
  SIM_WEBHOOK_DENY: addressList.default([]),
  SIM_WEBHOOK_CONCURRENCY: integer(1, 10_000, 'an integer from 1 to 10000').default(32),
  SIM_STORE: z
    .string()
    .regex(/^(memory|rediss?:\/\/\S+)$/, STORE)
    .refine((value) => value === 'memory' || URL.canParse(value), STORE)
    .default('memory'),
  SIM_STORE_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'letters, digits and _ : . - (at most 64)')
    .default('partner-sim:'),
});

/** Every environment variable partner-sim reads. */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape);

export interface Config {
  host: string;
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  logFormat: (typeof LOG_FORMATS)[number];
  fixturesDir: string;
  /** When set, the only bearer tokens accepted. */
  tokens: string[] | undefined;
  maxSandboxes: number;
  /** Sandbox time from a Grow authorize to the insurer issuing the policy. */
  growPolicyDelayMs: number;
  /** Sandbox time the Grow insurer takes for each step of a claim. */
  growClaimDelays: { reviewMs: number; offerMs: number; payoutMs: number };
  /** Sandbox time after which a battleface payment intent succeeds by itself; 0: never. */
  battlefaceIntentSucceedMs: number;
  /** When not empty, the only client addresses battleface answers (its registered IPs). */
  battlefaceAllowedIps: string[];
  /** Requests kept per sandbox journal. */
  journalSize: number;
  /** When set, new sandbox clocks start frozen at this instant (ms). */
  now: number | undefined;
  /** When set, ids and fault coin flips are reproducible. */
  seed: string | undefined;
  /** A saved state (GET /__admin/state) every new sandbox starts from instead of the bare fixtures. */
  stateFile: string | undefined;
  /** When set, every /__admin request but health needs `X-Admin-Token: <value>`. */
  adminToken: string | undefined;
  /** Where every sandbox sends Grow webhooks unless told otherwise, and the signing secret. */
  growWebhook: { url: string | undefined; secret: string };
  /** Sandbox time before each retry of a Grow webhook; one attempt more than its length. */
  growWebhookRetryDelaysMs: readonly number[];
  /**
   * Grow answers JSON whatever `Accept` says; off, a client that does not ask for JSON gets what
   * Laravel gives it: a redirect for a validation failure, HTML error pages.
   */
  growJsonAlways: boolean;
  /** Laravel's `throttle:api` on Grow: requests per minute per token (sandbox time); 0 is off. */
  growThrottlePerMinute: number;
  /** The memory budget: bytes one sandbox, and the whole process, may retain. */
  sandboxMaxBytes: number;
  maxBytes: number;
  /** A sandbox unused this long (ms) is dropped; 0: never for idleness. */
  sandboxIdleTtlMs: number;
  /** Socket limits: a whole request, its headers, an idle keep-alive connection, any idle socket. */
  timeouts: { requestMs: number; headersMs: number; keepAliveMs: number; connectionMs: number };
  maxConnections: number;
  /** Where webhooks may go (CIDRs, addresses, host patterns), on top of the default policy. */
  webhookEgress: { allow: string[]; deny: string[] };
  /** Webhook attempts in flight at once, across every sandbox. */
  webhookConcurrency: number;
  /** Where sandboxes live: this process's memory, or Redis shared by every replica (key prefix). */
  store: { kind: 'memory' } | { kind: 'redis'; url: string; prefix: string };
}

/** A setting that cannot be used; the message is one line naming the variable and what it accepts. */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** The variable at fault, and what it accepts. */
    readonly variable: string,
    readonly expected: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

type EnvVariable = keyof typeof EnvSchema.shape;

/** `SIM_GROW_POLICY_DELAY_MS` → `GrowPolicyDelayMs`. */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Capitalize<Lowercase<Head>>}${Camel<Tail>}`
  : Capitalize<Lowercase<S>>;
/** startPartnerSim's name for a variable: `SIM_` dropped, camelCase (`PORT` → `port`, `SIM_NOW` → `now`). */
export type OptionName<V extends string> = Uncapitalize<Camel<V extends `SIM_${infer Rest}` ? Rest : V>>;

/** A value as the environment would spell it: numbers, switches, lists and instants are turned into that text. */
export type OptionValue = string | number | boolean | readonly string[] | Date;

/** Every setting as an option of startPartnerSim, by the name derived from its variable. */
export type ConfigOptions = { [V in EnvVariable as OptionName<V>]?: OptionValue };

export function optionName<V extends string>(variable: V): OptionName<V> {
  const words = variable.replace(/^SIM_/, '').toLowerCase().split('_');
  return words
    .map((word, i) => (i === 0 ? word : `${word[0]?.toUpperCase()}${word.slice(1)}`))
    .join('') as OptionName<V>;
}

/** Each option's variable: the options are the variables, renamed, so the two cannot drift. */
const VARIABLE_OF_OPTION: ReadonlyMap<string, string> = new Map(
  Object.keys(EnvSchema.shape).map((variable) => [optionName(variable), variable]),
);

function envText(value: OptionValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  return undefined;
}

/**
 * The configuration from startPartnerSim's options: each is written as its variable would be and
 * checked by the same schema, so an error is the environment's, naming the option instead.
 */
export function configFromOptions(options: Record<string, unknown>): Config {
  const env: Record<string, string> = {};
  const given: Record<string, unknown> = {};
  for (const [option, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const variable = VARIABLE_OF_OPTION.get(option);
    if (variable === undefined) {
      const known = [...VARIABLE_OF_OPTION.keys()].join(', ');
      throw new ConfigError(`Unknown option ${option}: expected one of ${known}.`, option, known);
    }
    const text = envText(value as OptionValue);
    if (text === undefined) {
      const expected = 'a string, a finite number, a boolean, a list of strings or a valid Date';
      throw new ConfigError(`Invalid ${option}=${String(value)}: expected ${expected}.`, variable, expected);
    }
    given[variable] = value;
    env[variable] = text;
  }
  return loadConfig(env, (variable) => `${optionName(variable)}=${JSON.stringify(given[variable] ?? '')}`);
}

export function loadConfig(
  env: Record<string, string | undefined>,
  /** How an error names the setting at fault: `PORT="eighty"` for the environment. */
  named: (variable: string) => string = (variable) => `${variable}=${JSON.stringify(env[variable] ?? '')}`,
): Config {
  // An empty variable counts as unset, as with `PORT= npm start`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const expected = issue?.message ?? 'a valid value';
    throw new ConfigError(`Invalid ${named(name)}: expected ${expected}.`, name, expected);
  }
  const values = parsed.data;
  try {
    new AddressList(values.SIM_BATTLEFACE_ALLOWED_IPS);
  } catch (error) {
    const reason = (error as Error).message;
    const name = 'SIM_BATTLEFACE_ALLOWED_IPS';
    throw new ConfigError(`Invalid ${named(name)}: ${reason}.`, name, reason);
  }
  for (const name of ['SIM_WEBHOOK_ALLOW', 'SIM_WEBHOOK_DENY'] as const) {
    try {
      new EgressPolicy({ allow: values[name], deny: [], self: () => undefined });
    } catch (error) {
      const reason = (error as Error).message.replace(/^.*?: /, '').replace(/\.$/, '');
      throw new ConfigError(`Invalid ${named(name)}: ${reason}.`, name, reason);
    }
  }
  return {
    host: values.HOST,
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
    fixturesDir: values.FIXTURES_DIR,
    tokens: values.SIM_TOKENS && values.SIM_TOKENS.length > 0 ? values.SIM_TOKENS : undefined,
    maxSandboxes: values.SIM_MAX_SANDBOXES,
    growPolicyDelayMs: values.SIM_GROW_POLICY_DELAY_MS,
    growClaimDelays: {
      reviewMs: values.SIM_GROW_CLAIM_REVIEW_MS,
      offerMs: values.SIM_GROW_CLAIM_OFFER_MS,
      payoutMs: values.SIM_GROW_CLAIM_PAYOUT_MS,
    },
    battlefaceIntentSucceedMs: values.SIM_BATTLEFACE_INTENT_SUCCEED_MS,
    battlefaceAllowedIps: values.SIM_BATTLEFACE_ALLOWED_IPS,
    journalSize: values.SIM_JOURNAL_SIZE,
    now: values.SIM_NOW,
    seed: values.SIM_SEED,
    stateFile: values.SIM_STATE_FILE,
    adminToken: values.SIM_ADMIN_TOKEN,
    growWebhook: { url: values.SIM_GROW_WEBHOOK_URL, secret: values.SIM_GROW_WEBHOOK_SECRET ?? '' },
    growWebhookRetryDelaysMs: values.SIM_GROW_WEBHOOK_RETRY_SCHEDULE,
    growJsonAlways: values.SIM_GROW_JSON_ALWAYS,
    growThrottlePerMinute: values.SIM_GROW_THROTTLE,
    sandboxMaxBytes: values.SIM_SANDBOX_MAX_BYTES,
    maxBytes: values.SIM_MAX_BYTES,
    sandboxIdleTtlMs: values.SIM_SANDBOX_IDLE_TTL,
    timeouts: {
      requestMs: values.SIM_REQUEST_TIMEOUT_MS,
      headersMs: values.SIM_HEADERS_TIMEOUT_MS,
      keepAliveMs: values.SIM_KEEP_ALIVE_TIMEOUT_MS,
      connectionMs: values.SIM_CONNECTION_TIMEOUT_MS,
    },
    maxConnections: values.SIM_MAX_CONNECTIONS,
    webhookEgress: { allow: values.SIM_WEBHOOK_ALLOW, deny: values.SIM_WEBHOOK_DENY },
    webhookConcurrency: values.SIM_WEBHOOK_CONCURRENCY,
    store:
      values.SIM_STORE === 'memory'
        ? { kind: 'memory' }
        : { kind: 'redis', url: values.SIM_STORE, prefix: values.SIM_STORE_PREFIX },
  };
}
