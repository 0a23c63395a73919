import { z } from 'zod';
import { CustomerSchema, InsurerSchema, OrderSchema, PolicySchema } from './orders.js';
import { paginatedSchema } from './pagination.js';

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

export const PolicyListSchema = paginatedSchema(PolicyItemSchema);
export const PolicyCountSchema = z.strictObject({ count: z.int() });
export const PolicyEnvelopeSchema = z.strictObject({ data: PolicyItemSchema });

export const PolicyQuerySchema = z.object({
  page: z.string().optional(),
  per_page: z.string().optional(),
  customer_ref: z.string().optional(),
  type: z.string().optional(),
  count: z.string().optional(),
});
