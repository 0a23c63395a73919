import { describe, expect, it } from 'vitest';
import type { ClaimForm } from '../../../src/partners/battleface/schemas/claims.js';
import type { Order } from '../../../src/partners/battleface/schemas/orders.js';
import { storesOf, TOKEN, testApp } from '../../support/app.js';
import { battlefaceOrder } from '../../support/battleface-orders.js';
import { bundledClaimForm, publishedExample } from '../../support/battleface-products.js';
import { ManualClock } from '../../support/clock.js';

// The Claims API (reference §3 #13–#14) at /battleface-claims: the form of a policy, and claims
// checked against it.

const required = (errMsg: string) => [{ errMsg, name: 'required' as const }];

/** A small form: a policy number, a name group, an email, a default the policy has no value for. */
const FORM: ClaimForm = {
  displayType: 'part',
  inputs: [
    {
      actions: ['next'],
      heading: 'You',
      inputs: [
        {
          default: '{{policy_number}}',
          label: 'Policy Number',
          name: 'policy-num',
          rules: required('Text is required'),
          type: 'text',
        },
        {
          inputs: [
            {
              default: '{{insured.first_name}}',
              label: 'First Name',
              name: 'first',
              rules: required('First Name is required'),
              type: 'text',
            },
            { default: '{{insured.last_name}}', label: 'Last Name', name: 'last', type: 'text' },
          ],
          layout: 'inline',
          name: 'name',
          type: 'group',
        },
        {
          default: '{{applicant.email}}',
          label: 'Email',
          name: 'email',
          rules: [{ errMsg: 'Email must be a valid email', name: 'email' }],
          type: 'text',
        },
        { default: '{{applicant.middle_name}}', label: 'Middle Name', name: 'middle', type: 'text' },
        { label: 'Date of Birth', name: 'dob', type: 'text' },
      ],
      name: 'personal',
    },
    {
      actions: ['submit'],
      heading: 'Claim',
      inputs: [{ label: 'Amount', name: 'amount', rules: required('Amount is required'), type: 'text' }],
      name: 'claim',
    },
  ],
};

const APPROVED = battlefaceOrder({ status: 'Approved', fileIds: [11240] });
const POLICY = '1-APR8000-000000000100-1';
const pair = (label: string, value: unknown) => ({ label, value });

function claim(overrides: { first?: string; last?: string; policy?: string; extra?: object } = {}) {
  return {
    personal: {
      'policy-num': pair('Policy Number', overrides.policy ?? POLICY),
      name: pair('Name', {
        first: pair('First Name', overrides.first ?? 'Ada'),
        last: pair('Last Name', overrides.last ?? 'Lovelace'),
      }),
      email: pair('Email', 'ada@example.com'),
      'external-ref': pair('External Reference ID', 'this-can-be-anything'),
      ...overrides.extra,
    },
    claim: pair('Claim', {
      amount: pair('Amount', 250),
      files: [{ label: 'File:', id: 'c80e2239-34cb-4c73-91cb-9d6ff53cfd5a', filename: 'file.png' }],
    }),
  };
}

async function claimsApp(orders: Order[] = [APPROVED]) {
  return testApp({ battleface: orders, claimForm: FORM, clock: new ManualClock('2024-07-01T10:00:00.000Z') });
}

describe('battleface Claims API: Questions', () => {
  it('reproduces the published form as far as the page shows, from the policy of the example', async () => {
    const order = battlefaceOrder({ status: 'Approved', fileIds: [11240] });
    const item = order.items[0];
    if (!item) throw new Error('no item');
    item.policy_number = 'BFBF DCV0129240001';
    item.insured = { ...item.insured, first_name: 'CO_2', last_name: 'CO_2' };
    order.applicant = {
      ...order.applicant,
      email: 'testing@battleface.com',
      country_code: 'US',
      address: '45 E Lincoln Street',
      city: 'cityville',
    };
    const sim = await testApp({ battleface: [order], claimForm: bundledClaimForm() });

    const response = await sim.request({
      method: 'GET',
      url: '/battleface-claims/questions?policy_number=BFBF%20DCV0129240001',
    });

    expect(response.statusCode).toBe(200);
    expect(response.body.slice(0, publishedExample('claimq-200.partial').length)).toBe(
      publishedExample('claimq-200.partial'),
    );
  });

  it('fills the defaults from the policy and leaves out one the policy has no value for', async () => {
    const sim = await claimsApp();

    const response = await sim.request({
      method: 'GET',
      url: `/battleface-claims/questions?policy_number=${POLICY}`,
    });

    expect(response.statusCode).toBe(200);
    const personal = FORM.inputs[0];
    const claimPart = FORM.inputs[1];
    if (!personal || !claimPart) throw new Error('form parts');
    const [policyNum, name, email, middle, dob] = personal.inputs;
    expect(response.json()).toEqual({
      displayType: 'part',
      inputs: [
        {
          actions: ['next'],
          heading: 'You',
          inputs: [
            { ...policyNum, default: POLICY },
            {
              ...name,
              inputs: [
                { ...name?.inputs?.[0], default: 'Ada' },
                { ...name?.inputs?.[1], default: 'Lovelace' },
              ],
            },
            { ...email, default: 'ada@example.com' },
            { label: middle?.label, name: 'middle', type: 'text' },
            dob,
          ],
          name: 'personal',
        },
        claimPart,
      ],
    });
  });

  it('answers 404 for a policy no order has, and 406 without policy_number', async () => {
    const sim = await claimsApp();

    const unknown = await sim.request({
      method: 'GET',
      url: '/battleface-claims/questions?policy_number=17-OC20912-86198',
    });
    const missing = await sim.request({ method: 'GET', url: '/battleface-claims/questions' });

    expect([unknown.statusCode, unknown.body]).toEqual([404, '{"error":"Policy not found."}']);
    expect([missing.statusCode, missing.body]).toEqual([406, '{"error":"Policy number not provided."}']);
  });

  it('needs the token, as the Partner API does', async () => {
    const sim = await claimsApp();

    const response = await sim.request({
      method: 'GET',
      url: `/battleface-claims/questions?policy_number=${POLICY}`,
      token: null,
    });

    expect([response.statusCode, response.body]).toEqual([401, '{"error":"Expired or Invalid JWT Token."}']);
  });
});

describe('battleface Claims API: Create Claim', () => {
  it('files a claim against an approved policy: 201, kept in the sandbox with the whole submission', async () => {
    const sim = await claimsApp();
    const body = claim();

    const response = await sim.request({ method: 'POST', url: '/battleface-claims/claim', payload: body });

    expect(response.statusCode).toBe(201);
    expect(response.body).toBe(
      '{"claimNumber":"CL-0000000001","externalRef":"this-can-be-anything","policyNumber":"1-APR8000-000000000100-1","status":"Submitted","submittedAt":"2024-07-01T10:00:00.000000Z"}',
    );
    expect(storesOf(sim.app, TOKEN).battleface.claims.list()).toEqual([
      {
        claimNumber: 'CL-0000000001',
        policyNumber: POLICY,
        orderNumber: APPROVED.order_number,
        externalRef: 'this-can-be-anything',
        status: 'Submitted',
        submittedAt: '2024-07-01T10:00:00.000000Z',
        submission: body,
      },
    ]);
  });

  it('names every problem in one message, in the form’s order, and keeps nothing', async () => {
    const sim = await claimsApp();
    const body = {
      personal: {
        name: pair('Name', { first: pair('First Name', '  ') }),
        email: pair('Email', 'not-an-email'),
        stray: 'no label',
      },
      claim: pair('Claim', {}),
      payment: {},
    };

    const response = await sim.request({ method: 'POST', url: '/battleface-claims/claim', payload: body });

    expect(response.statusCode).toBe(406);
    expect(response.json()).toEqual({
      error:
        'Text is required. First Name is required. Email must be a valid email. Amount is required. ' +
        'personal.stray must be a label-value pair ({"label","value"}) or a file ({"label","id","filename"}). ' +
        'payment is not a section of the claim form (sections: personal, claim).',
    });
    expect(storesOf(sim.app, TOKEN).battleface.claims.size).toBe(0);
  });

  it('requires dob when the claimant is not the insured, and takes the claim with it', async () => {
    const sim = await claimsApp();

    const without = await sim.request({
      method: 'POST',
      url: '/battleface-claims/claim',
      payload: claim({ first: 'Grace' }),
    });
    const withDob = await sim.request({
      method: 'POST',
      url: '/battleface-claims/claim',
      payload: claim({ first: 'Grace', extra: { dob: pair('Date of Birth', '1994-03-03') } }),
    });

    expect([without.statusCode, without.body]).toEqual([
      406,
      '{"error":"Date of Birth is required when the claimant is not the primary policyholder."}',
    ]);
    expect(withDob.statusCode).toBe(201);
  });

  it('refuses a policy of a Pending order (422) and an unknown one (404)', async () => {
    const pending = battlefaceOrder({ orderNumber: '1-APR0002-000000000002' });
    const sim = await claimsApp([pending]);

    const notApproved = await sim.request({
      method: 'POST',
      url: '/battleface-claims/claim',
      payload: claim(),
    });
    const unknown = await sim.request({
      method: 'POST',
      url: '/battleface-claims/claim',
      payload: claim({ policy: '17-OC20912-86198' }),
    });

    expect([notApproved.statusCode, notApproved.body]).toEqual([
      422,
      '{"error":"Claims can only be filed for a policy whose order is Approved."}',
    ]);
    expect([unknown.statusCode, unknown.body]).toEqual([404, '{"error":"Policy not found."}']);
    expect(storesOf(sim.app, TOKEN).battleface.claims.size).toBe(0);
  });

  it('answers 406, never a 5xx, for pairs nested past the limit or a body that is not an object', async () => {
    const sim = await claimsApp();
    const depth = 100;
    const deep = `${'{"label":"Nested","value":{"next":'.repeat(depth)}"x"${'}}'.repeat(depth)}`;
    const body = JSON.stringify(claim({ extra: { notes: '@' } })).replace('"@"', deep);

    const nested = await sim.request({
      method: 'POST',
      url: '/battleface-claims/claim',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    const array = await sim.request({ method: 'POST', url: '/battleface-claims/claim', payload: [1, 2] });

    expect(nested.statusCode).toBe(406);
    expect(nested.json().error).toBe(
      `personal.notes${'.next'.repeat(15)}: label-value pairs nest at most 16 deep.`,
    );
    expect([array.statusCode, array.body]).toEqual([
      406,
      '{"error":"The request body must be a JSON object with the sections personal, claim and consent."}',
    ]);
  });

  it('keeps claims in the saved state, and a loaded state brings them back', async () => {
    const sim = await claimsApp();
    await sim.request({ method: 'POST', url: '/battleface-claims/claim', payload: claim() });

    const saved = await sim.request({ method: 'GET', url: '/__admin/state' });
    const loaded = await sim.request({
      method: 'PUT',
      url: '/__admin/state',
      token: 'other',
      payload: saved.json(),
    });

    expect(saved.json().battleface.claims).toEqual(storesOf(sim.app, TOKEN).battleface.claims.list());
    expect(loaded.statusCode).toBe(200);
    expect(storesOf(sim.app, 'other').battleface.claims.list()).toEqual(
      storesOf(sim.app, TOKEN).battleface.claims.list(),
    );
    expect(storesOf(sim.app, 'other').battleface.claims.size).toBe(1);
  });
});
