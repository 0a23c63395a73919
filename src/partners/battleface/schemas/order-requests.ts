import { z } from 'zod';
import { CardSchema } from './payments.js';
import { ApplicantRequestSchema } from './quotes.js';

// Order creation's body (reference §3 #4–#6; the Order With Payment example): `{"order": {…}}`,
// a quote reference and the order-level data that overrides the quote's. Only part of it is
// published; the rest is INFERENCE (reference §3 #4), named here as the example names its fields.

const required = (missing: string, wrong: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? missing : wrong;
const date = (name: string) =>
  z
    .string({ error: `${name} must be a date like 2023-12-01.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date like 2023-12-01.`);

/** An order detail line (reference §3.1): a package, a deductible, reservations or a limit. */
export const DetailRequestSchema = z.object(
  {
    type: z.enum(['package', 'deductible', 'reservations', 'limit'], {
      error: 'Each detail must have a type: package, deductible, reservations or limit.',
    }),
    product_package_id: z
      .union([z.string(), z.int()], { error: 'product_package_id must be an alias or an id.' })
      .optional(),
    detail: z.string({ error: 'A detail line\'s "detail" must be a string.' }).optional(),
    amount: z.number({ error: "A detail line's amount must be a number." }).optional(),
    for: z.string({ error: 'A limit must name what it is for ("for").' }).optional(),
    value: z.union([z.string(), z.number()], { error: 'A limit value must be a string.' }).optional(),
  },
  { error: 'Each detail must be an object like {"type": "package", "product_package_id": "base_package"}.' },
);
export type DetailRequest = z.infer<typeof DetailRequestSchema>;

const person = {
  first_name: z
    .string({
      error: required('Applicant first name not provided.', 'Applicant first name must be a string.'),
    })
    .min(1, 'Applicant first name not provided.'),
  middle_name: z.string({ error: 'Applicant middle name must be a string.' }).nullish(),
  last_name: z
    .string({ error: required('Applicant last name not provided.', 'Applicant last name must be a string.') })
    .min(1, 'Applicant last name not provided.'),
};

export const OrderApplicantSchema = z.object({
  ...person,
  email: z
    .string({ error: required('Applicant email not provided.', 'Applicant email must be a string.') })
    .min(1, 'Applicant email not provided.'),
  dob: z
    .string({
      error: required(
        'Applicant date of birth not provided.',
        'Applicant dob must be a date like 1990-01-01.',
      ),
    })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Applicant dob must be a date like 1990-01-01.'),
  age_at_travel: z.int({ error: 'Applicant age_at_travel must be a whole number.' }).min(0).optional(),
  trip_cost: ApplicantRequestSchema.shape.trip_cost,
  is_main: z.boolean({ error: 'Applicant is_main must be true or false.' }).optional(),
  contact_number: z.string({ error: 'Applicant contact_number must be a string.' }).optional(),
  address: z.string({ error: 'Applicant address must be a string.' }).optional(),
  city: z.string({ error: 'Applicant city must be a string.' }).optional(),
  post_code: z.string({ error: 'Applicant post_code must be a string.' }).optional(),
  beneficiary: z
    .object({ ...person, email: z.string({ error: 'Beneficiary email must be a string.' }) })
    .optional(),
});
export type OrderApplicant = z.infer<typeof OrderApplicantSchema>;

export const FlagsRequestSchema = z.object({
  disable_discounts_in_docs: z
    .boolean({ error: 'flags.disable_discounts_in_docs must be true or false.' })
    .optional(),
  send_policy_emails: z.boolean({ error: 'flags.send_policy_emails must be true or false.' }).optional(),
  generate_policy_document: z
    .boolean({ error: 'flags.generate_policy_document must be true or false.' })
    .optional(),
  trigger_sanction_search: z
    .boolean({ error: 'flags.trigger_sanction_search must be true or false.' })
    .optional(),
});

export const OrderFieldsSchema = z.object(
  {
    quote_id: z.string({ error: 'quote_id must be a string.' }).optional(),
    // The Order With Payment example names the product by uuid in `product_id`.
    product_id: z
      .union([z.int().positive(), z.string().min(1)], { error: 'Product ID must be a product id or uuid.' })
      .optional(),
    program_id: z.int({ error: 'Program ID must be a whole number.' }).optional(),
    total: z.number({ error: 'total must be a number.' }).optional(),
    currency_id: z.string({ error: 'currency_id must be a string like "USD".' }).optional(),
    sanction_search_id: z
      .union([z.int(), z.string()], { error: 'sanction_search_id must be a number.' })
      .optional(),
    start_at: date('start_at').optional(),
    end_at: date('end_at').optional(),
    deposit_at: date('deposit_at').optional(),
    host_country: z.string({ error: 'Host country must be a country code like "US".' }).optional(),
    host_country_state: z.string({ error: 'Host country state must be a state code like "OH".' }).optional(),
    destinations: z
      .array(z.string(), { error: 'Destinations must be a list of country codes like ["US"].' })
      .optional(),
    details: z.array(DetailRequestSchema, { error: 'details must be a list of detail lines.' }).optional(),
    applicants: z
      .array(OrderApplicantSchema, {
        error: required('Applicants not provided.', 'Applicants must be a list.'),
      })
      .min(1, 'Applicants not provided.'),
    flags: FlagsRequestSchema.optional(),
    discount: z
      .number({ error: 'Discount must be an amount.' })
      .nonnegative('Discount must not be negative.')
      .optional(),
  },
  { error: required('Order not provided.', 'order must be an object: the order to create.') },
);
export type OrderFields = z.infer<typeof OrderFieldsSchema>;

const BODY_NOT_OBJECT =
  'The request body must be a JSON object like {"order": {"quote_id": …, "applicants": […]}}.';

export const OrderRequestSchema = z.object({ order: OrderFieldsSchema }, { error: BODY_NOT_OBJECT });

/** Order With Payment: the order and, beside it, the card (INFERENCE: Payment Charge's fields). */
export const OrderWithPaymentRequestSchema = z.object(
  { order: OrderFieldsSchema, ...CardSchema.shape },
  { error: BODY_NOT_OBJECT },
);
