import { z } from 'zod';
import { isRealInstant, REAL_INSTANT_MESSAGE } from '../../../lib/instants.js';

// The wire format of the Curacel Grow API, key for key as the authorize page's example writes it
// (reference §7): the space and hyphen keys, the "commision" typo and the underscore in
// premium_frequency are the partner's. Objects are strict so a misspelt fixture key stops start-up.

const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
    'expected a UTC timestamp like 2022-04-06T10:34:20.000000Z',
  );

export const ORDER_STATUSES = ['pending', 'paid', 'policy_created', 'cancelled'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const PREMIUM_FREQUENCIES = ['monthly', 'quarterly', 'annually'] as const;

export const InsurerSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  logo_url: z.string().nullable(),
  terms_conditions: z.string().nullable(),
});

export const ProductSchema = z.strictObject({
  title: z.string(),
  code: z.string(),
  id: z.int(),
  insurer: InsurerSchema,
  'product type': z.strictObject({ name: z.string(), slug: z.string() }),
  // `{}` in the partner's examples, `[]` in third-party fixtures (reference §7).
  'cover-benefits': z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
  'created-at': z.string(),
  price: z.number(),
  'premium-type': z.string(),
  'premium-rate-unit': z.number(),
  'premium-rate': z.number(),
  premium: z.number(),
  'partner-commision-rate': z.number(),
  'min-premium': z.string(),
  'premium-rules': z.string(),
  premium_frequency: z.enum(PREMIUM_FREQUENCIES),
});

export const CustomerSchema = z.strictObject({
  ref: z.string(),
  email: z.string(),
  phone: z.string(),
  first_name: z.string(),
  last_name: z.string(),
});

/** The policy the insurer issued; fields as Grow lists policies (reference §4 /policies, §8). */
export const PolicySchema = z.strictObject({
  id: z.int(),
  number: z.string(),
  /** The insurer's own description, when a fixture gives one; else the product's title and type. */
  description: z.string().nullable().optional(),
  start_date: timestamp,
  end_date: timestamp,
  status: z.string().nullable(),
  document_url: z.string(),
});
export type Policy = z.infer<typeof PolicySchema>;

export const OrderSchema = z.strictObject({
  id: z.int().positive(),
  status: OrderStatusSchema,
  amount_due: z.number(),
  policy_start_date: timestamp,
  asset_ref: z.string().nullable(),
  currency: z.string(),
  channel: z.string(),
  created_at: timestamp,
  payment_made_at: timestamp.nullable(),
  payment_method: z.string(),
  product: ProductSchema,
  customer: CustomerSchema,
  policy: PolicySchema.nullable(),
});
export type Order = z.infer<typeof OrderSchema>;

export const OrderEnvelopeSchema = z.strictObject({ order: OrderSchema });

/** Laravel's error body: `message`, plus `errors` by field for validation failures (reference §3). */
export const ErrorSchema = z.strictObject({
  message: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});

const BODY_NOT_OBJECT = 'The request body must be a JSON object like {"id": 2}.';

/**
 * Laravel's `required|integer`: null counts as missing; the rule is PHP's FILTER_VALIDATE_INT, so
 * a string of an integer (`"3"`, `"-3"`, not `"03"` or `"3.0"`) passes as that integer.
 */
export const AuthorizeBodySchema = z.object(
  {
    id: z.union(
      [
        z.int(),
        // Kept a string here (a transform would drop the document's example); read with Number().
        z.string().regex(/^[+-]?(0|[1-9]\d{0,14})$/, 'The id must be an integer.'),
      ],
      {
        error: (issue) =>
          issue.input === undefined || issue.input === null
            ? 'The id field is required.'
            : 'The id must be an integer.',
      },
    ),
  },
  { error: BODY_NOT_OBJECT },
);

export const CancelBodySchema = z
  .object(
    { reason: z.string({ error: 'The reason must be a string.' }).nullish() },
    { error: 'The request body must be a JSON object like {"reason": "Customer changed their mind"}.' },
  )
  .nullish();

export const OrderIdParamsSchema = z.object({ id: z.string() });

/** An id from a path, as Laravel's route-model binding reads it: digits only, else no record. */
export function idFromPath(text: string): number | undefined {
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/** A policy the insurer will issue once the sandbox clock reaches `due_at`. */
export const PendingPolicySchema = z.strictObject({
  order_id: z.int().positive(),
  // Scheduled on the sandbox clock: a real instant, or its timer would never settle.
  due_at: timestamp.refine(isRealInstant, REAL_INSTANT_MESSAGE),
  /** The simulator's address as the paying client reached it, for the document URL. */
  base_url: z.string(),
});
export type PendingPolicy = z.infer<typeof PendingPolicySchema>;

/** When the insurer issued a policy (the voucher webhooks show it as the policy's `created_at`). */
export const IssuedPolicySchema = z.strictObject({
  policy_id: z.int().positive(),
  order_id: z.int().positive(),
  created_at: timestamp,
});
export type IssuedPolicy = z.infer<typeof IssuedPolicySchema>;
