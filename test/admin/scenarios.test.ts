import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { BUNDLED_FIXTURES_DIR } from '../../src/config.js';
import { PARTNERS } from '../../src/partners/index.js';
import { renderScenarioLibrary, SCENARIOS_DIR } from '../../src/tools/scenario-library.js';
import { type TestApp, testApp, testConfig } from '../support/app.js';
import { battlefaceOrder } from '../support/battleface-orders.js';
import { ManualClock } from '../support/clock.js';
import { growOrder } from '../support/grow-orders.js';

// Named scenarios (issue 19): whole sandbox states saved under a name, and the built-in library
// in fixtures/scenarios/, each loaded into the bearer token's sandbox.

const LIBRARY = [
  'battleface-awaiting-approval',
  'battleface-card-declined',
  'grow-claim-offer-waiting',
  'grow-instalment-due-tomorrow',
  'grow-policy-about-to-be-issued',
];
const bundledSeeds = () =>
  Object.fromEntries(PARTNERS.map((partner) => [partner.name, partner.loadSeed(BUNDLED_FIXTURES_DIR)]));
const withLibrary = () =>
  testApp({ config: { fixturesDir: BUNDLED_FIXTURES_DIR }, deps: { seeds: bundledSeeds() } });
const library = (name: string) =>
  JSON.parse(readFileSync(new URL(`${name}.json`, SCENARIOS_DIR), 'utf8')) as { description: string };

async function load(sim: TestApp, name: string, token = 'qa') {
  const loaded = await sim.request({ token, method: 'POST', url: `/__admin/scenarios/${name}/load` });
  expect(loaded.statusCode, loaded.body).toBe(200);
  return loaded.json();
}

describe('the scenario library', () => {
  it('lists every file of fixtures/scenarios with its description, as library scenarios', async () => {
    const sim = await withLibrary();

    const response = await sim.request({ token: null, method: 'GET', url: '/__admin/scenarios' });

    expect(response.json()).toEqual({
      scenarios: LIBRARY.map((name) => ({ name, description: library(name).description, source: 'library' })),
    });
  });

  it('is committed as the simulator builds it (npm run scenarios)', async () => {
    const built = await renderScenarioLibrary();
    expect(Object.keys(built).sort()).toEqual(LIBRARY.map((name) => `${name}.json`));
    for (const [file, text] of Object.entries(built)) {
      expect(
        readFileSync(new URL(file, SCENARIOS_DIR), 'utf8'),
        `fixtures/scenarios/${file} is out of date: run \`npm run scenarios\` and commit the result`,
      ).toBe(text);
    }
  }, 30_000);

  it('battleface-awaiting-approval: the Pending order is approved by Process Payment, with its document and email', async () => {
    const sim = await withLibrary();
    await load(sim, 'battleface-awaiting-approval');

    const approved = await sim.request({
      token: 'qa',
      method: 'POST',
      url: '/api/partner/orders/1-MAR8D39-D7921E36B462/payment/status',
      payload: { status: 'Approved' },
    });
    const emails = await sim.request({ token: 'qa', method: 'GET', url: '/__admin/battleface/emails' });

    expect(approved.json().data).toMatchObject({
      status: 'Approved',
      approved_at: '2026-01-15T09:00:00.000000Z',
    });
    expect(emails.json().emails).toHaveLength(1);
  });

  it('battleface-card-declined: the order stays Pending, its intent failed and open for another try', async () => {
    const sim = await withLibrary();
    await load(sim, 'battleface-card-declined');
    const order = '/api/partner/orders/1-MAR88D5-C5367493FEA3';

    const pending = await sim.request({ token: 'qa', method: 'GET', url: order });
    const paid = await sim.request({
      token: 'qa',
      method: 'POST',
      url: '/__admin/battleface/orders/1-MAR88D5-C5367493FEA3/payment/intent',
      payload: { outcome: 'succeeded' },
    });

    expect(pending.json().data.status).toBe('Pending');
    expect(paid.json().data.status).toBe('Approved');
  });

  it('grow-policy-about-to-be-issued: order 2 is paid, and the policy is issued 2 s later on the frozen clock', async () => {
    const sim = await withLibrary();
    await load(sim, 'grow-policy-about-to-be-issued');

    const before = await sim.request({ token: 'qa', method: 'GET', url: '/v1/orders/2' });
    await sim.request({ token: 'qa', method: 'POST', url: '/__admin/clock/advance', payload: { ms: 2000 } });
    const after = await sim.request({ token: 'qa', method: 'GET', url: '/v1/orders/2' });

    expect(before.json().order).toMatchObject({ status: 'paid', policy: null });
    expect(after.json().order.status).toBe('policy_created');
    expect(after.json().order.policy).toMatchObject({ status: 'active' });
  });

  it('grow-claim-offer-waiting: the offer is waiting, and the partner accepts its voucher', async () => {
    const sim = await withLibrary();
    const state = await load(sim, 'grow-claim-offer-waiting');
    const voucher = state.grow.claims[0].vouchers.at(-1);

    const claim = await sim.request({ token: 'qa', method: 'GET', url: '/v1/claims/1' });
    const accepted = await sim.request({
      token: 'qa',
      method: 'PUT',
      url: `/v1/claims/1/discharge-voucher/${voucher.id}`,
      payload: { status: 'accept' },
    });

    expect(claim.json().data).toMatchObject({
      status: 'discharge_voucher',
      amount_approved: '150.00',
    });
    expect(accepted.json().data.status).toBe('approved');
  });

  it('grow-instalment-due-tomorrow: the authorised instalment is paid from the wallet a day later', async () => {
    const sim = await withLibrary();
    await load(sim, 'grow-instalment-due-tomorrow');
    const balance = async () =>
      (
        await sim.request({ token: 'qa', method: 'GET', url: '/v1/partners/wallet/balance?wallet=NGN' })
      ).json();

    const pending = await sim.request({ token: 'qa', method: 'GET', url: '/__admin/clock/pending' });
    const before = await balance();
    await sim.request({
      token: 'qa',
      method: 'POST',
      url: '/__admin/clock/advance',
      payload: { ms: 86_400_000 },
    });
    const after = await balance();
    const state = (await sim.request({ token: 'qa', method: 'GET', url: '/__admin/state' })).json();

    expect(pending.json().work[0]).toEqual({
      partner: 'grow',
      kind: 'instalment charge',
      subject: 'instalment 2 of 12, order 7',
      due_at: '2026-02-01T00:00:00.000000Z',
    });
    expect(state.clock).toEqual({ now: '2026-02-01T00:00:00.000Z', frozen: true });
    expect(state.grow.instalments[0]).toMatchObject({
      number: 2,
      status: 'paid',
      due_at: '2026-02-01T00:00:00.000000Z',
    });
    expect([before, after]).toEqual([
      [expect.objectContaining({ currency: 'NGN', balance: '239312.50' })],
      [expect.objectContaining({ currency: 'NGN', balance: '228625.00' })],
    ]);
  });

  it('a bad library file stops start-up, naming the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
    mkdirSync(join(dir, 'scenarios'));
    writeFileSync(
      join(dir, 'scenarios', 'broken.json'),
      JSON.stringify({ description: 'x', state: { version: 1 } }),
    );

    await expect(buildApp(testConfig({ fixturesDir: dir }))).rejects.toThrow(
      `Invalid fixture ${join(dir, 'scenarios', 'broken.json')}: field state.version: expected 2: this simulator loads states of version 2 (save one with GET /__admin/state)`,
    );
  });
});

describe('saved scenarios', () => {
  const clock = () => new ManualClock('2024-05-01T12:00:00.000Z');

  it("saves a sandbox's state under a name, lists it, and loads it into another sandbox", async () => {
    const sim = await testApp({ battleface: [battlefaceOrder()], grow: [growOrder()], clock: clock() });
    await sim.request({
      token: 'anna-sandbox-0001',
      method: 'PUT',
      url: '/__admin/clock',
      payload: { now: '2030-01-01T00:00:00Z' },
    });
    await sim.request({
      token: 'anna-sandbox-0001',
      method: 'POST',
      url: '/v1/orders/authorize',
      payload: { id: 10 },
    });

    const saved = await sim.request({
      token: 'anna-sandbox-0001',
      method: 'PUT',
      url: '/__admin/scenarios/paid-order',
      payload: { description: 'Grow order 10 paid, its policy owed' },
    });
    const replaced = await sim.request({
      token: 'anna-sandbox-0001',
      method: 'PUT',
      url: '/__admin/scenarios/paid-order',
      payload: {},
    });
    const listed = await sim.request({ token: null, method: 'GET', url: '/__admin/scenarios' });
    const loaded = await load(sim, 'paid-order', 'bob');
    const anna = (
      await sim.request({ token: 'anna-sandbox-0001', method: 'GET', url: '/__admin/state' })
    ).json();

    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toEqual({
      name: 'paid-order',
      description: 'Grow order 10 paid, its policy owed',
      source: 'saved',
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toEqual({
      name: 'paid-order',
      description: 'Saved from sandbox ****0001 at 2024-05-01T12:00:00.000000Z',
      source: 'saved',
    });
    expect(listed.json()).toEqual({
      scenarios: [
        {
          name: 'paid-order',
          description: 'Saved from sandbox ****0001 at 2024-05-01T12:00:00.000000Z',
          source: 'saved',
        },
      ],
    });
    expect(loaded).toEqual(anna);
    expect(loaded.grow.pending_policies).toHaveLength(1);
    // The loaded sandbox runs the work its state holds, on its own clock.
    await sim.request({ token: 'bob', method: 'POST', url: '/__admin/clock/advance', payload: { ms: 2000 } });
    const order = await sim.request({ token: 'bob', method: 'GET', url: '/v1/orders/10' });
    expect(order.json().order.status).toBe('policy_created');
  });

  it('downloads a scenario as its file (description and state), uploads it under another name, deletes it', async () => {
    const sim = await testApp({ grow: [growOrder()], clock: clock() });
    await sim.request({ method: 'PUT', url: '/__admin/scenarios/first', payload: { description: 'one' } });

    const got = await sim.request({ token: null, method: 'GET', url: '/__admin/scenarios/first' });
    const { name, source, ...file } = got.json();
    const uploaded = await sim.request({
      token: null,
      method: 'PUT',
      url: '/__admin/scenarios/second',
      payload: file,
    });
    const second = await sim.request({ token: null, method: 'GET', url: '/__admin/scenarios/second' });
    const deleted = await sim.request({ token: null, method: 'DELETE', url: '/__admin/scenarios/second' });
    const gone = await sim.request({ token: null, method: 'GET', url: '/__admin/scenarios/second' });

    expect({ name, source, description: file.description }).toEqual({
      name: 'first',
      source: 'saved',
      description: 'one',
    });
    expect(file.state.grow.orders).toEqual([expect.objectContaining({ id: 10, status: 'pending' })]);
    expect(uploaded.statusCode).toBe(201);
    expect(second.json()).toEqual({ ...file, name: 'second', source: 'saved' });
    expect(deleted.statusCode).toBe(204);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({
      error:
        'No scenario second on this simulator: GET /__admin/scenarios lists them; save one with PUT /__admin/scenarios/second.',
    });
  });

  it('refuses a bad name, a bad state, a save without state or token, and an unknown scenario', async () => {
    const sim = await testApp();

    const badName = await sim.request({ token: null, method: 'GET', url: '/__admin/scenarios/..%2Fetc' });
    const badState = await sim.request({
      token: null,
      method: 'PUT',
      url: '/__admin/scenarios/x',
      payload: { state: { version: 1 } },
    });
    const noToken = await sim.request({
      token: null,
      method: 'PUT',
      url: '/__admin/scenarios/x',
      payload: {},
    });
    const unknownLoad = await sim.request({ method: 'POST', url: '/__admin/scenarios/nope/load' });
    const unknownDelete = await sim.request({ method: 'DELETE', url: '/__admin/scenarios/nope' });

    expect(badName.statusCode).toBe(400);
    expect(badName.json()).toEqual({
      error: 'Invalid input.',
      issues: [
        'name: a scenario name is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      ],
    });
    expect(badState.statusCode).toBe(400);
    expect(badState.json().issues).toContain(
      'state.version: expected 2: this simulator loads states of version 2 (save one with GET /__admin/state)',
    );
    expect(noToken.statusCode).toBe(400);
    expect(noToken.json()).toEqual({
      error:
        'This call acts on one sandbox: send Authorization: Bearer <token>, the token your partner requests use.',
    });
    expect(unknownLoad.statusCode).toBe(404);
    expect(unknownDelete.statusCode).toBe(404);
  });

  it('library scenarios cannot be replaced or deleted', async () => {
    const sim = await withLibrary();

    const put = await sim.request({
      method: 'PUT',
      url: '/__admin/scenarios/grow-claim-offer-waiting',
      payload: {},
    });
    const del = await sim.request({
      token: null,
      method: 'DELETE',
      url: '/__admin/scenarios/grow-claim-offer-waiting',
    });

    expect(put.statusCode).toBe(409);
    expect(put.json()).toEqual({
      error:
        'grow-claim-offer-waiting is a library scenario (FIXTURES_DIR/scenarios/grow-claim-offer-waiting.json), which cannot be replaced: save under another name.',
    });
    expect(del.statusCode).toBe(409);
    expect(del.json()).toEqual({
      error:
        'grow-claim-offer-waiting is a library scenario (FIXTURES_DIR/scenarios/grow-claim-offer-waiting.json): it cannot be deleted here; remove its file to drop it.',
    });
  });

  it('keeps at most 64 saved scenarios, and together no more bytes than a sandbox may hold', async () => {
    const sim = await testApp({ config: { sandboxMaxBytes: 40_000 } });
    for (let n = 0; n < 64; n++) {
      const saved = await sim.request({ method: 'PUT', url: `/__admin/scenarios/s${n}`, payload: {} });
      if (saved.statusCode !== 201) {
        expect(saved.statusCode).toBe(413);
        expect(saved.json().error).toMatch(
          /^This scenario needs about \d+ bytes and the saved scenarios already hold \d+ of their 40000 \(SIM_SANDBOX_MAX_BYTES, one sandbox's worth\): delete scenarios you no longer need \(DELETE \/__admin\/scenarios\/\{name\}\), or raise SIM_SANDBOX_MAX_BYTES\.$/,
        );
        // Deleting one makes room again.
        await sim.request({ token: null, method: 'DELETE', url: '/__admin/scenarios/s0' });
        const again = await sim.request({ method: 'PUT', url: `/__admin/scenarios/s${n}`, payload: {} });
        expect(again.statusCode).toBe(201);
        return;
      }
    }
    throw new Error('the byte bound never refused a scenario');
  });

  it('refuses a 65th saved scenario, saying how to make room', async () => {
    const sim = await testApp();
    for (let n = 0; n < 64; n++) {
      const saved = await sim.request({ method: 'PUT', url: `/__admin/scenarios/s${n}`, payload: {} });
      expect(saved.statusCode).toBe(201);
    }

    const refused = await sim.request({ method: 'PUT', url: '/__admin/scenarios/one-more', payload: {} });
    const replaced = await sim.request({ method: 'PUT', url: '/__admin/scenarios/s3', payload: {} });

    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error:
        'This simulator already keeps 64 saved scenarios, the most it keeps: delete one you no longer need (DELETE /__admin/scenarios/{name}) or replace one by its name.',
    });
    expect(replaced.statusCode).toBe(200);
  });
});
