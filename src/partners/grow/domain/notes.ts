import type { Order } from '../schemas/orders.js';

// Credit and debit notes (reference §4; examples §26, §27). INFERENCE: the pages show their shape,
// not what makes one. Here every paid order has both, as a broker's books do: the debit note is
// the premium the partner owes, payable to the insurer's collection account; the credit note the
// same premium credited to the insurer for the policy. Each is `pending` until the policy is
// issued and `active` from then on. A note's code is CN-/DN- and the policy number after its
// first dash (the examples' `CN-34243TF` for policy `PH-34243TF`), or the order id before the
// policy exists. Notes are built from the sandbox's orders, never stored.

export type NoteKind = 'credit' | 'debit';

export interface CollectionAccount {
  bank_name: string;
  account_number: number;
  sort_code: number;
}

function codeOf(kind: NoteKind, order: Order): string {
  const number = order.policy?.number;
  const suffix = number?.includes('-')
    ? number.slice(number.indexOf('-') + 1)
    : (number ?? String(order.id).padStart(6, '0'));
  return `${kind === 'credit' ? 'CN' : 'DN'}-${suffix}`;
}

/** An insurer without a collection account in the fixtures gets a stable made-up one (INFERENCE). */
export function stableAccount(insurerCode: string): CollectionAccount {
  let hash = 7;
  for (const char of insurerCode) hash = (hash * 131 + char.charCodeAt(0)) % 1_000_000_007;
  return {
    bank_name: `${insurerCode} Collections`,
    account_number: 3_000_000_000 + (hash % 1_000_000_000),
    sort_code: 100_000 + (hash % 900_000),
  };
}

const dateOf = (timestamp: string) => timestamp.slice(0, 10);

function noteOf(kind: NoteKind, order: Order, account: CollectionAccount) {
  const { ref, email, phone, first_name, last_name } = order.customer;
  return {
    code: codeOf(kind, order),
    status: order.status === 'policy_created' ? ('active' as const) : ('pending' as const),
    premium: order.product.premium,
    premium_due_date: dateOf(order.policy_start_date),
    current_date: dateOf(order.created_at),
    ...(kind === 'debit' ? { payment_details: account } : {}),
    customer: { ref, email, phone, first_name, last_name },
    insurer: order.product.insurer,
    product: order.product,
  };
}
export type Note = ReturnType<typeof noteOf>;

/** The sandbox's notes of one kind: one per paid order, oldest first. */
export function notesOf(
  kind: NoteKind,
  orders: readonly Order[],
  accountOf: (order: Order) => CollectionAccount,
): Note[] {
  return orders
    .filter((order) => order.status === 'paid' || order.status === 'policy_created')
    .map((order) => noteOf(kind, order, accountOf(order)));
}

export function noteMatches(
  note: Note,
  filter: { status?: string | undefined; insurer?: string | undefined },
) {
  return (
    (filter.status === undefined || note.status === filter.status) &&
    (filter.insurer === undefined ||
      note.insurer.code.toLowerCase() === filter.insurer.toLowerCase() ||
      note.insurer.name.toLowerCase() === filter.insurer.toLowerCase())
  );
}
