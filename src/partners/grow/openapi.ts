import { z } from 'zod';
import { type DocMeta, documented } from '../../shared/openapi.js';
import { ErrorSchema, OrderSchema } from './schemas.js';

/** Named components and route-specific examples of the Grow document. */
export const growDocs = z.registry<DocMeta>();
growDocs.add(OrderSchema, { id: 'Order', description: 'An order for an insurance product' });

/** The authorize page's examples (shared/seeds/grow-authorize-order.txt). */
export const SEED_AUTHORIZE_REQUEST = { id: 2 };
export const SEED_AUTHORIZED_ORDER = {
  id: 2,
  status: 'paid',
  amount_due: 1470,
  policy_start_date: '2022-04-06T00:00:00.000000Z',
  asset_ref: 'T2354354',
  currency: 'GHS',
  channel: 'API',
  created_at: '2022-04-06T10:34:20.000000Z',
  payment_made_at: '2022-04-06T10:34:20.000000Z',
  payment_method: 'wallet',
  product: {
    title: 'Comprehensive Car Plan XYZ',
    code: 'auto-com-xyz',
    id: 1,
    insurer: { code: 'AXA', name: 'Axa Mansard', logo_url: null, terms_conditions: null },
    'product type': { name: 'Goods in Transit', slug: 'GIT' },
    'cover-benefits': {},
    'created-at': 'string',
    price: 0,
    'premium-type': 'string',
    'premium-rate-unit': 0,
    'premium-rate': 0,
    premium: 0,
    'partner-commision-rate': 0,
    'min-premium': 'string',
    'premium-rules': 'string',
    premium_frequency: 'annually',
  },
  customer: { ref: 'string', email: 'string', phone: '408-867-5309', first_name: 'Jane', last_name: 'Doe' },
  policy: null,
};
export const SEED_ID_INVALID = {
  message: 'The given data was invalid',
  errors: { id: ['The ID is invalid'] },
};

/** An error response of this document, with one example body. */
export const errorResponse = (
  description: string,
  example: { message: string; errors?: Record<string, string[]> },
) => documented(growDocs, ErrorSchema, { description, examples: [example] });
