import type { Ids } from '../../../lib/ids.js';
import { mergePatch } from '../../../lib/merge-patch.js';
import { StoredQuoteSchema } from '../schemas/quotes.js';
import { MONTHS } from './numbering.js';
import { quoteTime } from './quotes.js';

const DAY = 86_400_000;

/**
 * A whole saved quote from any part of one (`{}` included), for the control plane: what is given
 * is kept, the rest is the Create Dynamic Quotation example's product 1007 trip, starting a week
 * from the sandbox's now, with fresh ids. Unvalidated: the caller parses it.
 */
export function newQuote(partial: Record<string, unknown>, now: number, ids: Ids): unknown {
  const id = ids.hex(24);
  const start = now + 7 * DAY;
  const digits = String(Number.parseInt(ids.hex(5), 16) % 100_000).padStart(5, '0');
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const defaults = {
    _id: id,
    id,
    document_version: 1,
    quote_number: `1-${MONTHS[new Date(now).getUTCMonth()]}${digits}-1007`,
    email: null,
    affiliate_id: 1,
    product_id: '1007',
    quoted_price: 22.75,
    taxes: { stamp_duty: null, witholding: null },
    deductibles: { excess_fee: null },
    currency_id: 'USD',
    host_country: 'US',
    host_country_state: 'AL',
    trip_length: 13,
    start_date: date(start),
    end_date: date(start + 12 * DAY),
    deposit_date: date(now),
    created_at: quoteTime(now),
    updated_at: quoteTime(now),
    deleted_at: null,
    details: [
      {
        package_id: 76,
        package_alias: 'base_package',
        amount: 22.75,
        type: 'Base Package',
        value: null,
        detail: null,
      },
    ],
    applicants: [
      {
        type: 'applicant',
        email: null,
        is_main: true,
        age: 24,
        dob: `${new Date(start).getUTCFullYear() - 24}-01-01T00:00:00.000000Z`,
        trip_cost: 250,
      },
    ],
    destinations: [{ country: 'DE', risk_index: 1 }],
    reference: { employee_id: null, external: null },
    selection: {
      packages: [{ alias: 'base_package', limits: {}, reservations: {} }],
      deductible: null,
      discount: 0,
    },
  };
  return mergePatch(StoredQuoteSchema, defaults, partial);
}
