import type { Order } from './schemas.js';

/** What every sandbox starts from: parsed once, frozen, shared by all sandboxes. */
export interface GrowSeed {
  orders: ReadonlyMap<number, Order>;
  /** The first policy id a sandbox hands out: above every policy in the fixtures. */
  firstPolicyId: number;
}

/** One sandbox's Grow state; orders are copy-on-write over the shared seed, as for battleface. */
export class GrowStore {
  readonly #seed: GrowSeed;
  #changed = new Map<number, Order>();
  #nextPolicyId: number;

  constructor(seed: GrowSeed) {
    this.#seed = seed;
    this.#nextPolicyId = seed.firstPolicyId;
  }

  find(id: number): Order | undefined {
    return this.#changed.get(id) ?? this.#seed.orders.get(id);
  }

  save(order: Order): void {
    this.#changed.set(order.id, order);
  }

  nextPolicyId(): number {
    return this.#nextPolicyId++;
  }

  reset(): void {
    this.#changed = new Map();
    this.#nextPolicyId = this.#seed.firstPolicyId;
  }
}
