import { describe, expect, it } from 'vitest';
import { BUNDLED_FIXTURES_DIR, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 4010,
      logLevel: 'info',
      logFormat: 'auto',
      fixturesDir: BUNDLED_FIXTURES_DIR,
      tokens: undefined,
      maxSandboxes: 1000,
      growPolicyDelayMs: 2000,
      growClaimDelays: { reviewMs: 0, offerMs: 2000, payoutMs: 1000 },
      battlefaceIntentSucceedMs: 0,
      battlefaceAllowedIps: [],
      journalSize: 1000,
      now: undefined,
      seed: undefined,
      stateFile: undefined,
      adminToken: undefined,
      growWebhook: { url: undefined, secret: '' },
      growWebhookRetryDelaysMs: [10_000, 100_000, 1_000_000, 10_000_000],
      growJsonAlways: false,
      growThrottlePerMinute: 0,
      sandboxMaxBytes: 8 * 1024 * 1024,
      maxBytes: 192 * 1024 * 1024,
      sandboxIdleTtlMs: 0,
      timeouts: { requestMs: 30_000, headersMs: 10_000, keepAliveMs: 72_000, connectionMs: 0 },
      maxConnections: 2048,
      webhookEgress: { allow: [], deny: [] },
      webhookConcurrency: 32,
      store: { kind: 'memory' },
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        HOST: '0.0.0.0',
        PORT: '8080',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        FIXTURES_DIR: '/data/fixtures',
        SIM_TOKENS: 'ci-1, ci-2,,',
        SIM_MAX_SANDBOXES: '5',
        SIM_GROW_POLICY_DELAY_MS: '0',
        SIM_GROW_CLAIM_REVIEW_MS: '10',
        SIM_GROW_CLAIM_OFFER_MS: '20',
        SIM_GROW_CLAIM_PAYOUT_MS: '30',
        SIM_BATTLEFACE_INTENT_SUCCEED_MS: '5000',
        SIM_BATTLEFACE_ALLOWED_IPS: '203.0.113.0/24, 10.0.0.1',
        SIM_JOURNAL_SIZE: '50',
        SIM_NOW: '2024-05-01T12:00:00+02:00',
        SIM_SEED: 'qa-42',
        SIM_STATE_FILE: '/data/scenario.json',
        SIM_ADMIN_TOKEN: 's3cret',
        SIM_GROW_WEBHOOK_URL: 'http://127.0.0.1:9000/hooks/grow',
        SIM_GROW_WEBHOOK_SECRET: 'whsec',
        SIM_GROW_WEBHOOK_RETRY_SCHEDULE: '500ms, 10s,2m,1h,250',
        SIM_GROW_JSON_ALWAYS: '1',
        SIM_GROW_THROTTLE: '60',
        SIM_SANDBOX_MAX_BYTES: '512k',
        SIM_MAX_BYTES: '1g',
        SIM_SANDBOX_IDLE_TTL: '15m',
        SIM_REQUEST_TIMEOUT_MS: '5000',
        SIM_HEADERS_TIMEOUT_MS: '2000',
        SIM_KEEP_ALIVE_TIMEOUT_MS: '4000',
        SIM_CONNECTION_TIMEOUT_MS: '90000',
        SIM_MAX_CONNECTIONS: '64',
        SIM_WEBHOOK_ALLOW: '169.254.10.0/24',
        SIM_WEBHOOK_DENY: '10.0.0.0/8, *.internal',
        SIM_WEBHOOK_CONCURRENCY: '4',
        SIM_STORE: 'redis://:pw@redis.internal:6380/2',
        SIM_STORE_PREFIX: 'team-a:',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 8080,
      logLevel: 'warn',
      logFormat: 'json',
      fixturesDir: '/data/fixtures',
      tokens: ['ci-1', 'ci-2'],
      maxSandboxes: 5,
      growPolicyDelayMs: 0,
      growClaimDelays: { reviewMs: 10, offerMs: 20, payoutMs: 30 },
      battlefaceIntentSucceedMs: 5000,
      battlefaceAllowedIps: ['203.0.113.0/24', '10.0.0.1'],
      journalSize: 50,
      now: Date.parse('2024-05-01T10:00:00Z'),
      seed: 'qa-42',
      stateFile: '/data/scenario.json',
      adminToken: 's3cret',
      growWebhook: { url: 'http://127.0.0.1:9000/hooks/grow', secret: 'whsec' },
      growWebhookRetryDelaysMs: [500, 10_000, 120_000, 3_600_000, 250],
      growJsonAlways: true,
      growThrottlePerMinute: 60,
      sandboxMaxBytes: 512 * 1024,
      maxBytes: 1024 * 1024 * 1024,
      sandboxIdleTtlMs: 15 * 60_000,
      timeouts: { requestMs: 5000, headersMs: 2000, keepAliveMs: 4000, connectionMs: 90_000 },
      maxConnections: 64,
      webhookEgress: { allow: ['169.254.10.0/24'], deny: ['10.0.0.0/8', '*.internal'] },
      webhookConcurrency: 4,
      store: { kind: 'redis', url: 'redis://:pw@redis.internal:6380/2', prefix: 'team-a:' },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SIM_TOKENS: '' })).toMatchObject({ port: 4010, tokens: undefined });
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid PORT="abc": expected an integer from 0 to 65535.'],
    [{ PORT: '70000' }, 'Invalid PORT="70000": expected an integer from 0 to 65535.'],
    [{ PORT: '-1' }, 'Invalid PORT="-1": expected an integer from 0 to 65535.'],
    [
      { LOG_LEVEL: 'loud' },
      'Invalid LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent.',
    ],
    [{ SIM_MAX_SANDBOXES: '0' }, 'Invalid SIM_MAX_SANDBOXES="0": expected an integer from 1 to 1000000.'],
    [{ SIM_MAX_SANDBOXES: '1.5' }, 'Invalid SIM_MAX_SANDBOXES="1.5": expected an integer from 1 to 1000000.'],
    [
      { SIM_BATTLEFACE_ALLOWED_IPS: 'partner.example' },
      'Invalid SIM_BATTLEFACE_ALLOWED_IPS="partner.example": partner.example is not an IP address or CIDR range.',
    ],
    [
      { SIM_GROW_POLICY_DELAY_MS: 'soon' },
      'Invalid SIM_GROW_POLICY_DELAY_MS="soon": expected a number of milliseconds from 0 to 2147483647.',
    ],
    [
      { SIM_NOW: 'yesterday' },
      'Invalid SIM_NOW="yesterday": expected an ISO 8601 instant like 2024-05-01T12:00:00Z.',
    ],
    [
      { SIM_SANDBOX_MAX_BYTES: '8 tons' },
      'Invalid SIM_SANDBOX_MAX_BYTES="8 tons": expected a size in bytes from 65536 to 4294967296, or with a unit like 512k, 8m, 1g.',
    ],
    [
      { SIM_SANDBOX_IDLE_TTL: 'later' },
      'Invalid SIM_SANDBOX_IDLE_TTL="later": expected a duration like 900 (seconds), 30s, 15m, 12h or 7d; 0 turns it off.',
    ],
    [
      { SIM_WEBHOOK_DENY: '10.0.0.0/8 http://x' },
      'Invalid SIM_WEBHOOK_DENY="10.0.0.0/8 http://x": expected comma-separated CIDRs (10.0.0.0/8), addresses or host names with * (*.example.com).',
    ],
    [
      { SIM_WEBHOOK_ALLOW: '10.0.0.0/40' },
      'Invalid SIM_WEBHOOK_ALLOW="10.0.0.0/40": the prefix length must be 0 to 32.',
    ],
    [
      { SIM_NOW: '10000-01-01T00:00:00Z' },
      'Invalid SIM_NOW="10000-01-01T00:00:00Z": expected an ISO 8601 instant like 2024-05-01T12:00:00Z.',
    ],
    [
      { SIM_NOW: '2024-02-30T00:00:00Z' },
      'Invalid SIM_NOW="2024-02-30T00:00:00Z": expected an ISO 8601 instant like 2024-05-01T12:00:00Z.',
    ],
    [{ SIM_GROW_WEBHOOK_URL: 'ftp://x' }, 'Invalid SIM_GROW_WEBHOOK_URL="ftp://x": expected an http(s) URL.'],
    [
      { SIM_GROW_WEBHOOK_RETRY_SCHEDULE: 'slow' },
      'Invalid SIM_GROW_WEBHOOK_RETRY_SCHEDULE="slow": expected queue, fast, or comma-separated waits before each retry like 10s,1m,5m (ms, s, m, h; a bare number is ms; at most 20, each at most 24h).',
    ],
    [
      { SIM_GROW_WEBHOOK_RETRY_SCHEDULE: '1s,25h' },
      'Invalid SIM_GROW_WEBHOOK_RETRY_SCHEDULE="1s,25h": expected queue, fast, or comma-separated waits before each retry like 10s,1m,5m (ms, s, m, h; a bare number is ms; at most 20, each at most 24h).',
    ],
    [{ SIM_GROW_JSON_ALWAYS: 'yes' }, 'Invalid SIM_GROW_JSON_ALWAYS="yes": expected 0 or 1.'],
    [
      { SIM_GROW_THROTTLE: '-5' },
      'Invalid SIM_GROW_THROTTLE="-5": expected requests per minute per token, from 0 (off) to 1000000.',
    ],
    [{ SIM_JOURNAL_SIZE: '0' }, 'Invalid SIM_JOURNAL_SIZE="0": expected an integer from 1 to 100000.'],
    [{ SIM_TOKENS: 'a b,c' }, 'Invalid SIM_TOKENS="a b,c": expected comma-separated tokens without spaces.'],
  ])('rejects %o in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
