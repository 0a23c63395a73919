import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { PARTNERS } from '../../../src/partners/index.js';
import { testConfig } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { sequentialIds } from '../../support/ids.js';
import { widgets } from './module.js';

// A third partner, registered by a test alone: journal, faults, state, reset, its document and
// its envelopes come from the registry, with nothing changed outside its folder.

async function withWidgets() {
  const app = await buildApp(testConfig(), {
    clock: new ManualClock(),
    ids: sequentialIds(),
    partners: [...PARTNERS, widgets],
    seeds: { battleface: undefined, grow: undefined },
  });
  onTestFinished(() => app.close());
  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    token = 'w-token',
  ) =>
    app.inject({
      method,
      url,
      payload: payload as string,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  return { app, call };
}

describe('a third partner from the registry', () => {
  it('serves its routes in its own envelopes, 401 and 404 included', async () => {
    const { call } = await withWidgets();

    const found = await call('GET', '/widgets-api/widgets/w1');
    const missing = await call('GET', '/widgets-api/widgets/nope');
    const anonymous = await call('GET', '/widgets-api/widgets/w1', undefined, '');
    const noRoute = await call('GET', '/widgets-api/nowhere');

    expect([found.statusCode, found.json()]).toEqual([200, { widget: { id: 'w1', active: false } }]);
    expect([missing.statusCode, missing.json()]).toEqual([404, { fault: 'No such widget.' }]);
    expect([anonymous.statusCode, anonymous.json()]).toEqual([401, { fault: 'Who are you?' }]);
    expect([noRoute.statusCode, noRoute.json()]).toEqual([404, { fault: 'No such route.' }]);
  });

  it('journals its requests and matches fault rules by its partner name and resource', async () => {
    const { call } = await withWidgets();
    await call('POST', '/__admin/faults', {
      match: { partner: 'widgets', order: 'w1' },
      action: { status: 503 },
      times: 1,
    });

    const faulted = await call('POST', '/widgets-api/widgets/w1/activate');
    const real = await call('POST', '/widgets-api/widgets/w1/activate');
    const journal = await call('GET', '/__admin/requests?partner=widgets');

    expect([faulted.statusCode, faulted.json()]).toEqual([503, { fault: 'Injected 503.' }]);
    expect(real.json()).toEqual({ widget: { id: 'w1', active: true } });
    expect(journal.json().requests.map((r: { status: number; path: string }) => [r.status, r.path])).toEqual([
      [200, '/widgets-api/widgets/w1/activate'],
      [503, '/widgets-api/widgets/w1/activate'],
    ]);
  });

  it('saves, loads and resets its state with the others', async () => {
    const { call } = await withWidgets();
    await call('POST', '/widgets-api/widgets/w1/activate');

    const saved = (await call('GET', '/__admin/state')).json();
    await call('PUT', '/__admin/state', saved, 'other-token');
    const loaded = await call('GET', '/widgets-api/widgets/w1', undefined, 'other-token');
    await call('POST', '/__admin/reset');
    const reset = await call('GET', '/widgets-api/widgets/w1');

    expect(saved.widgets).toEqual({ widgets: [{ id: 'w1', active: true }] });
    expect(loaded.json()).toEqual({ widget: { id: 'w1', active: true } });
    expect(reset.json()).toEqual({ widget: { id: 'w1', active: false } });
  });

  it('has its own OpenAPI document, offered at /__admin/openapi and on the start-up line', async () => {
    const { app, call } = await withWidgets();

    const document = await call('GET', '/__admin/openapi/widgets.json');

    expect(document.statusCode).toBe(200);
    expect(Object.keys(document.json().paths)).toEqual([
      '/widgets-api/widgets/{id}',
      '/widgets-api/widgets/{id}/activate',
    ]);
    expect(app.partners.map(({ seedSummary }) => seedSummary)).toEqual([
      '0 battleface orders, 0 products',
      '0 grow orders, 0 customers, 0 products',
      '1 widgets',
    ]);
  });
});
