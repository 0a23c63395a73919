import { z } from 'zod';
import { STATUS_MUST_BE_APPROVED } from '../errors.js';

// The wire format of the battleface Partner API, key for key and in the partner's order
// (reference §6; the Process Payment seed is the canonical example). Objects are strict so a
// fixture with a misspelt key stops start-up instead of silently losing the field.

const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
    'expected a UTC timestamp like 2023-06-29T14:06:48.924000Z',
  );
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2023-07-04');
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a lower-case uuid');
const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'expected 24 hex digits (a MongoDB ObjectId)');

export const ORDER_STATUSES = ['Pending', 'Approved', 'Cancelled'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const ApplicantSchema = z.strictObject({
  first_name: z.string(),
  middle_name: z.string(),
  last_name: z.string(),
  dob: date,
  age_at_travel: z.int(),
  email: z.string(),
  contact_number: z.string(),
  address: z.string(),
  city: z.string(),
  post_code: z.string(),
  country_code: z.string(),
  state_code: z.string(),
  ip_address: z.string(),
});

export const FlagsSchema = z.strictObject({
  send_policy_emails: z.boolean(),
  generate_policy_document: z.boolean(),
  trigger_sanction_search: z.boolean(),
  // Sent on order creation (reference §7); where battleface keeps it is not shown.
  disable_discounts_in_docs: z.boolean().optional(),
});

/** A line of the order record embedded in each item: note the key order and the Mongo `_id`. */
export const EmbeddedDetailSchema = z.strictObject({
  type: z.string(),
  detail: z.string(),
  amount: z.number(),
  id: uuid,
  _id: objectId,
});

/** `items[].order`: the raw order document as stored by battleface, repeated inside every item. */
export const EmbeddedOrderSchema = z.strictObject({
  _id: objectId,
  quote_id: objectId,
  currency_id: z.string(),
  site_id: z.int(),
  applicant: ApplicantSchema,
  flags: FlagsSchema,
  schema_version: z.int(),
  document_version: z.int(),
  status: OrderStatusSchema,
  status_updated_at: timestamp,
  ordered_at: timestamp,
  order_number: z.string(),
  premium: z.number(),
  total: z.number(),
  fees: z.number(),
  tax: z.number(),
  refund_amount: z.number(),
  is_refunded: z.boolean(),
  tax_rate: z.number(),
  details: z.array(EmbeddedDetailSchema),
  client_id: z.int(),
  updated_at: timestamp,
  created_at: timestamp,
  approved_at: timestamp.optional(),
  meta: z.null(),
});

/** An item line: packages, levels, conditions, taxes, premium and total (reference §3.1). */
export const ItemDetailSchema = z.strictObject({
  id: uuid,
  type: z.string(),
  detail: z.string().optional(),
  amount: z.number(),
  value: z.string().optional(),
  product_package_id: z.int().optional(),
});

export const ItemSchema = z.strictObject({
  id: uuid,
  product_id: z.int(),
  program_id: z.int(),
  product_uuid: uuid,
  product_name: z.string().optional(),
  // "0" in the Process Payment example, 0 in the Dynamic Order example (reference §6): both kept.
  sanction_search_id: z.union([z.string(), z.int()]),
  product_major_id: z.int(),
  product_minor_id: z.int(),
  policy_file_id: z.int().nullable(),
  policy_number: z.string(),
  start_at: date,
  end_at: date,
  deposit_at: date,
  details: z.array(ItemDetailSchema),
  insured: z.strictObject({
    first_name: z.string(),
    middle_name: z.string(),
    last_name: z.string(),
    dob: date,
  }),
  beneficiary: z
    .strictObject({
      first_name: z.string(),
      middle_name: z.string(),
      last_name: z.string(),
      email: z.string(),
    })
    .optional(),
  destinations: z.array(z.strictObject({ country_code: z.string(), country_name: z.string() })),
  is_main: z.boolean(),
  order: EmbeddedOrderSchema,
  meta: z.null(),
});

export const OrderSchema = z.strictObject({
  schema_version: z.int(),
  site_id: z.int(),
  quote_id: objectId,
  order_number: z.string().min(1),
  client_id: z.int(),
  status: OrderStatusSchema,
  premium: z.number(),
  total: z.number(),
  currency_id: z.string(),
  status_updated_at: timestamp,
  ordered_at: timestamp,
  approved_at: timestamp.optional(),
  // Pending example only; where it sits next to approved_at is not shown (INFERENCE, reference §6).
  signed_at: timestamp.optional(),
  items: z.array(ItemSchema).min(1),
  applicant: ApplicantSchema,
  affiliate: z.strictObject({
    id: z.int(),
    commission_amount: z.number(),
    commission_percentage: z.number(),
  }),
  details: z.array(z.strictObject({ id: uuid, type: z.string(), detail: z.string(), amount: z.number() })),
});
export type Order = z.infer<typeof OrderSchema>;
export type Item = z.infer<typeof ItemSchema>;

export const OrderEnvelopeSchema = z.strictObject({ data: OrderSchema });

export const ErrorSchema = z.strictObject({ error: z.string() });

export const OrderNumberParamsSchema = z.object({ order_number: z.string() });

/** Process Payment body (reference §5): only "Approved" is documented; unknown keys are ignored. */
export const PaymentStatusBodySchema = z.object(
  {
    status: z.literal('Approved', { error: STATUS_MUST_BE_APPROVED }),
    generate_docs: z
      .boolean({ error: 'The generate_docs field must be a boolean (true or false) when present.' })
      .optional(),
  },
  { error: 'The request body must be a JSON object like {"status": "Approved", "generate_docs": true}.' },
);
export type PaymentStatusBody = z.infer<typeof PaymentStatusBodySchema>;

/** A policy document produced by an approval with document generation on. */
export const PolicyDocumentSchema = z.strictObject({
  file_id: z.int(),
  order_number: z.string(),
  item_id: z.string(),
  policy_number: z.string(),
  created_at: timestamp,
});
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;

/** A policy email battleface would have sent (flags.send_policy_emails). */
export const EmailSchema = z.strictObject({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  order_number: z.string(),
  policy_numbers: z.array(z.string()),
  sent_at: timestamp,
});
export type Email = z.infer<typeof EmailSchema>;
