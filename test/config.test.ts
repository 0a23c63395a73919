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
      journalSize: 1000,
      now: undefined,
      seed: undefined,
      adminToken: undefined,
      growWebhook: { url: undefined, secret: '' },
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
        SIM_JOURNAL_SIZE: '50',
        SIM_NOW: '2024-05-01T12:00:00+02:00',
        SIM_SEED: 'qa-42',
        SIM_ADMIN_TOKEN: 's3cret',
        SIM_GROW_WEBHOOK_URL: 'http://127.0.0.1:9000/hooks/grow',
        SIM_GROW_WEBHOOK_SECRET: 'whsec',
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
      journalSize: 50,
      now: Date.parse('2024-05-01T10:00:00Z'),
      seed: 'qa-42',
      adminToken: 's3cret',
      growWebhook: { url: 'http://127.0.0.1:9000/hooks/grow', secret: 'whsec' },
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
      { SIM_GROW_POLICY_DELAY_MS: 'soon' },
      'Invalid SIM_GROW_POLICY_DELAY_MS="soon": expected a number of milliseconds from 0 to 2147483647.',
    ],
    [
      { SIM_NOW: 'yesterday' },
      'Invalid SIM_NOW="yesterday": expected an ISO 8601 instant like 2024-05-01T12:00:00Z.',
    ],
    [
      { SIM_NOW: '2024-02-30T00:00:00Z' },
      'Invalid SIM_NOW="2024-02-30T00:00:00Z": expected an ISO 8601 instant like 2024-05-01T12:00:00Z.',
    ],
    [{ SIM_GROW_WEBHOOK_URL: 'ftp://x' }, 'Invalid SIM_GROW_WEBHOOK_URL="ftp://x": expected an http(s) URL.'],
    [{ SIM_JOURNAL_SIZE: '0' }, 'Invalid SIM_JOURNAL_SIZE="0": expected an integer from 1 to 100000.'],
    [{ SIM_TOKENS: 'a b,c' }, 'Invalid SIM_TOKENS="a b,c": expected comma-separated tokens without spaces.'],
  ])('rejects %o in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
