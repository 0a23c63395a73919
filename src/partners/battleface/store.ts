import { OverlayMap } from '../../shared/overlay-map.js';
import type { BattlefaceState, Email, Order, PolicyDocument } from './schemas.js';

/** What every sandbox starts from: parsed once, frozen, shared by all sandboxes. */
export interface BattlefaceSeed {
  orders: ReadonlyMap<string, Order>;
  /** The first policy_file_id a sandbox hands out: above every id in the fixtures. */
  firstFileId: number;
}

/** One sandbox's battleface state: orders over the shared seed, documents and outbox of its own. */
export class BattlefaceStore {
  readonly #orders: OverlayMap<string, Order>;
  #documents: PolicyDocument[] = [];
  #emails: Email[] = [];
  #nextFileId: number;

  constructor(seed: BattlefaceSeed) {
    this.#orders = new OverlayMap(seed.orders);
    this.#nextFileId = seed.firstFileId;
  }

  find(orderNumber: string): Order | undefined {
    return this.#orders.get(orderNumber);
  }

  /** Every order: the seed's in their order, then those added. */
  list(): Order[] {
    return this.#orders.values();
  }

  /** Stored orders are frozen: change a copy and save it. */
  save(order: Order): void {
    this.#orders.set(order.order_number, order);
  }

  remove(orderNumber: string): void {
    this.#orders.delete(orderNumber);
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
    this.#orders.replace(state.orders.map((order) => [order.order_number, order]));
    this.#documents = [...state.documents];
    this.#emails = [...state.emails];
    this.#nextFileId = state.next_file_id;
  }
}
