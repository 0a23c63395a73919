import { deepFreeze } from '../../shared/fixture-files.js';
import type { BattlefaceState, Email, Order, PolicyDocument } from './schemas.js';

/** What every sandbox starts from: parsed once, frozen, shared by all sandboxes. */
export interface BattlefaceSeed {
  orders: ReadonlyMap<string, Order>;
  /** The first policy_file_id a sandbox hands out: above every id in the fixtures. */
  firstFileId: number;
}

/**
 * One sandbox's battleface state. Orders are copy-on-write over the shared seed: a sandbox costs
 * nothing until it changes an order. `null` in the changes marks an order removed.
 */
export class BattlefaceStore {
  #base: ReadonlyMap<string, Order>;
  #changed = new Map<string, Order | null>();
  #documents: PolicyDocument[] = [];
  #emails: Email[] = [];
  #nextFileId: number;

  constructor(seed: BattlefaceSeed) {
    this.#base = seed.orders;
    this.#nextFileId = seed.firstFileId;
  }

  /** The current order; fixture orders are frozen, so change a copy and save() it. */
  find(orderNumber: string): Order | undefined {
    const changed = this.#changed.get(orderNumber);
    return changed === undefined ? this.#base.get(orderNumber) : (changed ?? undefined);
  }

  /** Every order: the seed's in their order, then those added. */
  list(): Order[] {
    const orders: Order[] = [];
    for (const orderNumber of new Set([...this.#base.keys(), ...this.#changed.keys()])) {
      const order = this.find(orderNumber);
      if (order) orders.push(order);
    }
    return orders;
  }

  /** Stored orders are frozen: nothing changes one in place, so its serialized bytes stay valid. */
  save(order: Order): void {
    deepFreeze(order);
    this.#changed.set(order.order_number, order);
  }

  remove(orderNumber: string): void {
    this.#changed.set(orderNumber, null);
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

  snapshot(): BattlefaceState {
    return structuredClone({
      orders: this.list(),
      documents: this.#documents,
      emails: this.#emails,
      next_file_id: this.#nextFileId,
    });
  }

  /** Replaces everything with a saved state: orders absent from it are gone. */
  restore(state: BattlefaceState): void {
    this.#base = new Map(state.orders.map((order) => [order.order_number, deepFreeze(order)]));
    this.#changed = new Map();
    this.#documents = [...state.documents];
    this.#emails = [...state.emails];
    this.#nextFileId = state.next_file_id;
  }
}
