import type { Order } from './schemas.js';

/** A policy document produced by an approval with document generation on. */
export interface PolicyDocument {
  file_id: number;
  order_number: string;
  item_id: string;
  policy_number: string;
  created_at: string;
}

/** A policy email battleface would have sent (flags.send_policy_emails). */
export interface Email {
  id: string;
  to: string;
  subject: string;
  order_number: string;
  policy_numbers: string[];
  sent_at: string;
}

/** What every sandbox starts from: parsed once, frozen, shared by all sandboxes. */
export interface BattlefaceSeed {
  orders: ReadonlyMap<string, Order>;
  /** The first policy_file_id a sandbox hands out: above every id in the fixtures. */
  firstFileId: number;
}

/**
 * One sandbox's battleface state. Orders are copy-on-write over the shared seed: a sandbox costs
 * nothing until it changes an order, and reset() only drops its own changes.
 */
export class BattlefaceStore {
  readonly #seed: BattlefaceSeed;
  #changed = new Map<string, Order>();
  #documents: PolicyDocument[] = [];
  #emails: Email[] = [];
  #nextFileId: number;

  constructor(seed: BattlefaceSeed) {
    this.#seed = seed;
    this.#nextFileId = seed.firstFileId;
  }

  /** The current order; fixture orders are frozen, so change a copy and save() it. */
  find(orderNumber: string): Order | undefined {
    return this.#changed.get(orderNumber) ?? this.#seed.orders.get(orderNumber);
  }

  save(order: Order): void {
    this.#changed.set(order.order_number, order);
  }

  nextFileId(): number {
    return this.#nextFileId++;
  }

  addDocuments(documents: readonly PolicyDocument[]): void {
    this.#documents.push(...documents);
  }

  addEmail(email: Email): void {
    this.#emails.push(email);
  }

  get documents(): readonly PolicyDocument[] {
    return this.#documents;
  }

  get emails(): readonly Email[] {
    return this.#emails;
  }

  reset(): void {
    this.#changed = new Map();
    this.#documents = [];
    this.#emails = [];
    this.#nextFileId = this.#seed.firstFileId;
  }
}
