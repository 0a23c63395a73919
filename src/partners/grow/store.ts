import { OverlayMap } from '../../shared/overlay-map.js';
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

  constructor(seed: GrowSeed) {
    this.#orders = new OverlayMap(seed.orders);
    this.#nextPolicyId = seed.firstPolicyId;
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

  /** The id a new order gets: one above the highest. */
  nextOrderId(): number {
    return Math.max(0, ...this.list().map((order) => order.id)) + 1;
  }

  /** Stored orders are frozen: change a copy and save it. */
  save(order: Order): void {
    this.#orders.set(order.id, order);
  }

  remove(id: number): void {
    this.#orders.delete(id);
    this.#pendingPolicies.delete(id);
  }

  nextPolicyId(): number {
    return this.#nextPolicyId++;
  }

  /** Policies the insurer still has to issue. */
  get pendingPolicies(): readonly PendingPolicy[] {
    return [...this.#pendingPolicies.values()];
  }

  awaitPolicy(pending: PendingPolicy): void {
    this.#pendingPolicies.set(pending.order_id, pending);
  }

  policyIssued(orderId: number): void {
    this.#pendingPolicies.delete(orderId);
  }

  snapshot(): GrowState {
    return structuredClone({
      orders: this.list(),
      next_policy_id: this.#nextPolicyId,
      pending_policies: this.pendingPolicies as PendingPolicy[],
    });
  }

  /** Replaces everything with a saved state: orders absent from it are gone. */
  restore(state: GrowState): void {
    this.#orders.replace(state.orders.map((order) => [order.id, order]));
    this.#nextPolicyId = state.next_policy_id;
    this.#pendingPolicies = new Map(state.pending_policies.map((pending) => [pending.order_id, pending]));
  }
}
