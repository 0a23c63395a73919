import { z } from 'zod';
import { CustomerSchema, ProductSchema } from './orders.js';
import { paginatedSchema } from './pagination.js';
import { PurchaseRequestSchema } from './purchases.js';

// Quotes (reference §4 /quotes; examples §14–§18). The list and the single quote share the list
// item's keys (the single quote is the root object, unwrapped, as published); creation answers
// `{"message", "quote"}` as a client library's fixture shows.

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

/** A quote as the sandbox keeps it: its wire fields and the request it prices. */
export const StoredQuoteSchema = z.strictObject({
  id: z.int().positive(),
  ref: z.string().min(1),
  status: z.enum(['pending', 'paid']),
  amount_due: z.number(),
  policy_start_date: timestamp,
  product_price: z.number(),
  asset_ref: z.string().nullable(),
  currency: z.string(),
  created_at: timestamp,
  company_name: z.string(),
  product: ProductSchema,
  customer: CustomerSchema,
  partner_commission: z.number(),
  partner_commission_rate: z.number(),
  description: z.string(),
  /** What the quote was priced from; accepting it buys exactly this. */
  request: z.record(z.string(), z.unknown()),
});
export type StoredQuote = z.infer<typeof StoredQuoteSchema>;

export const QuoteViewSchema = StoredQuoteSchema.pick({
  id: true,
  ref: true,
  status: true,
  amount_due: true,
  policy_start_date: true,
  product_price: true,
  asset_ref: true,
  currency: true,
  created_at: true,
  company_name: true,
  product: true,
  customer: true,
});

export const CreatedQuoteSchema = z.strictObject({
  message: z.string(),
  quote: StoredQuoteSchema.pick({
    id: true,
    asset_ref: true,
    product_price: true,
    partner_commission: true,
    partner_commission_rate: true,
    amount_due: true,
    currency: true,
    company_name: true,
    description: true,
    policy_start_date: true,
  }),
});

export const QuoteListSchema = paginatedSchema(QuoteViewSchema);

export const QuoteRequestSchema = PurchaseRequestSchema;

export const AcceptQuoteSchema = z.object(
  {
    ref: z
      .string({
        error: (issue) => (issue.input == null ? 'The ref field is required.' : 'The ref must be a string.'),
      })
      .min(1, 'The ref field is required.'),
    asset_ref: PurchaseRequestSchema.shape.asset_ref,
    customer_ref: z.string({ error: 'The customer ref must be a string.' }).optional(),
    policy_start_date: PurchaseRequestSchema.shape.policy_start_date.optional(),
    payment_type: PurchaseRequestSchema.shape.payment_type,
    attachments: PurchaseRequestSchema.shape.attachments,
    child_partner_id: PurchaseRequestSchema.shape.child_partner_id,
  },
  { error: 'The request body must be a JSON object like {"ref": "q-curacel-inc-1"}.' },
);

/** PATCH /quotes: the quote's ref and the fields to change (INFERENCE: a client's call). */
export const PatchQuoteSchema = PurchaseRequestSchema.partial().extend({ ref: AcceptQuoteSchema.shape.ref });

export const QuoteListQuerySchema = z.object({
  status: z.string().optional(),
  search: z.string().optional(),
  page: z.string().optional(),
  per_page: z.string().optional(),
  child_partner_id: z.string().optional(),
});
export const QuoteParamsSchema = z.object({ quote: z.string() });
export const QuoteGetQuerySchema = z.object({ using_ref: z.string().optional() });
