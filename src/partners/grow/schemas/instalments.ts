import { z } from 'zod';

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

/**
 * A recurring premium of a monthly or quarterly policy (reference §8 `instalment.due`): noticed
 * before its charge date, charged to the wallet once the partner's 2xx authorises it.
 */
export const InstalmentSchema = z.strictObject({
  id: z.int().positive(),
  order_id: z.int().positive(),
  policy_id: z.int().positive(),
  /** Its place among the policy's premiums: the first was paid with the order. */
  number: z.int().min(2),
  of: z.int().min(2),
  amount: z.number(),
  currency: z.string(),
  notice_at: timestamp,
  due_at: timestamp,
  status: z.enum(['scheduled', 'notified', 'authorised', 'paid', 'unpaid']),
  /** The instalment.due delivery whose answer decides the charge. */
  delivery_id: z.string().nullable(),
});
export type Instalment = z.infer<typeof InstalmentSchema>;
