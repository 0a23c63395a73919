import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { growOrder } from '../support/grow-orders.js';

describe('request journal', () => {
  it('records every partner request with masked credentials, newest first', async () => {
    const sim = await testApp({ grow: [growOrder()] });
    await sim.request({ token: 'ci-token-1234', method: 'GET', url: '/v1/orders/10?include=all' });
    sim.clock.advance(1000);
    await sim.request({
      token: 'ci-token-1234',
      method: 'POST',
      url: '/api/v1/orders/authorize',
      headers: { 'x-admin-token': 'admin-secret', 'x-trace': 't1' },
      payload: { id: 10, extra: true },
    });

    const response = await sim.request({ token: 'ci-token-1234', method: 'GET', url: '/__admin/requests' });

    const [newest, oldest] = response.json().requests;
    expect(response.json().requests).toHaveLength(2);
    expect(newest).toEqual({
      id: '2',
      time: '2024-05-01T12:00:01.000Z',
      sandbox: '****1234',
      partner: 'grow',
      method: 'POST',
      path: '/api/v1/orders/authorize',
      query: {},
      headers: {
        authorization: '****1234',
        accept: 'application/json',
        'x-admin-token': '****cret',
        'x-trace': 't1',
        'content-type': 'application/json',
        'content-length': '22',
        'user-agent': 'lightMyRequest',
        host: 'localhost:80',
      },
      body: { id: 10, extra: true },
      status: 200,
      response_body: {
        order: { ...growOrder(), status: 'paid', payment_made_at: '2024-05-01T12:00:01.000000Z' },
      },
      duration_ms: expect.any(Number),
    });
    expect(oldest).toMatchObject({
      id: '1',
      method: 'GET',
      path: '/v1/orders/10',
      query: { include: 'all' },
      status: 200,
      // A stored order's response is sent from cached bytes; the journal shows it decoded.
      response_body: { order: growOrder() },
    });
  });

  it('filters by partner, method, path (with *), status, since and limit', async () => {
    const sim = await testApp({ grow: [growOrder()] });
    await sim.request({ method: 'GET', url: '/v1/orders/10' });
    await sim.request({ method: 'GET', url: '/v1/orders/11' });
    sim.clock.advance(60_000);
    await sim.request({ method: 'GET', url: '/api/partner/orders/X' });
    await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });
    const ids = async (query: string) =>
      (await sim.request({ method: 'GET', url: `/__admin/requests${query}` }))
        .json()
        .requests.map((r: { id: string }) => r.id);

    expect(await ids('')).toEqual(['4', '3', '2', '1']);
    expect(await ids('?partner=grow')).toEqual(['4', '2', '1']);
    expect(await ids('?method=get')).toEqual(['3', '2', '1']);
    expect(await ids('?path=/v1/orders/*')).toEqual(['4', '2', '1']);
    expect(await ids('?path=/v1/orders/10')).toEqual(['1']);
    expect(await ids('?status=404')).toEqual(['3', '2']);
    expect(await ids('?since=2024-05-01T12:01:00Z')).toEqual(['4', '3']);
    expect(await ids('?limit=1')).toEqual(['4']);
    const bad = await sim.request({ method: 'GET', url: '/__admin/requests?partner=acme' });
    expect(bad.statusCode).toBe(400);
  });

  it('counts with a matcher, the body matched partially', async () => {
    const sim = await testApp({ grow: [growOrder(), growOrder({ id: 11 })] });
    await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });
    await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 10 } });
    await sim.request({ method: 'POST', url: '/v1/orders/authorize', payload: { id: 11, note: 'x' } });
    const count = async (matcher: object) =>
      (await sim.request({ method: 'POST', url: '/__admin/requests/count', payload: matcher })).json();

    expect(await count({})).toEqual({ count: 3 });
    expect(await count({ body: { id: 10 } })).toEqual({ count: 2 });
    expect(await count({ body: { id: 10 }, status: 200 })).toEqual({ count: 1 });
    expect(
      await count({ partner: 'grow', method: 'post', path: '/v1/orders/authorize', body: { note: 'x' } }),
    ).toEqual({
      count: 1,
    });
    expect(await count({ partner: 'battleface' })).toEqual({ count: 0 });
  });

  it('keeps each sandbox to itself; without a token it lists all, unauthenticated requests included', async () => {
    const sim = await testApp();
    await sim.request({ token: 'a', method: 'GET', url: '/v1/orders/1' });
    await sim.request({ token: 'b', method: 'GET', url: '/v1/orders/2' });
    await sim.request({ token: null, method: 'GET', url: '/v1/orders/3' });

    const paths = async (token: string | null) =>
      (await sim.request({ token, method: 'GET', url: '/__admin/requests' }))
        .json()
        .requests.map((r: { path: string }) => r.path);

    expect(await paths('a')).toEqual(['/v1/orders/1']);
    expect(await paths('b')).toEqual(['/v1/orders/2']);
    expect(await paths(null)).toEqual(['/v1/orders/3', '/v1/orders/2', '/v1/orders/1']);
  });

  it('keeps at most SIM_JOURNAL_SIZE requests per sandbox, dropping the oldest', async () => {
    const sim = await testApp({ config: { journalSize: 3 } });
    for (const id of [1, 2, 3, 4, 5]) await sim.request({ method: 'GET', url: `/v1/orders/${id}` });

    const response = await sim.request({ method: 'GET', url: '/__admin/requests' });

    expect(response.json().requests.map((r: { path: string }) => r.path)).toEqual([
      '/v1/orders/5',
      '/v1/orders/4',
      '/v1/orders/3',
    ]);
  });

  it('forgets on DELETE, per sandbox or everywhere', async () => {
    const sim = await testApp();
    await sim.request({ token: 'a', method: 'GET', url: '/v1/orders/1' });
    await sim.request({ token: 'b', method: 'GET', url: '/v1/orders/2' });

    expect((await sim.request({ token: 'a', method: 'DELETE', url: '/__admin/requests' })).statusCode).toBe(
      204,
    );
    expect((await sim.request({ token: 'a', method: 'GET', url: '/__admin/requests' })).json()).toEqual({
      requests: [],
    });
    expect(
      (await sim.request({ token: 'b', method: 'GET', url: '/__admin/requests' })).json().requests,
    ).toHaveLength(1);

    await sim.request({ token: null, method: 'DELETE', url: '/__admin/requests' });
    expect((await sim.request({ token: null, method: 'GET', url: '/__admin/requests' })).json()).toEqual({
      requests: [],
    });
  });
});
