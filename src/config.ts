import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The fixtures shipped with partner-sim (`<package>/fixtures`, from both src/ and dist/). */
export const BUNDLED_FIXTURES_DIR = fileURLToPath(new URL('../fixtures', import.meta.url));

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** auto: pretty lines when stdout is a terminal, JSON lines otherwise. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

const integer = (min: number, max: number, what: string) =>
  z.string().regex(/^\d+$/, what).transform(Number).pipe(z.number().int().min(min, what).max(max, what));

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT = 'an ISO 8601 instant like 2024-05-01T12:00:00Z';

/** Rejects dates Date.parse would roll over, such as February 30. */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

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
  SIM_JOURNAL_SIZE: integer(1, 100_000, 'an integer from 1 to 100000').default(1000),
  SIM_NOW: z
    .string()
    .regex(ISO_INSTANT, INSTANT)
    .refine(isCalendarDate, INSTANT)
    .transform((text) => Date.parse(text))
    .refine(Number.isFinite, INSTANT)
    .optional(),
  SIM_SEED: z.string().optional(),
  SIM_ADMIN_TOKEN: z.string().regex(/^\S+$/, 'a token without spaces').optional(),
  SIM_GROW_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
  SIM_GROW_WEBHOOK_SECRET: z.string().optional(),
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
  /** Requests kept per sandbox journal. */
  journalSize: number;
  /** When set, new sandbox clocks start frozen at this instant (ms). */
  now: number | undefined;
  /** When set, ids and fault coin flips are reproducible. */
  seed: string | undefined;
  /** When set, every /__admin request but health needs `X-Admin-Token: <value>`. */
  adminToken: string | undefined;
  /** Where every sandbox sends Grow webhooks unless told otherwise, and the signing secret. */
  growWebhook: { url: string | undefined; secret: string };
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

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable counts as unset, as with `PORT= npm start`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const expected = issue?.message ?? 'a valid value';
    throw new ConfigError(
      `Invalid ${name}=${JSON.stringify(env[name] ?? '')}: expected ${expected}.`,
      name,
      expected,
    );
  }
  const values = parsed.data;
  return {
    host: values.HOST,
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
    fixturesDir: values.FIXTURES_DIR,
    tokens: values.SIM_TOKENS && values.SIM_TOKENS.length > 0 ? values.SIM_TOKENS : undefined,
    maxSandboxes: values.SIM_MAX_SANDBOXES,
    growPolicyDelayMs: values.SIM_GROW_POLICY_DELAY_MS,
    journalSize: values.SIM_JOURNAL_SIZE,
    now: values.SIM_NOW,
    seed: values.SIM_SEED,
    adminToken: values.SIM_ADMIN_TOKEN,
    growWebhook: { url: values.SIM_GROW_WEBHOOK_URL, secret: values.SIM_GROW_WEBHOOK_SECRET ?? '' },
  };
}
