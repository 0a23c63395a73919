import { z } from 'zod';
import { LinksSchema } from './pagination.js';

// Claims (reference §4 /claims; examples §21–§24). The claim object's keys in the published order;
// amounts are strings with two decimals, the policy's dates date-only. This endpoint's validation
// messages have no trailing period, as published ("The policy_number is required").

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

export const CLAIM_STATUSES = [
  'pending',
  'processing',
  'discharge_voucher',
  'approved',
  'settled',
  // INFERENCE (examples §22): the published filter lists no refusal; a declined claim says so.
  'declined',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** What the insurer decides on a claim (the magic amounts of the README pick one). */
export const DECISIONS = ['pay', 'partial', 'decline', 'documents'] as const;

export const VoucherSchema = z.strictObject({
  id: z.int().positive(),
  amount: z.number(),
  status: z.enum(['offered', 'accepted', 'rejected', 'paid']),
  /** The insurer's document, as the webhook names it: `claim_18_dv_GRu7W.jpg`. */
  document_name: z.string(),
  created_at: timestamp,
  answered_at: timestamp.nullable(),
  comment: z.string().nullable(),
});
export type Voucher = z.infer<typeof VoucherSchema>;

export const PaymentDetailsSchema = z.strictObject({
  bank_name: z.string().nullable(),
  account_number: z.string().nullable(),
  sort_code: z.string().nullable(),
});

/** A claim as the sandbox keeps it: the wire fields, the policy it is on, and the insurer's progress. */
export const StoredClaimSchema = z.strictObject({
  id: z.int().positive(),
  status: z.enum(CLAIM_STATUSES),
  order_id: z.int().positive(),
  amount_requested: z.number(),
  amount_approved: z.number().nullable(),
  currency: z.string(),
  attachments: z.array(z.int()),
  payment_details: PaymentDetailsSchema,
  child_partner_id: z.string().nullable(),
  created_at: timestamp,
  decision: z.enum(DECISIONS),
  vouchers: z.array(VoucherSchema),
  /** When the insurer takes its next step, on the sandbox clock; null while it waits for the partner. */
  next_step_at: timestamp.nullable(),
  /** The simulator's address as the filing client reached it, for document links. */
  base_url: z.string(),
});
export type StoredClaim = z.infer<typeof StoredClaimSchema>;

export const ClaimPolicySchema = z.strictObject({
  id: z.int(),
  number: z.string(),
  description: z.string().nullable(),
  start_date: z.string(),
  end_date: z.string(),
  status: z.string().nullable(),
});

/** The claim object of the wire (examples §21). */
export const ClaimViewSchema = z.strictObject({
  id: z.int(),
  status: z.string(),
  policy: ClaimPolicySchema,
  amount_requested: z.string(),
  amount_approved: z.string().nullable(),
  currency: z.string(),
  created_at: z.string(),
});
export type ClaimView = z.infer<typeof ClaimViewSchema>;

export const ClaimEnvelopeSchema = z.strictObject({ claim: ClaimViewSchema });
export const ClaimDataEnvelopeSchema = z.strictObject({ data: ClaimViewSchema });
/** As published, the list has `links` and no `meta` (examples §22). */
export const ClaimListSchema = z.strictObject({ data: z.array(ClaimViewSchema), links: LinksSchema });

const present = (message: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? message : undefined;

const integerLike = z.union([z.int(), z.string().regex(/^\d+$/)]).transform(Number);
const textLike = (field: string) =>
  z
    .union([z.string().max(255, `The ${field} may not be greater than 255 characters`), z.number()], {
      error: `The ${field} must be a string`,
    })
    .transform(String)
    .nullish()
    .transform((value) => value ?? null);

export const ClaimRequestSchema = z.object(
  {
    policy_number: z
      .string({
        error: (issue) =>
          present('The policy_number is required')(issue) ?? 'The policy_number must be a string',
      })
      .min(1, 'The policy_number is required'),
    amount: z
      .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)], {
        error: (issue) => present('The amount field is required')(issue) ?? 'The amount must be a number',
      })
      .transform(Number)
      .refine((amount) => amount > 0, 'The amount must be greater than 0'),
    payment_details: z.object(
      {
        bank_name: textLike('payment_details.bank_name'),
        account_number: textLike('payment_details.account_number'),
        sort_code: textLike('payment_details.sort_code'),
      },
      {
        error: (issue) =>
          present('The payment_details field is required')(issue) ?? 'The payment_details must be an object',
      },
    ),
    attachments: z
      .array(integerLike, {
        error: (issue) =>
          present('The attachments field is required')(issue) ?? 'The attachments must be an array',
      })
      .max(50, 'The attachments may not have more than 50 items'),
    child_partner_id: z
      .union([z.string().max(255), z.number()], { error: 'The child_partner_id must be a string' })
      .transform(String)
      .nullish(),
  },
  { error: 'The request body must be a JSON object: the claim to file.' },
);
export type ClaimRequest = z.infer<typeof ClaimRequestSchema>;

export const ClaimQuerySchema = z.object({
  search: z.string().optional(),
  status: z.string().optional(),
  page: z.string().optional(),
  per_page: z.string().optional(),
  child_partner_id: z.string().optional(),
});

export const VoucherParamsSchema = z.object({ claim: z.string(), discharge_voucher: z.string() });

export const VoucherAnswerSchema = z.object(
  {
    status: z.enum(['accept', 'reject'], {
      error: (issue) =>
        issue.input === undefined || issue.input === null
          ? 'The status field is required.'
          : 'The selected status is invalid.',
    }),
    comment: z.string({ error: 'The comment must be a string.' }).max(5000).nullish(),
  },
  { error: 'The request body must be a JSON object like {"status": "accept"}.' },
);
