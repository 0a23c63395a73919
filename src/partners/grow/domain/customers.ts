import { formatSeconds } from '../../../lib/clock.js';
import { GrowError } from '../errors.js';
import type { CustomerPatch, CustomerRequest, StoredCustomer } from '../schemas/customers.js';

/** The guide's rule (reference §4 /customers): a ref, or an email sent without one, once only. */
export function duplicateOf(
  request: CustomerRequest,
  existing: { byRef: (ref: string) => StoredCustomer | undefined; all: () => StoredCustomer[] },
): GrowError | undefined {
  const message = 'One Customer Cannot be Created Twice!';
  if (request.ref) {
    return existing.byRef(request.ref)
      ? new GrowError(422, 'The given data was invalid', { ref: [message] })
      : undefined;
  }
  const email = request.email.toLowerCase();
  return existing.all().some((customer) => customer.email.toLowerCase() === email)
    ? new GrowError(422, 'The given data was invalid', { email: [message] })
    : undefined;
}

/**
 * A new customer: what the request gives, null for the rest. INFERENCE (reference §4): a ref
 * "automatically generated" is 8 lower-case letters and digits, like the guide's `189jwsf7`;
 * `birth_date` is stored as a timestamp at midnight, as the create answer prints it.
 */
export function newCustomer(
  request: CustomerRequest,
  context: { id: number; generatedRef: string; now: number },
): StoredCustomer {
  return {
    id: context.id,
    ref: request.ref ?? context.generatedRef,
    first_name: request.first_name,
    last_name: request.last_name,
    middle_name: request.middle_name ?? null,
    email: request.email,
    phone: request.phone ?? null,
    sex: request.sex ?? null,
    birth_date: request.birth_date ? `${request.birth_date}T00:00:00.000000Z` : null,
    bvn: request.bvn ?? null,
    occupation: request.occupation ?? null,
    city: request.city ?? null,
    residential_address: request.residential_address ?? null,
    state: request.state ?? null,
    nationality: request.nationality ?? null,
    country: request.country ?? null,
    next_of_kin_name: request.next_of_kin_name ?? null,
    next_of_kin_phone: request.next_of_kin_phone ?? null,
    proof_of_address: request.proof_of_address ?? null,
    created_at: formatSeconds(context.now),
  };
}

/**
 * PATCH fills in missing details only: "information already provided would not be overwritten"
 * (reference examples §7). The ref never changes.
 */
export function withMissingDetails(customer: StoredCustomer, patch: CustomerPatch): StoredCustomer {
  const next: Record<string, unknown> = { ...customer };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'ref' || value === undefined || value === null || !(key in customer)) continue;
    const current = next[key];
    if (current !== null && current !== '') continue;
    next[key] = key === 'birth_date' ? `${value}T00:00:00.000000Z` : value;
  }
  return next as StoredCustomer;
}

/** The guide's 201 body. */
export const createdView = (customer: StoredCustomer) => ({
  id: customer.id,
  ref: customer.ref,
  first_name: customer.first_name,
  last_name: customer.last_name,
  birth_date: customer.birth_date,
  email: customer.email,
  phone: customer.phone,
});

/** The short shape of reads and lists. */
export const customerView = (customer: StoredCustomer) => ({
  ref: customer.ref,
  email: customer.email,
  phone: customer.phone,
  first_name: customer.first_name,
  last_name: customer.last_name,
});

/** `search` looks in the email, the names, the phone and the ref (reference examples §5). */
export function matchesSearch(customer: StoredCustomer, search: string): boolean {
  const needle = search.toLowerCase();
  return [
    customer.email,
    customer.first_name,
    customer.last_name,
    `${customer.first_name} ${customer.last_name}`,
    customer.phone ?? '',
    customer.ref,
  ].some((field) => field.toLowerCase().includes(needle));
}
