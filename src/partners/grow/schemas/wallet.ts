import { z } from 'zod';
import { paginatedSchema } from './pagination.js';

// The wallet (reference §4 /partners/wallet; examples §28–§30). Balances are strings with two
// decimals and may be negative; the balance answer is a bare array. The transactions list's item
// is not published: its field names are the dashboard's (examples §29), INFERENCE.

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

export const BalanceListSchema = z.array(z.strictObject({ currency: z.string(), balance: z.string() }));
export const BalanceQuerySchema = z.object({ wallet: z.string().optional() });

export const TransactionViewSchema = z.strictObject({
  reference: z.string(),
  type: z.enum(['credit', 'debit']),
  amount: z.string(),
  opening_balance: z.string(),
  closing_balance: z.string(),
  narration: z.string(),
  currency: z.string(),
  created_at: z.string(),
});
export const TransactionListSchema = paginatedSchema(TransactionViewSchema);

export const TransactionQuerySchema = z.object({
  type: z.string().optional(),
  currency: z.string().optional(),
  dateRange: z.string().optional(),
  search: z.string().optional(),
  per_page: z.string().optional(),
  page: z.string().optional(),
});

const required = (message: string, otherwise: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null || issue.input === '' ? message : otherwise;

/** As published, this endpoint's messages have no trailing period (examples §30). */
export const TopupRequestSchema = z.object(
  {
    amount: z
      .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)], {
        error: required('The amount field is required', 'The amount must be a number'),
      })
      .transform(Number)
      .refine((amount) => amount > 0, 'The amount must be greater than 0')
      .refine((amount) => amount <= 1_000_000_000, 'The amount may not be greater than 1000000000'),
    currency: z
      .string({ error: required('The currency field is required', 'The currency must be a string') })
      .min(1, 'The currency field is required')
      .max(3, 'You do not have a wallet for this currency'),
  },
  { error: 'The request body must be a JSON object like {"amount": 10000.2, "currency": "NGN"}.' },
);

export const TopupResponseSchema = z.strictObject({ payment_link: z.string() });

/** A top-up begun with init-topup; paying its link credits the wallet. */
export const StoredTopupSchema = z.strictObject({
  code: z.string().min(1),
  currency: z.string(),
  amount: z.number(),
  status: z.enum(['pending', 'paid']),
  created_at: timestamp,
  paid_at: timestamp.nullable(),
});
export type StoredTopup = z.infer<typeof StoredTopupSchema>;
