import { z } from 'zod';

// The Claims API (reference §3 #13–#14; examples §15–§16), a service of its own on
// `{{claim_api_host}}`: camelCase keys, no `data` envelope, keys in alphabetical order as the
// published form shows them.

/** A validation rule of a form field: the ones the published form uses. */
export const FormRuleSchema = z.strictObject({
  errMsg: z.string(),
  name: z.enum(['required', 'email']),
});

export interface FormInput {
  name: string;
  type: string;
  label?: string | undefined;
  default?: string | undefined;
  rules?: z.infer<typeof FormRuleSchema>[] | undefined;
  inputs?: FormInput[] | undefined;
  [key: string]: unknown;
}

/**
 * A field of the claim form, or a group of fields (`type: "group"`, with `inputs`). Other keys
 * (`displayType`, `subtext`, `optionsUrl`…) are the form's own and pass through as written.
 */
export const FormInputSchema: z.ZodType<FormInput> = z.looseObject({
  name: z.string().min(1),
  type: z.string().min(1),
  label: z.string().optional(),
  default: z.string().optional(),
  rules: z.array(FormRuleSchema).optional(),
  get inputs() {
    return z.array(FormInputSchema).optional();
  },
});

/** A page of the form; its `name` is the section of the claim it fills (`personal`, `claim`, `consent`). */
export const FormPartSchema = z.strictObject({
  actions: z.array(z.string()),
  heading: z.string(),
  inputs: z.array(FormInputSchema),
  name: z.string().min(1),
});

/**
 * The claim form of `fixtures/battleface/claims/form.json`. A `default` may name the policy's
 * data in braces (`{{insured.first_name}}`): Questions fills it in from the policy's order.
 */
export const ClaimFormSchema = z.strictObject({
  displayType: z.literal('part'),
  inputs: z.array(FormPartSchema).min(1),
});
export type ClaimForm = z.infer<typeof ClaimFormSchema>;

export const QuestionsQuerySchema = z.object({
  policy_number: z.string({ error: 'Policy number not provided.' }).min(1, 'Policy number not provided.'),
});

/**
 * Create Claim's body: a section per form part, each a map of label-value pairs (or one pair
 * whose value is that map, as the published `claim` section is). Checked against the form by
 * the domain, which names every problem in one message.
 */
export const ClaimRequestSchema = z.record(z.string(), z.unknown(), {
  error: 'The request body must be a JSON object with the sections personal, claim and consent.',
});

/** A claim as the sandbox keeps it: what was filed, for which policy, and the whole submission. */
export const StoredClaimSchema = z.strictObject({
  claimNumber: z.string(),
  policyNumber: z.string(),
  orderNumber: z.string(),
  externalRef: z.string().nullable(),
  status: z.literal('Submitted'),
  submittedAt: z.string(),
  submission: z.record(z.string(), z.unknown()),
});
export type StoredClaim = z.infer<typeof StoredClaimSchema>;

/** Create Claim's answer (INFERENCE, examples §16: the page shows none). */
export const ClaimCreatedSchema = z.strictObject({
  claimNumber: z.string(),
  externalRef: z.string().nullable(),
  policyNumber: z.string(),
  status: z.literal('Submitted'),
  submittedAt: z.string(),
});
