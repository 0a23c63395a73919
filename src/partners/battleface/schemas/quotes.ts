import { z } from 'zod';

// Quotes on the wire (reference §3 #1–#3; examples §2, §3). A saved quote and a preview differ:
// the saved one has `_id`/`id`/`quote_number`/timestamps, the preview `product_uuid`, `discounts`
// and `minimums`. Quote timestamps are `YYYY-MM-DD HH:MM:SS`, unlike orders'.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2023-12-01');
const quoteTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected a time like 2022-12-08 03:12:12');
const money = z.number().nullable();

export const TaxesSchema = z.strictObject({ stamp_duty: money, witholding: money });

export const QuoteDetailSchema = z.strictObject({
  package_id: z.int(),
  package_alias: z.string(),
  amount: z.number(),
  type: z.string(),
  value: z.string().nullable(),
  detail: z.string().nullable(),
});

export const QuoteApplicantSchema = z.strictObject({
  type: z.literal('applicant'),
  email: z.string().nullable(),
  is_main: z.boolean(),
  age: z.int(),
  dob: z.string(),
  trip_cost: z.number(),
});

const DestinationSchema = z.strictObject({ country: z.string(), risk_index: z.int() });
const ReferenceSchema = z.strictObject({
  employee_id: z.string().nullable(),
  external: z.string().nullable(),
});

/** The trip's fields, alike (and in the same order) in a saved quote and a preview. */
const TRIP_FIELDS = {
  currency_id: z.string(),
  host_country: z.string(),
  host_country_state: z.string(),
  trip_length: z.int(),
  start_date: date,
  end_date: date,
  deposit_date: date,
};

/** What a quote was priced with beyond its wire fields, so an order can re-price it exactly. */
export const SelectionSchema = z.strictObject({
  packages: z.array(
    z.strictObject({
      alias: z.string(),
      limits: z.record(z.string(), z.string()),
      reservations: z.record(z.string(), z.int()),
    }),
  ),
  deductible: z.int().nullable(),
  discount: z.number(),
});
export type Selection = z.infer<typeof SelectionSchema>;

/** A saved quote, in the Create Dynamic Quotation example's key order (reference §3 #3). */
export const QuoteSchema = z.strictObject({
  _id: z.string(),
  id: z.string(),
  document_version: z.int(),
  quote_number: z.string(),
  email: z.string().nullable(),
  affiliate_id: z.int(),
  product_id: z.string(),
  quoted_price: z.number(),
  taxes: TaxesSchema,
  deductibles: z.strictObject({ excess_fee: z.number().nullable() }),
  ...TRIP_FIELDS,
  created_at: quoteTime,
  updated_at: quoteTime,
  deleted_at: quoteTime.nullable(),
  details: z.array(QuoteDetailSchema),
  applicants: z.array(QuoteApplicantSchema),
  destinations: z.array(DestinationSchema),
  reference: ReferenceSchema,
});
export type Quote = z.infer<typeof QuoteSchema>;

/** A saved quote as the sandbox keeps it: the wire quote and what it was priced with. */
export const StoredQuoteSchema = QuoteSchema.extend({ selection: SelectionSchema });
export type StoredQuote = z.infer<typeof StoredQuoteSchema>;

/** A priced, unsaved quote, in the Quotation Preview example's key order (reference §3 #2). */
export const QuotePreviewSchema = z.strictObject({
  email: z.string().nullable(),
  affiliate_id: z.int(),
  product_id: z.string(),
  product_uuid: z.string(),
  quoted_price: z.number(),
  taxes: TaxesSchema,
  discounts: z.strictObject({ amount: z.number() }),
  minimums: z.strictObject({ amount: z.number(), value: z.number() }),
  deductibles: z.strictObject({ excess_fee: z.number().nullable() }),
  ...TRIP_FIELDS,
  details: z.array(QuoteDetailSchema),
  // INFERENCE (reference §3 #2): the page stops inside `details`; the rest is the saved quote's.
  applicants: z.array(QuoteApplicantSchema),
  destinations: z.array(DestinationSchema),
  reference: ReferenceSchema,
});
export type QuotePreview = z.infer<typeof QuotePreviewSchema>;

export const QuoteEnvelopeSchema = z.strictObject({ data: QuoteSchema });
export const QuotePreviewEnvelopeSchema = z.strictObject({ data: QuotePreviewSchema });

// The request side. Each field carries its message in the partner's voice ("Product ID not
// provided.", reference §2); every problem of a request is named in one 406.

const required = (missing: string, wrong: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? missing : wrong;

const requestDate = (name: string) =>
  z
    .string({ error: required(`${name} not provided.`, `${name} must be a date like 2023-12-01.`) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date like 2023-12-01.`);

const LimitRequestSchema = z.object({
  type: z.literal('benefit_limit', { error: 'A package limit must have "type": "benefit_limit".' }),
  for: z.string({ error: 'A package limit must name what it is for ("for").' }),
  value: z.union([z.string(), z.number()], { error: 'A package limit must have a value.' }),
});
const ReservationRequestSchema = z.object({
  type: z.literal('reservations', { error: 'A reservation must have "type": "reservations".' }),
  for: z.string({ error: 'A reservation must name what it is for ("for").' }),
  amount: z.int({ error: 'A reservation amount must be a whole number.' }),
});

/** A package: its alias (or integer id), or an object with its options. */
export const PackageRequestSchema = z.union(
  [
    z.string(),
    z.int(),
    z.object({
      id: z.union([z.string(), z.int()]),
      limits: z.array(LimitRequestSchema).optional(),
      reservations: z.array(ReservationRequestSchema).optional(),
    }),
  ],
  { error: 'Each package must be an alias, a package id, or an object with an "id".' },
);
export type PackageRequest = z.infer<typeof PackageRequestSchema>;

export const ApplicantRequestSchema = z.object({
  is_main: z.boolean({ error: 'Applicant is_main must be true or false.' }).optional(),
  age: z
    .int({ error: required('Applicant age not provided.', 'Applicant age must be a whole number.') })
    .min(0, 'Applicant age must be a whole number.'),
  trip_cost: z
    .number({ error: 'Applicant trip_cost must be a number.' })
    .nonnegative('Applicant trip_cost must not be negative.')
    .optional(),
  email: z.string({ error: 'Applicant email must be a string.' }).nullish(),
});

const quoteFields = {
  start_date: requestDate('Start date'),
  end_date: requestDate('End date'),
  deposit_date: requestDate('Deposit date'),
  currency: z.string({ error: 'Currency must be a string like "USD".' }).optional(),
  destinations: z.array(z.string(), {
    error: required(
      'Destinations not provided.',
      'Destinations must be a list of country codes like ["US"].',
    ),
  }),
  applicants: z
    .array(ApplicantRequestSchema, {
      error: required('Applicants not provided.', 'Applicants must be a list.'),
    })
    .min(1, 'Applicants not provided.'),
  affiliate: z.union([z.string(), z.int()], { error: 'Affiliate must be an id like "1".' }).optional(),
  host_country: z.string({ error: 'Host country must be a country code like "US".' }).optional(),
  host_country_state: z.string({
    error: required('Host country state not provided.', 'Host country state must be a state code like "OH".'),
  }),
  packages: z.array(PackageRequestSchema, { error: 'Packages must be a list.' }).optional(),
  // INFERENCE (reference §3 #1): the docs say discounts may be applied within the commission
  // and quotes show `deductibles.excess_fee`, but name no request field; these are partner-sim's.
  discount: z
    .number({ error: 'Discount must be an amount.' })
    .nonnegative('Discount must not be negative.')
    .optional(),
  deductible: z.int({ error: 'Deductible must be 0, 100, 200 or 250.' }).optional(),
  reference: z
    .object({
      employee_id: z.string({ error: 'reference.employee_id must be a string.' }).nullish(),
      external: z.string({ error: 'reference.external must be a string.' }).nullish(),
    })
    .optional(),
};

const BODY_NOT_OBJECT = 'The request body must be a JSON object: the quote request.';

/** Create Quotation and Quotation Preview: `product` is an integer id or a uuid. */
export const QuoteRequestSchema = z.object(
  {
    product: z.union([z.int().positive(), z.string().min(1)], {
      error: required('Product ID not provided.', 'Product ID must be a product id or uuid.'),
    }),
    ...quoteFields,
  },
  { error: BODY_NOT_OBJECT },
);
export type QuoteRequest = z.infer<typeof QuoteRequestSchema>;

/** Create Dynamic Quotation: by program, the product inferred (reference §3 #3). */
export const DynamicQuoteRequestSchema = z.object(
  {
    program_id: z.int({ error: required('Program ID not provided.', 'Program ID must be a whole number.') }),
    ...quoteFields,
    products: z
      .object({
        ids: z.array(z.int(), { error: 'products.ids must be a list of product ids.' }).optional(),
        uuids: z.array(z.string(), { error: 'products.uuids must be a list of product uuids.' }).optional(),
      })
      .optional(),
  },
  { error: BODY_NOT_OBJECT },
);
export type DynamicQuoteRequest = z.infer<typeof DynamicQuoteRequestSchema>;

export const QuoteIdParamsSchema = z.object({ id: z.string() });
