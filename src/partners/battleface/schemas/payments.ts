import { z } from 'zod';

// Payments (reference §3 #7, #8; examples §7, §8): Stripe's objects as battleface relays them,
// camelCase here and nowhere else in the API.

/** The payment object of a charge: `ch_…`, two 32-hex tokens, `"name":"Stripe"`. */
export const ChargeSchema = z.strictObject({
  id: z.string(),
  merchantToken: z.string(),
  customerToken: z.string(),
  name: z.literal('Stripe'),
  status: z.literal('Approved'),
});

/**
 * A payment intent: the charge's fields and its `client_secret`. The published example says
 * "Approved" although nothing is paid yet (reference §8 #3); partner-sim keeps that quirk.
 */
export const IntentSchema = ChargeSchema.extend({ client_secret: z.string() });

export const ChargeEnvelopeSchema = z.strictObject({ data: ChargeSchema });
export const IntentEnvelopeSchema = z.strictObject({ data: IntentSchema });

/** An order's payment as the sandbox keeps it: its Stripe object and where it stands. */
export const PaymentSchema = z.strictObject({
  order_number: z.string(),
  method: z.enum(['charge', 'intent']),
  id: z.string(),
  merchantToken: z.string().regex(/^[0-9a-f]{32}$/),
  customerToken: z.string().regex(/^[0-9a-f]{32}$/),
  client_secret: z.string().nullable(),
  /** An intent waits for the customer on Stripe's page; a charge has succeeded. */
  status: z.enum(['requires_payment', 'succeeded', 'failed']),
  /** When an open intent pays itself (SIM_BATTLEFACE_INTENT_SUCCEED_MS), on the sandbox clock. */
  succeeds_at: z.string().nullable().default(null),
});
export type Payment = z.infer<typeof PaymentSchema>;

const cardField = (name: string, example: string) =>
  z
    .union([z.string(), z.int()], {
      error: (issue) =>
        issue.input === undefined || issue.input === null
          ? `${name} not provided.`
          : `${name} must be a string like "${example}".`,
    })
    .transform(String);

/** Payment Charge's body: every card field a string in the published example. */
export const CardSchema = z.object({
  payment_type: z.literal('card', { error: 'Payment type must be "card".' }),
  card_exp_month: cardField('Card expiry month', '12'),
  card_exp_year: cardField('Card expiry year', '2030'),
  card_number: cardField('Card number', '4242424242424242'),
  card_cvc: cardField('Card CVC', '123'),
});
export type Card = z.infer<typeof CardSchema>;

export const ChargeRequestSchema = z.object(CardSchema.shape, {
  error: 'The request body must be a JSON object with the card: {"payment_type": "card", "card_number": …}.',
});
