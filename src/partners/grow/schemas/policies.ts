import { z } from 'zod';
import { CustomerSchema, InsurerSchema, OrderSchema, PolicySchema } from './orders.js';

// Policies (reference §4 /policies; examples §19, §20): the list item's keys in the schema's order;
// its `order` is the order object up to `channel`, then `product` (examples §19).

export const PolicyItemSchema = z.strictObject({
  id: z.int(),
  number: z.string(),
  description: z.string(),
  start_date: PolicySchema.shape.start_date,
  end_date: PolicySchema.shape.end_date,
  status: z.string().nullable(),
  document_url: z.string(),
  customer: CustomerSchema,
  insurer: InsurerSchema,
  order: OrderSchema.pick({
    id: true,
    status: true,
    amount_due: true,
    policy_start_date: true,
    asset_ref: true,
    currency: true,
    channel: true,
    product: true,
  }),
});

export const PolicyListSchema = z.strictObject({
  data: z.array(PolicyItemSchema),
  links: z.strictObject({
    first: z.string().nullable(),
    last: z.string().nullable(),
    prev: z.string().nullable(),
    next: z.string().nullable(),
  }),
  meta: z.strictObject({
    current_page: z.int(),
    from: z.int().nullable(),
    last_page: z.int(),
    links: z.array(z.strictObject({ url: z.string().nullable(), label: z.string(), active: z.boolean() })),
    path: z.string(),
    per_page: z.int(),
    to: z.int().nullable(),
    total: z.int(),
  }),
});
export const PolicyCountSchema = z.strictObject({ count: z.int() });
export const PolicyEnvelopeSchema = z.strictObject({ data: PolicyItemSchema });

export const PolicyQuerySchema = z.object({
  page: z.string().optional(),
  per_page: z.string().optional(),
  customer_ref: z.string().optional(),
  type: z.string().optional(),
  count: z.string().optional(),
});
