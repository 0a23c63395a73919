import { z } from 'zod';
import { LinksSchema } from './pagination.js';

// Customers (reference §4 /customers; examples §4–§8). The create answer is the bare object the
// guide shows; reads wrap the short shape in `data`; the list has `links` but no `meta`.

const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
    'expected a UTC timestamp like 1990-10-10T00:00:00.000000Z',
  );

/** A customer as the sandbox keeps it: everything it was created with. */
export const StoredCustomerSchema = z.strictObject({
  id: z.int().positive(),
  ref: z.string().min(1),
  first_name: z.string(),
  last_name: z.string(),
  middle_name: z.string().nullable(),
  email: z.string(),
  phone: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  birth_date: timestamp.nullable(),
  bvn: z.string().nullable(),
  occupation: z.string().nullable(),
  city: z.string().nullable(),
  residential_address: z.string().nullable(),
  state: z.string().nullable(),
  nationality: z.string().nullable(),
  country: z.string().nullable(),
  next_of_kin_name: z.string().nullable(),
  next_of_kin_phone: z.string().nullable(),
  proof_of_address: z.strictObject({ type: z.string(), url: z.string() }).nullable(),
  created_at: timestamp,
});
export type StoredCustomer = z.infer<typeof StoredCustomerSchema>;

/** POST /customers' 201 body, in the guide's key order. */
export const CreatedCustomerSchema = z.strictObject({
  id: z.int(),
  ref: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  birth_date: z.string().nullable(),
  email: z.string(),
  phone: z.string().nullable(),
});

/** The short shape of reads and lists. */
export const CustomerViewSchema = z.strictObject({
  ref: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  first_name: z.string(),
  last_name: z.string(),
});

export const CustomerEnvelopeSchema = z.strictObject({ data: CustomerViewSchema });
export const CustomerListSchema = z.strictObject({ data: z.array(CustomerViewSchema), links: LinksSchema });
export const MessageSchema = z.strictObject({ message: z.string() });

// Laravel's validation messages (`required`, `email`, `in`, `date`), field by field in the order
// the rules are listed.
const text = (field: string) =>
  z
    .string({ error: `The ${field} must be a string.` })
    .max(255, `The ${field} may not be greater than 255 characters.`);
const optional = (field: string) => text(field).nullish();

export const CustomerRequestSchema = z.object(
  {
    first_name: z
      .string({
        error: (issue) =>
          issue.input == null ? 'The first name field is required.' : 'The first name must be a string.',
      })
      .min(1, 'The first name field is required.')
      .max(255, 'The first name may not be greater than 255 characters.'),
    last_name: z
      .string({
        error: (issue) =>
          issue.input == null ? 'The last name field is required.' : 'The last name must be a string.',
      })
      .min(1, 'The last name field is required.')
      .max(255, 'The last name may not be greater than 255 characters.'),
    email: z
      .string({
        error: (issue) =>
          issue.input == null ? 'The email field is required.' : 'The email must be a string.',
      })
      .min(1, 'The email field is required.')
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'The email must be a valid email address.'),
    ref: optional('ref'),
    middle_name: optional('middle name'),
    phone: optional('phone'),
    sex: z.enum(['M', 'F'], { error: 'The selected sex is invalid.' }).nullish(),
    birth_date: z
      .string({ error: 'The birth date is not a valid date.' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'The birth date is not a valid date.')
      .nullish(),
    bvn: optional('bvn'),
    occupation: optional('occupation'),
    city: optional('city'),
    residential_address: optional('residential address'),
    state: optional('state'),
    nationality: optional('nationality'),
    country: optional('country'),
    next_of_kin_name: optional('next of kin name'),
    next_of_kin_phone: optional('next of kin phone'),
    proof_of_address: z
      .object(
        {
          type: z.string({ error: 'The proof of address.type field is required.' }),
          url: z.string({ error: 'The proof of address.url field is required.' }),
        },
        { error: 'The proof of address must be an array.' },
      )
      .nullish(),
  },
  { error: 'The request body must be a JSON object: the customer.' },
);
export type CustomerRequest = z.infer<typeof CustomerRequestSchema>;

/** PATCH: the same fields, none required (only missing details are filled, reference §7). */
export const CustomerPatchSchema = CustomerRequestSchema.partial();
export type CustomerPatch = z.infer<typeof CustomerPatchSchema>;

export const CustomerRefParamsSchema = z.object({ ref: z.string() });

export const ListQuerySchema = z.object({
  search: z.string().optional(),
  page: z.string().optional(),
  per_page: z.string().optional(),
});
