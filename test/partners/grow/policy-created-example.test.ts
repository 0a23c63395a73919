import { describe, expect, it } from 'vitest';
import { OrderSchema } from '../../../src/partners/grow/schemas/orders.js';
import { policyCreatedData, policyDocumentName } from '../../../src/partners/grow/webhooks/events.js';
import { phpJson } from '../../../src/partners/grow/webhooks/wire.js';
import { growCustomer } from '../../support/grow-customers.js';
import { growOrder } from '../../support/grow-orders.js';
import { publishedGrowFile } from '../../support/grow-published.js';

/** The docs' current policy.created, the version "that contains the provider" (examples §33). */
const PUBLISHED = publishedGrowFile('wh-policy-created-new.json');

/**
 * The stored page's layout (a newline after every value, a space after two colons) is the docs'
 * rendering, not the wire (examples, "How to read this file"): whitespace outside strings goes,
 * every other byte (the escaped slashes included) stays.
 */
function compact(json: string): string {
  return json.replace(/("(?:[^"\\]|\\.)*")|\s+/g, (_match, text: string | undefined) => text ?? '');
}

describe('policy.created, the version with provider and insurer', () => {
  it("reproduces the docs' example byte for byte from its order, customer and document", () => {
    const order = OrderSchema.parse(
      growOrder({
        id: 129,
        status: 'policy_created',
        amount_due: 9750.54,
        asset_ref: null,
        currency: 'NGN',
        channel: 'Dashboard',
        product: {
          ...growOrder().product,
          insurer: { code: 'OM', name: 'OLD MUTUAL', logo_url: null, terms_conditions: null },
          premium: 10000,
        },
        customer: {
          ref: 'Curacel_65',
          email: 'emeka.adirije@example.com',
          phone: '08123456789',
          first_name: 'Emeka',
          last_name: 'Adirije',
        },
        policy: {
          id: 16,
          number: '343473',
          start_date: '2022-08-24T00:00:00.000000Z',
          end_date: '2022-09-10T00:00:00.000000Z',
          status: 'active',
          document_url: 'https://api.playbox.grow.curacel.co/api/v1/policies/16/doc',
        },
      }),
    );
    const customer = growCustomer({ id: 65, ref: 'Curacel_65', birth_date: '2006-08-15T00:00:00.000000Z' });

    const data = policyCreatedData(order, { customer, documentName: 'curacel_343473.jpg' });

    expect(phpJson({ event: 'policy.created', data })).toBe(compact(PUBLISHED));
  });

  it('names a generated document as the real sandbox delivery does', () => {
    expect(policyDocumentName({ number: 'CUR/CREDITCHEK/POLC/GIT/23/5971' })).toBe(
      'curcreditchekpolcgit235971_curacel.pdf',
    );
    expect(policyDocumentName({ number: 'AXA-GIT-2024-000001' })).toBe('axagit2024000001_curacel.pdf');
  });
});
