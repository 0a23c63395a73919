// A partner's own integration test, written against partner-sim over HTTP only: copy this folder
// into your repository, point SIM_URL at a running simulator, and run `npx vitest run`.
import { beforeAll, describe, expect, it } from 'vitest';

const SIM_URL = process.env.SIM_URL ?? 'http://127.0.0.1:4010';
// One token per suite: its own sandbox, so suites sharing a simulator never see each other.
const TOKEN = process.env.SIM_TOKEN ?? 'client-test-suite';

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${SIM_URL}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

describe('our insurance integration against partner-sim', () => {
  beforeAll(async () => {
    const health = await call('GET', '/__admin/health');
    expect(health.body.status).toBe('ok');
    expect((await call('POST', '/__admin/reset')).status).toBe(204);
  });

  it('approves a battleface order whose payment arrived', async () => {
    const approved = await call('POST', '/api/partner/orders/1-MAR8D39-D7921E36B462/payment/status', {
      status: 'Approved',
      generate_docs: true,
    });

    expect(approved.status).toBe(200);
    expect(approved.body.data.status).toBe('Approved');
    expect(approved.body.data.items[0].policy_file_id).toEqual(expect.any(Number));
  });

  it('authorizes a Grow widget order', async () => {
    const authorized = await call('POST', '/api/v1/orders/authorize', { id: 3 });

    expect(authorized.status).toBe(200);
    expect(authorized.body.order).toMatchObject({ id: 3, status: 'paid', policy: null });
  });

  it('sent each call exactly once', async () => {
    const approvals = await call('POST', '/__admin/requests/count', {
      partner: 'battleface',
      method: 'POST',
      path: '/api/partner/orders/*/payment/status',
      body: { status: 'Approved' },
    });
    const authorizations = await call('POST', '/__admin/requests/count', {
      partner: 'grow',
      path: '*/orders/authorize',
      body: { id: 3 },
    });

    expect(approvals.body).toEqual({ count: 1 });
    expect(authorizations.body).toEqual({ count: 1 });
  });
});
