import { describe, expect, it } from 'vitest';
import type { StoredCustomer } from '../../../src/partners/grow/schemas/customers.js';
import { storesOf, TOKEN, testApp } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';
import { growCustomer } from '../../support/grow-customers.js';
import { scriptedIds } from '../../support/ids.js';

// Customers (reference §4 /customers, examples §4–§8): whole bodies, the published ones byte for byte.

const customer = growCustomer;

/** The guide's request (reference examples §4), its obfuscated email given a value. */
const GUIDE_REQUEST = {
  first_name: 'John',
  last_name: 'Doe',
  email: 'john.doe@example.com',
  middle_name: 'Smith',
  sex: 'M',
  birth_date: '1990-10-10',
  bvn: '93201832987',
  occupation: 'Accountant',
  city: 'Ikeja',
  residential_address: '6, city street, Lagos, Nigeria',
  state: 'Lagos',
  nationality: 'Nigerian',
  country: 'Nigeria',
  next_of_kin_name: 'Jane Doe',
  next_of_kin_phone: 'pariatur velit nulla anim',
  proof_of_address: { type: 'Electricity bill', url: 'https://example.com/proof_of_address.jpg' },
};

async function app(customers: StoredCustomer[] = [customer({ id: 7905 })]) {
  return testApp({
    growCustomers: customers,
    clock: new ManualClock('2024-05-01T12:00:00.250Z'),
    deps: { ids: scriptedIds({ alphanumeric: ['189JWSF7'] }) },
  });
}

describe('Grow customers', () => {
  it('creates a customer: 201 with the guide example, byte for byte (its email given a value)', async () => {
    const sim = await app();

    const response = await sim.request({ method: 'POST', url: '/api/v1/customers', payload: GUIDE_REQUEST });

    expect(response.statusCode).toBe(201);
    expect(response.body).toBe(
      '{"id":7906,"ref":"189jwsf7","first_name":"John","last_name":"Doe","birth_date":"1990-10-10T00:00:00.000000Z","email":"john.doe@example.com","phone":null}',
    );
    expect(storesOf(sim.app, TOKEN).grow.customers.find('189jwsf7')?.created_at).toBe(
      '2024-05-01T12:00:00.000000Z',
    );
  });

  it('a ref, or an email sent without one, is used once: the documented 422', async () => {
    const sim = await app([customer({ ref: 'CUS-1', email: 'taken@example.com' })]);

    const byRef = await sim.request({
      method: 'POST',
      url: '/v1/customers',
      payload: { ...GUIDE_REQUEST, ref: 'CUS-1' },
    });
    const byEmail = await sim.request({
      method: 'POST',
      url: '/v1/customers',
      payload: { ...GUIDE_REQUEST, email: 'TAKEN@example.com' },
    });

    expect([byRef.statusCode, byRef.json()]).toEqual([
      422,
      { message: 'The given data was invalid', errors: { ref: ['One Customer Cannot be Created Twice!'] } },
    ]);
    expect(byEmail.json()).toEqual({
      message: 'The given data was invalid',
      errors: { email: ['One Customer Cannot be Created Twice!'] },
    });
    expect(storesOf(sim.app, TOKEN).grow.customers.size).toBe(1);
  });

  it("answers Laravel's validation messages, field by field, and creates nothing", async () => {
    const sim = await app([]);

    const response = await sim.request({
      method: 'POST',
      url: '/v1/customers',
      payload: { last_name: '', email: 'not-an-email', sex: 'X', birth_date: '10/10/1990' },
    });

    expect([response.statusCode, response.json()]).toEqual([
      422,
      {
        message: 'The given data was invalid',
        errors: {
          first_name: ['The first name field is required.'],
          last_name: ['The last name field is required.'],
          email: ['The email must be a valid email address.'],
          sex: ['The selected sex is invalid.'],
          birth_date: ['The birth date is not a valid date.'],
        },
      },
    ]);
    expect(storesOf(sim.app, TOKEN).grow.customers.size).toBe(0);
  });

  it('reads a customer: the published example byte for byte; an unknown ref 404', async () => {
    const sim = await app([customer()]);

    const found = await sim.request({ method: 'GET', url: '/v1/customers/string' });
    const missing = await sim.request({ method: 'GET', url: '/v1/customers/nope' });

    expect(found.body).toBe(
      '{"data":{"ref":"string","email":"string","phone":"408-867-5309","first_name":"Jane","last_name":"Doe"}}',
    );
    expect([missing.statusCode, missing.json()]).toEqual([404, { message: 'Customer not found' }]);
  });

  it('lists and searches customers in pages, with links and no meta, as published', async () => {
    const sim = await app([
      customer({ id: 1, ref: 'A', email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' }),
      customer({ id: 2, ref: 'B', email: 'bob@example.com', first_name: 'Bob', last_name: 'Smith' }),
      customer({
        id: 3,
        ref: 'C',
        email: 'cy@example.com',
        first_name: 'Cy',
        last_name: 'Smithers',
        phone: null,
      }),
    ]);

    const page2 = await sim.request({ method: 'GET', url: '/api/v1/customers?per_page=2&page=2' });
    const search = await sim.request({ method: 'GET', url: '/api/v1/customers?search=smith' });
    const bad = await sim.request({ method: 'GET', url: '/api/v1/customers?per_page=1000' });

    expect(page2.json()).toEqual({
      data: [{ ref: 'C', email: 'cy@example.com', phone: null, first_name: 'Cy', last_name: 'Smithers' }],
      links: {
        first: 'http://localhost:80/api/v1/customers?page=1',
        last: 'http://localhost:80/api/v1/customers?page=2',
        prev: 'http://localhost:80/api/v1/customers?page=1',
        next: null,
      },
    });
    expect(search.json().data.map((found: { ref: string }) => found.ref)).toEqual(['B', 'C']);
    expect([bad.statusCode, bad.json()]).toEqual([400, { message: '400 Bad Request (Client Error)' }]);
  });

  it('PATCH fills in missing details only, and DELETE removes the customer', async () => {
    const sim = await app([customer({ ref: 'CUS-9', phone: null, city: 'Accra' })]);

    const patched = await sim.request({
      method: 'PATCH',
      url: '/v1/customers/CUS-9',
      payload: { phone: '+233200000000', city: 'Kumasi', first_name: 'Janet' },
    });
    const stored = storesOf(sim.app, TOKEN).grow.customers.find('CUS-9');
    const deleted = await sim.request({ method: 'DELETE', url: '/v1/customers/CUS-9' });
    const after = await sim.request({ method: 'GET', url: '/v1/customers/CUS-9' });

    expect(patched.json()).toEqual({
      data: { ref: 'CUS-9', email: 'string', phone: '+233200000000', first_name: 'Jane', last_name: 'Doe' },
    });
    expect(stored?.city).toBe('Accra');
    expect([deleted.statusCode, deleted.json()]).toEqual([200, { message: 'Customer deleted successfully' }]);
    expect(after.statusCode).toBe(404);
  });
});
