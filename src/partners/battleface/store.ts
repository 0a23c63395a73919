import { type ByteAccount, retainedSize } from '../../sandbox/memory-budget.js';
import { OverlayMap } from '../../sandbox/overlay-map.js';
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
  readonly #bytes: ByteAccount | undefined;

  constructor(seed: BattlefaceSeed, bytes?: ByteAccount) {
    this.#orders = new OverlayMap(seed.orders, bytes);
    this.#nextFileId = seed.firstFileId;
    this.#bytes = bytes;
  }

  get size(): number {
    return this.#orders.size;
  }

  find(orderNumber: string): Order | undefined {
    return this.#orders.get(orderNumber);
  }

  /** Every order: the seed's in their order, then those added. */
  list(): Order[] {
    return this.#orders.values();
  }

  /**
   * Stored orders are frozen: change a copy and save it. `checked` for a client's write (seeding,
   * patching), refused with BudgetError when the sandbox cannot hold it.
   */
  save(order: Order, options: { checked?: boolean } = {}): void {
    this.#orders.set(order.order_number, order, options);
  }

  remove(orderNumber: string): void {
    this.#orders.delete(orderNumber);
  }

  nextFileId(): number {
    return this.#nextFileId++;
  }

  addDocuments(documents: readonly PolicyDocument[]): void {
    if (documents.length === 0) return;
    this.#bytes?.force(retainedSize(documents));
    this.#documents.push(...documents);
  }

  addEmail(email: Email): void {
    this.#bytes?.force(retainedSize(email));
    this.#emails.push(email);
  }

  get documents(): readonly PolicyDocument[] {
    return this.#documents;
  }

  get emails(): readonly Email[] {
    return this.#emails;
  }

  /** The state as saved; stored orders are frozen, so they are shared, not copied. */
  snapshot(): BattlefaceState {
    return {
      orders: this.list(),
      documents: [...this.#documents],
      emails: [...this.#emails],
      next_file_id: this.#nextFileId,
    };
  }

  /** Replaces everything with a saved state (unique order numbers): orders absent from it are gone. */
  restore(state: BattlefaceState): void {
    this.#bytes?.release(retainedSize(this.#documents) + retainedSize(this.#emails));
    this.#orders.replace(state.orders.map((order) => [order.order_number, order]));
    this.#documents = [...state.documents];
    this.#emails = [...state.emails];
    this.#bytes?.force(retainedSize(this.#documents) + retainedSize(this.#emails));
    this.#nextFileId = state.next_file_id;
  }
}
