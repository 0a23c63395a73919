import { deepFreeze } from '../../shared/fixture-files.js';
import type { GrowState, Order, PendingPolicy } from './schemas.js';

/** What every sandbox starts from: parsed once, frozen, shared by all sandboxes. */
export interface GrowSeed {
  orders: ReadonlyMap<number, Order>;
  /** The first policy id a sandbox hands out: above every policy in the fixtures. */
  firstPolicyId: number;
}

/** One sandbox's Grow state; orders are copy-on-write over the shared seed, as for battleface. */
export class GrowStore {
  #base: ReadonlyMap<number, Order>;
  #changed = new Map<number, Order | null>();
  #nextPolicyId: number;
  #pendingPolicies = new Map<number, PendingPolicy>();

  constructor(seed: GrowSeed) {
    this.#base = seed.orders;
    this.#nextPolicyId = seed.firstPolicyId;
  }

  find(id: number): Order | undefined {
    const changed = this.#changed.get(id);
    return changed === undefined ? this.#base.get(id) : (changed ?? undefined);
  }

  /** Every order: the seed's in their order, then those added. */
  list(): Order[] {
    const orders: Order[] = [];
    for (const id of new Set([...this.#base.keys(), ...this.#changed.keys()])) {
      const order = this.find(id);
      if (order) orders.push(order);
    }
    return orders;
  }

  /** The order holding the policy with this id. */
  findByPolicy(policyId: number): Order | undefined {
    return this.list().find((order) => order.policy?.id === policyId);
  }

  /** The id a new order gets: one above the highest. */
  nextOrderId(): number {
    return Math.max(0, ...this.list().map((order) => order.id)) + 1;
  }

  /** Stored orders are frozen: nothing changes one in place, so its serialized bytes stay valid. */
  save(order: Order): void {
    deepFreeze(order);
    this.#changed.set(order.id, order);
  }

  remove(id: number): void {
    this.#changed.set(id, null);
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
    this.#base = new Map(state.orders.map((order) => [order.id, deepFreeze(order)]));
    this.#changed = new Map();
    this.#nextPolicyId = state.next_policy_id;
    this.#pendingPolicies = new Map(state.pending_policies.map((pending) => [pending.order_id, pending]));
  }
}
