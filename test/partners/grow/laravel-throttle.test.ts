import { describe, expect, it } from 'vitest';
import { errorPage } from '../../../src/partners/grow/laravel/error-page.js';
import { testApp } from '../../support/app.js';
import { growOrder } from '../../support/grow-orders.js';

const rateHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.startsWith('x-ratelimit') || name === 'retry-after'),
  );

// The clock starts at 2024-05-01T12:00:00Z: 1714564800 in Unix seconds.
describe("Grow's throttle:api (SIM_GROW_THROTTLE)", () => {
  it('counts requests per token in a minute opened by the first, then answers 429 until it ends', async () => {
    const sim = await testApp({ grow: [growOrder()], config: { growThrottlePerMinute: 2 } });
    const get = () => sim.request({ method: 'GET', url: '/v1/orders/10', unchecked: true });

    const first = await get();
    sim.clock.advance(30_000);
    const second = await get();
    sim.clock.advance(10_000);
    const third = await get();
    sim.clock.advance(19_999);
    const stillRefused = await get();
    sim.clock.advance(1);
    const again = await get();

    expect([first.statusCode, rateHeaders(first.headers)]).toEqual([
      200,
      { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1' },
    ]);
    expect(rateHeaders(second.headers)).toEqual({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0' });
    expect([third.statusCode, third.headers['content-type'], third.body]).toEqual([
      429,
      'application/json',
      '{\n    "message": "Too Many Attempts."\n}',
    ]);
    expect(rateHeaders(third.headers)).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      'retry-after': '20',
      'x-ratelimit-reset': '1714564860',
    });
    expect(rateHeaders(stillRefused.headers)).toMatchObject({
      'retry-after': '1',
      'x-ratelimit-reset': '1714564860',
    });
    expect([again.statusCode, rateHeaders(again.headers)]).toEqual([
      200,
      { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1' },
    ]);
  });

  it('puts its headers on errors and redirects, not on a 401, OPTIONS or an unknown route, which it does not count', async () => {
    const sim = await testApp({ config: { growThrottlePerMinute: 5 } });

    const refused = await sim.request({ token: 'bad token', method: 'GET', url: '/v1/orders/1' });
    const options = await sim.request({ method: 'OPTIONS', url: '/v1/orders' });
    const unknown = await sim.request({ method: 'GET', url: '/v1/nothing' });
    const invalid = await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: {} });
    const redirected = await sim.request({
      method: 'POST',
      url: '/api/v1/orders/authorize',
      accept: 'text/html',
      payload: {},
      unchecked: true,
    });
    const otherToken = await sim.request({ token: 'other', method: 'GET', url: '/v1/orders/1' });

    expect(rateHeaders(refused.headers)).toEqual({});
    expect(rateHeaders(options.headers)).toEqual({});
    expect(rateHeaders(unknown.headers)).toEqual({});
    expect([invalid.statusCode, rateHeaders(invalid.headers)]).toEqual([
      422,
      { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4' },
    ]);
    // Both mounts share the token's count.
    expect([redirected.statusCode, rateHeaders(redirected.headers)]).toEqual([
      302,
      { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '3' },
    ]);
    expect(rateHeaders(otherToken.headers)).toEqual({
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
    });
  });

  it("answers a client that does not ask for JSON with Laravel's 429 page, and changes nothing", async () => {
    const sim = await testApp({ grow: [growOrder()], config: { growThrottlePerMinute: 1 } });

    await sim.request({ method: 'GET', url: '/v1/orders/10' });
    const before = (await sim.request({ method: 'GET', url: '/__admin/state' })).body;
    const page = await sim.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      accept: 'text/html',
      payload: { id: 10 },
      unchecked: true,
    });

    expect([page.statusCode, page.headers['content-type'], page.body]).toEqual([
      429,
      'text/html; charset=UTF-8',
      errorPage(429),
    ]);
    expect(page.headers['retry-after']).toBe('60');
    expect((await sim.request({ method: 'GET', url: '/__admin/state' })).body).toBe(before);
  });

  it('is off by default: no headers, no limit', async () => {
    const sim = await testApp({ grow: [growOrder()] });

    const answer = await sim.request({ method: 'GET', url: '/v1/orders/10' });

    expect(rateHeaders(answer.headers)).toEqual({});
  });
});
