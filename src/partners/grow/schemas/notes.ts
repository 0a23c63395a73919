import { z } from 'zod';
import { CustomerSchema, InsurerSchema, ProductSchema } from './orders.js';
import { paginatedSchema } from './pagination.js';

// Credit and debit notes (examples §26, §27): no `id`, `code` identifies a note; a debit note
// carries `payment_details` after `current_date`.

const NOTE_FIELDS = {
  code: z.string(),
  status: z.enum(['pending', 'active']),
  premium: z.number(),
  premium_due_date: z.string(),
  current_date: z.string(),
};
const PARTIES = { customer: CustomerSchema, insurer: InsurerSchema, product: ProductSchema };

export const CreditNoteSchema = z.strictObject({ ...NOTE_FIELDS, ...PARTIES });
export const DebitNoteSchema = z.strictObject({
  ...NOTE_FIELDS,
  payment_details: z.strictObject({
    bank_name: z.string(),
    account_number: z.number(),
    sort_code: z.number(),
  }),
  ...PARTIES,
});

export const CreditNoteListSchema = paginatedSchema(CreditNoteSchema);
export const DebitNoteListSchema = paginatedSchema(DebitNoteSchema);
export const CreditNoteEnvelopeSchema = z.strictObject({ data: CreditNoteSchema });
export const DebitNoteEnvelopeSchema = z.strictObject({ data: DebitNoteSchema });

export const NoteQuerySchema = z.object({
  page: z.string().optional(),
  per_page: z.string().optional(),
  status: z.string().optional(),
  insurer: z.string().optional(),
});
export const NoteParamsSchema = z.object({ code: z.string() });
