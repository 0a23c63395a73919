import type { Ids } from '../../../lib/ids.js';
import type { ClaimForm, FormInput, StoredClaim } from '../schemas/claims.js';
import type { Item, Order } from '../schemas/orders.js';

// The Claims API (reference §3 #13–#14; examples §15–§16). Questions answers the claim form of a
// policy, its defaults filled in from the policy's order; Create Claim is checked against the same
// form ("the request payload for Create Claim can be derived from it"), so editing the fixture
// changes both.

/** The order and item a policy number belongs to. */
export interface Policy {
  order: Order;
  item: Item;
}

export function findPolicy(orders: Iterable<Order>, policyNumber: string): Policy | undefined {
  for (const order of orders) {
    const item = order.items.find((candidate) => candidate.policy_number === policyNumber);
    if (item) return { order, item };
  }
  return undefined;
}

/**
 * The form for one policy: each `{{path}}` default replaced by the policy's value (the policy
 * number, `insured.*` of its item, `applicant.*` of its order); a default the policy has no value
 * for is left out, as the published form leaves out the contact number's. Every object's keys are
 * in alphabetical order, as the published form's are.
 */
export function claimFormFor(form: ClaimForm, policy: Policy): ClaimForm {
  const fill = (input: FormInput): FormInput => {
    const copy: FormInput = { ...input };
    if (input.default !== undefined) {
      const value = filled(input.default, policy);
      if (value === '') delete copy.default;
      else copy.default = value;
    }
    if (input.inputs) copy.inputs = input.inputs.map(fill);
    return alphabetical(copy);
  };
  return alphabetical({
    ...form,
    inputs: form.inputs.map((part) => alphabetical({ ...part, inputs: part.inputs.map(fill) })),
  });
}

function alphabetical<T extends object>(value: T): T {
  const sorted = (item: unknown): unknown =>
    Array.isArray(item) ? item.map(sorted) : item && typeof item === 'object' ? alphabetical(item) : item;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  ) as T;
}

function filled(template: string, { order, item }: Policy): string {
  return template.replace(/\{\{([a-z_.]+)\}\}/g, (_, path: string) => {
    if (path === 'policy_number') return item.policy_number;
    const [scope, field] = path.split('.');
    const source: Record<string, unknown> | undefined =
      scope === 'insured' ? item.insured : scope === 'applicant' ? order.applicant : undefined;
    const value = field === undefined ? undefined : source?.[field];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  });
}

/** What a submission says, once it satisfies the form. */
export interface ClaimSubmission {
  policyNumber: string;
  firstName: string;
  lastName: string;
  dob: string | undefined;
  externalRef: string | null;
}

/** Label-value pairs nest this deep at most: the tree is walked recursively. */
export const MAX_NESTING = 16;

type Entries = Record<string, unknown>;

/**
 * Checks a submission against the form: every section an object of label-value pairs or files,
 * every field the form requires present, every email an email. Returns every problem at once, in
 * the form's order, or what the claim needs.
 */
export function checkSubmission(
  form: ClaimForm,
  body: Record<string, unknown>,
): { problems: string[] } | { submission: ClaimSubmission } {
  const problems: string[] = [];
  const values = new Map<string, unknown>();
  for (const part of form.inputs) {
    const section = sectionEntries(body[part.name], part.name, problems);
    walkInputs(part.inputs, section, part.name, values, problems);
  }
  for (const [name, section] of Object.entries(body)) {
    if (!form.inputs.some((part) => part.name === name)) {
      problems.push(`${name} is not a section of the claim form (sections: ${sectionNames(form)}).`);
    } else if (isObject(section)) {
      checkEntries(unwrapped(section), name, 1, problems);
    }
  }
  if (problems.length > 0) return { problems };
  const text = (key: string) => {
    const value = values.get(key);
    return value === undefined || value === null ? undefined : String(value);
  };
  const externalRef = entryValue(sectionEntries(body.personal, 'personal', [])['external-ref']);
  return {
    submission: {
      policyNumber: text('personal.policy-num') ?? '',
      firstName: text('personal.name.first') ?? '',
      lastName: text('personal.name.last') ?? '',
      dob: text('personal.dob'),
      externalRef: externalRef === undefined || externalRef === null ? null : String(externalRef),
    },
  };
}

function sectionNames(form: ClaimForm): string {
  return form.inputs.map((part) => part.name).join(', ');
}

/** A section's pairs: the object itself, or the value of the one pair it is (`{"label","value":{…}}`). */
function sectionEntries(section: unknown, name: string, problems: string[]): Entries {
  if (section === undefined) return {};
  if (!isObject(section)) {
    problems.push(`${name} must be an object of label-value pairs.`);
    return {};
  }
  return unwrapped(section);
}

function unwrapped(section: Entries): Entries {
  return typeof section.label === 'string' && isObject(section.value) ? section.value : section;
}

function walkInputs(
  inputs: readonly FormInput[],
  entries: Entries,
  path: string,
  values: Map<string, unknown>,
  problems: string[],
): void {
  for (const input of inputs) {
    const key = `${path}.${input.name}`;
    if (input.type === 'group') {
      const group = entryValue(entries[input.name]);
      walkInputs(input.inputs ?? [], isObject(group) ? group : {}, key, values, problems);
      continue;
    }
    const value = entryValue(entries[input.name]);
    values.set(key, value);
    for (const rule of input.rules ?? []) {
      if (rule.name === 'required' && isBlank(value)) problems.push(sentence(rule.errMsg));
      if (rule.name === 'email' && !isBlank(value) && !isEmail(value)) problems.push(sentence(rule.errMsg));
    }
  }
}

/** Every entry is a label-value pair or a file; values are scalars, pairs, files, or lists or maps of them. */
function checkEntries(entries: Entries, path: string, depth: number, problems: string[]): void {
  if (depth > MAX_NESTING) {
    problems.push(`${path}: label-value pairs nest at most ${MAX_NESTING} deep.`);
    return;
  }
  for (const [name, entry] of Object.entries(entries)) {
    const where = `${path}.${name}`;
    if (isFile(entry)) continue;
    if (Array.isArray(entry)) {
      // A list of pairs or files in place of a pair (`"files": [{…}]`): its elements are checked.
      checkValue(entry, where, depth + 1, problems);
      continue;
    }
    if (!isObject(entry) || typeof entry.label !== 'string' || !('value' in entry)) {
      problems.push(
        `${where} must be a label-value pair ({"label","value"}) or a file ({"label","id","filename"}).`,
      );
      continue;
    }
    checkValue(entry.value, where, depth + 1, problems);
  }
}

function checkValue(value: unknown, path: string, depth: number, problems: string[]): void {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  if (depth > MAX_NESTING) {
    problems.push(`${path}: label-value pairs nest at most ${MAX_NESTING} deep.`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((element, index) => {
      checkEntries({ [index]: element }, path, depth, problems);
    });
    return;
  }
  if (isFile(value)) return;
  if (isObject(value) && typeof value.label === 'string' && 'value' in value) {
    checkValue(value.value, path, depth + 1, problems);
    return;
  }
  if (isObject(value)) checkEntries(value, path, depth, problems);
}

/** A pair's value, a file's id, or a list itself. */
function entryValue(entry: unknown): unknown {
  if (isFile(entry)) return entry.id;
  if (Array.isArray(entry)) return entry;
  return isObject(entry) && 'value' in entry ? entry.value : undefined;
}

function isFile(value: unknown): value is { label: string; id: string; filename: string } {
  return (
    isObject(value) &&
    typeof value.label === 'string' &&
    typeof value.id === 'string' &&
    typeof value.filename === 'string'
  );
}

function isObject(value: unknown): value is Entries {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function isEmail(value: unknown): boolean {
  return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

export const CLAIMANT_NEEDS_DOB =
  'Date of Birth is required when the claimant is not the primary policyholder.';

/**
 * Whether the claimant is the policy's insured; if not, the docs require `dob` ("required when
 * the claimant is not the primary policyholder", examples §16).
 */
export function claimantProblem(submission: ClaimSubmission, { item }: Policy): string | undefined {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const isInsured =
    same(submission.firstName, item.insured.first_name) && same(submission.lastName, item.insured.last_name);
  return isInsured || submission.dob !== undefined ? undefined : CLAIMANT_NEEDS_DOB;
}

/**
 * The claim as filed. INFERENCE (examples §16): the claim number's format is not published;
 * `CL-` and ten upper-case hex digits.
 */
export function newClaim(
  submission: ClaimSubmission,
  policy: Policy,
  body: Record<string, unknown>,
  submittedAt: string,
  ids: Ids,
): StoredClaim {
  return {
    claimNumber: `CL-${ids.hex(10).toUpperCase()}`,
    policyNumber: submission.policyNumber,
    orderNumber: policy.order.order_number,
    externalRef: submission.externalRef,
    status: 'Submitted',
    submittedAt,
    submission: body,
  };
}
