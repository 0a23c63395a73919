import { type ByteAccount, retainedSize } from '../../sandbox/memory-budget.js';
import { OverlayMap } from '../../sandbox/overlay-map.js';
import type { GrowState, Order, PendingPolicy } from './schemas.js';

/** What every sandbox starts from: parsed once, frozen, shared by all sandboxes. */
export interface GrowSeed {
  orders: ReadonlyMap<number, Order>;
  /** The first policy id a sandbox hands out: above every policy in the fixtures. */
  firstPolicyId: number;
}

/** One sandbox's Grow state: orders over the shared seed, and the policies the insurer owes. */
export class GrowStore {
  readonly #orders: OverlayMap<number, Order>;
  #nextPolicyId: number;
  #pendingPolicies = new Map<number, PendingPolicy>();
  readonly #bytes: ByteAccount | undefined;
  #highestOrderId: number;

  constructor(seed: GrowSeed, bytes?: ByteAccount) {
    this.#orders = new OverlayMap(seed.orders, bytes);
    this.#nextPolicyId = seed.firstPolicyId;
    this.#bytes = bytes;
    this.#highestOrderId = Math.max(0, ...seed.orders.keys());
  }

  get size(): number {
    return this.#orders.size;
  }

  find(id: number): Order | undefined {
    return this.#orders.get(id);
  }

  /** Every order: the seed's in their order, then those added. */
  list(): Order[] {
    return this.#orders.values();
  }

  /** The order holding the policy with this id. */
  findByPolicy(policyId: number): Order | undefined {
    return this.list().find((order) => order.policy?.id === policyId);
  }

  /** The id a new order gets: one above the highest this sandbox has held. */
  nextOrderId(): number {
    return this.#highestOrderId + 1;
  }

  /**
   * Stored orders are frozen: change a copy and save it. `checked` for a client's write (seeding,
   * patching), refused with BudgetError when the sandbox cannot hold it.
   */
  save(order: Order, options: { checked?: boolean } = {}): void {
    this.#orders.set(order.id, order, options);
    if (order.id > this.#highestOrderId) this.#highestOrderId = order.id;
  }

  remove(id: number): void {
    this.#orders.delete(id);
    this.policyIssued(id);
  }

  nextPolicyId(): number {
    return this.#nextPolicyId++;
  }

  /** The policy the insurer owes for an order, if it still owes one. */
  pendingPolicy(orderId: number): PendingPolicy | undefined {
    return this.#pendingPolicies.get(orderId);
  }

  awaitPolicy(pending: PendingPolicy): void {
    this.policyIssued(pending.order_id);
    this.#bytes?.force(retainedSize(pending));
    this.#pendingPolicies.set(pending.order_id, pending);
  }

  policyIssued(orderId: number): void {
    const pending = this.#pendingPolicies.get(orderId);
    if (pending === undefined) return;
    this.#bytes?.release(retainedSize(pending));
    this.#pendingPolicies.delete(orderId);
  }

  /** The state as saved; stored orders are frozen, so they are shared, not copied. */
  snapshot(): GrowState {
    return {
      orders: this.list(),
      next_policy_id: this.#nextPolicyId,
      pending_policies: [...this.#pendingPolicies.values()],
    };
  }

  /** Replaces everything with a saved state (unique ids): orders absent from it are gone. */
  restore(state: GrowState): void {
    for (const orderId of [...this.#pendingPolicies.keys()]) this.policyIssued(orderId);
    this.#orders.replace(state.orders.map((order) => [order.id, order]));
    this.#highestOrderId = Math.max(0, ...state.orders.map((order) => order.id));
    this.#nextPolicyId = state.next_policy_id;
    for (const pending of state.pending_policies) this.awaitPolicy(pending);
  }
}
