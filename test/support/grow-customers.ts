import type { StoredCustomer } from '../../src/partners/grow/schemas/customers.js';

/** A small stored Grow customer for one test: the published example's Jane Doe, details missing. */
export function growCustomer(overrides: Partial<StoredCustomer> = {}): StoredCustomer {
  return {
    id: 7901,
    ref: 'string',
    first_name: 'Jane',
    last_name: 'Doe',
    middle_name: null,
    email: 'string',
    phone: '408-867-5309',
    sex: null,
    birth_date: null,
    bvn: null,
    occupation: null,
    city: null,
    residential_address: null,
    state: null,
    nationality: null,
    country: null,
    next_of_kin_name: null,
    next_of_kin_phone: null,
    proof_of_address: null,
    created_at: '2022-04-06T10:00:00.000000Z',
    ...overrides,
  };
}
