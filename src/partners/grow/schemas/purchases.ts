import { z } from 'zod';

// Purchase (reference §4 POST /orders; examples §9): the request's fields as the GIT variant
// lists them, Laravel's messages; the answer is the smaller purchase shape, in the key order of
// a real sandbox answer a third party relays (`status`, `country`, `meta` after the charge).

const numeric = (field: string) =>
  z
    .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)], { error: `The ${field} must be a number.` })
    .transform(Number);
const integer = (field: string) =>
  z
    .union([z.int(), z.string().regex(/^-?\d+$/)], { error: `The ${field} must be an integer.` })
    .transform(Number);
const required = (field: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null
    ? `The ${field} field is required.`
    : `The ${field} must be a string.`;

export const PAYMENT_TYPES = ['wallet', 'web_link', 'card'] as const;

export const PurchaseRequestSchema = z.object(
  {
    product_code: z.string({ error: required('product code') }).min(1, 'The product code field is required.'),
    customer_ref: z.string({ error: required('customer ref') }).min(1, 'The customer ref field is required.'),
    payment_type: z.enum(PAYMENT_TYPES, { error: 'The selected payment type is invalid.' }).optional(),
    policy_start_date: z
      .string({
        error: (issue) =>
          issue.input == null
            ? 'The policy start date field is required.'
            : 'The policy start date is not a valid date.',
      })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'The policy start date is not a valid date.'),
    asset_ref: z.string({ error: 'The asset ref must be a string.' }).nullish(),
    asset_value: numeric('asset value').optional(),
    trip_frequency: z
      .enum(['single', 'recurring'], { error: 'The selected trip frequency is invalid.' })
      .optional(),
    trips_per_day: integer('trips per day').optional(),
    trip_days_per_year: integer('trip days per year').optional(),
    pickup_location: z.string({ error: 'The pickup location must be a string.' }).optional(),
    dropoff_location: z.string({ error: 'The dropoff location must be a string.' }).optional(),
    attachments: z.array(integer('attachments.*'), { error: 'The attachments must be an array.' }).optional(),
    broker_premium_rate: numeric('broker premium rate').optional(),
    broker_taxes: numeric('broker taxes').optional(),
    premium_frequency: z
      .enum(['monthly', 'quarterly', 'annually'], { error: 'The selected premium frequency is invalid.' })
      .optional(),
    child_partner_id: z.string({ error: 'The child partner id must be a string.' }).optional(),
  },
  { error: 'The request body must be a JSON object: the order to purchase.' },
);
export type PurchaseRequest = z.infer<typeof PurchaseRequestSchema>;

export const PurchaseViewSchema = z.strictObject({
  id: z.int(),
  asset_ref: z.string().nullable(),
  product_price: z.number(),
  partner_commission: z.number(),
  amount_due: z.number(),
  currency: z.string(),
  payment_instructions: z.strictObject({ message: z.string(), success: z.boolean() }),
  payment_gateway_charge: z.number().nullable(),
  status: z.string(),
  country: z.string(),
  meta: z.strictObject({
    broker_premium_rate: z.number().nullable(),
    broker_taxes: z.number().nullable(),
    premium_frequency: z.string().nullable(),
    trips_per_day: z.number().nullable(),
    trip_days_per_year: z.number().nullable(),
    trip_frequency: z.string().nullable(),
    pickup_location: z.string().nullable(),
    dropoff_location: z.string().nullable(),
    asset_value: z.number().nullable(),
  }),
});
export type PurchaseView = z.infer<typeof PurchaseViewSchema>;
export const PurchaseEnvelopeSchema = z.strictObject({ order: PurchaseViewSchema });

/** A partner's wallet in one currency; the balance may go below zero (reference §4 balance). */
export const WalletSchema = z.strictObject({ currency: z.string().length(3), balance: z.number() });
export type Wallet = z.infer<typeof WalletSchema>;

/** A movement of a wallet: every purchase debit, refund, top-up and instalment charge. */
export const WalletTransactionSchema = z.strictObject({
  id: z.int().positive(),
  reference: z.string(),
  type: z.enum(['debit', 'credit']),
  currency: z.string(),
  amount: z.number(),
  opening_balance: z.number(),
  balance_after: z.number(),
  description: z.string(),
  order_id: z.int().nullable(),
  created_at: z.string(),
});
export type WalletTransaction = z.infer<typeof WalletTransactionSchema>;
