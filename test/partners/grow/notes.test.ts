import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.js';
import { growOrder } from '../../support/grow-orders.js';
import { growCatalogue, growProduct } from '../../support/grow-products.js';
import { publishedGrowPartial } from '../../support/grow-published.js';

// Credit and debit notes (reference §4; examples §26, §27): made from the sandbox's paid orders;
// the published (truncated) examples as far as they go.

const partial = publishedGrowPartial;

const PRODUCT = {
  ...growOrder().product,
  title: 'Comprehensive Car Plan XYZ',
  code: 'auto-com-xyz',
  id: 1,
  premium: 800000,
};
const insured = growOrder({
  id: 8,
  status: 'policy_created',
  created_at: '2022-03-24T08:00:00.000000Z',
  policy_start_date: '2022-03-24T00:00:00.000000Z',
  customer: { ref: 'string', email: 'string', phone: '408-867-5309', first_name: 'Jane', last_name: 'Doe' },
  product: PRODUCT,
  policy: {
    id: 8,
    number: 'PH-34243TF',
    start_date: '2022-03-24T00:00:00.000000Z',
    end_date: '2023-03-24T00:00:00.000000Z',
    status: 'active',
    document_url: 'http://localhost/api/v1/policies/8/doc',
  },
});
const awaitingPolicy = growOrder({ id: 9, status: 'paid' });
const unpaid = growOrder({ id: 11, status: 'pending' });

async function notesApp() {
  return testApp({
    grow: [insured, awaitingPolicy, unpaid],
    growCatalogue: growCatalogue([
      growProduct({
        code: 'auto-com-xyz',
        insurer: {
          code: 'AXA',
          name: 'Axa Mansard',
          logo_url: null,
          terms_conditions: null,
          country: 'NG',
          collection_account: { bank_name: 'fisrt bank', account_number: 3083137524, sort_code: 19201 },
        },
      }),
    ]),
  });
}

describe('Grow credit and debit notes', () => {
  it('the published lists and single notes, as far as the pages show them', async () => {
    const sim = await notesApp();

    const credits = await sim.request({ method: 'GET', url: '/v1/credit-notes?status=active' });
    const debits = await sim.request({ method: 'GET', url: '/v1/debit-notes?status=active' });
    const credit = await sim.request({ method: 'GET', url: '/v1/credit-notes/CN-34243TF' });
    const debit = await sim.request({ method: 'GET', url: '/v1/debit-notes/DN-34243TF' });

    expect(credits.body.startsWith(partial('credit-notes-list-200.partial'))).toBe(true);
    expect(credit.body.startsWith(partial('credit-note-get-200.partial'))).toBe(true);
    // The debit examples reuse the credit note's code (a copy-paste); ours is DN-.
    expect(debits.body.startsWith(partial('debit-notes-list-200.partial').replace('CN-', 'DN-'))).toBe(true);
    expect(debit.body.startsWith(partial('debit-note-get-200.partial').replace('CN-', 'DN-'))).toBe(true);
  });

  it('one note per paid order, pending until its policy is issued; filters and 404', async () => {
    const sim = await notesApp();

    const all = await sim.request({ method: 'GET', url: '/v1/debit-notes' });
    const pending = await sim.request({ method: 'GET', url: '/v1/credit-notes?status=pending&insurer=axa' });
    const otherInsurer = await sim.request({ method: 'GET', url: '/v1/credit-notes?insurer=LEADWAY' });
    const badStatus = await sim.request({ method: 'GET', url: '/v1/credit-notes?status=void' });
    const missing = await sim.request({ method: 'GET', url: '/v1/debit-notes/DN-NOPE' });

    expect(all.json().data.map((note: { code: string; status: string }) => [note.code, note.status])).toEqual(
      [
        ['DN-34243TF', 'active'],
        ['DN-000009', 'pending'],
      ],
    );
    expect(all.json().data[1].payment_details).toEqual({
      bank_name: 'AXA Collections',
      account_number: expect.any(Number),
      sort_code: expect.any(Number),
    });
    expect(pending.json().data.map((note: { code: string }) => note.code)).toEqual(['CN-000009']);
    expect(otherInsurer.json().data).toEqual([]);
    expect([badStatus.statusCode, badStatus.body]).toEqual([
      400,
      '{"message":"400 Bad Request (Client Error)"}',
    ]);
    expect([missing.statusCode, missing.body]).toEqual([404, '{"message":"Debit note not found"}']);
  });
});
