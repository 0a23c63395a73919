import type { SharedStore } from './store/store.js';

// Generic over the sandbox type, so sandboxes.ts can name the gate without a cycle of imports.

/**
 * How work that outlives a request (a webhook attempt on the wire) reaches its sandbox when a
 * shared store holds it. In process memory a partner needs none of this and gets none: its
 * records are the one copy. With a shared store, the copy a replica holds may be stale by the
 * time a webhook answers, and a side effect must wait until the change that caused it is saved.
 */
export interface SharedWork<Sandbox = unknown> {
  /** Runs `run` once the change being made is committed; never, when it is refused. */
  afterCommit(token: string, run: () => void): void;
  /** Runs `change` on the sandbox's latest state under its lease, and commits it. */
  update(token: string, change: (sandbox: Sandbox) => void): Promise<void>;
}

/** A request's hold on a sandbox of a shared store: its lease, and what waits for its commit. */
export interface Session<Sandbox = unknown> {
  readonly token: string;
  readonly sandbox: Sandbox;
  readonly owner: string;
  /** Side effects of the change (webhooks to send), run once it is committed. */
  readonly after: Array<() => void>;
  done: boolean;
  /** Gives the token's local turn to the next request on this replica. */
  readonly unlock: () => void;
  /** How many requests before it on this replica held the same lease in a row. */
  readonly inARow: number;
  /** The sandbox's revision when the session began (before its due work ran). */
  readonly revisionAtStart: number;
}

/**
 * What requests and the control plane use of sandboxes kept in a shared store (src/store/
 * shared-sandboxes.ts implements it): a change takes the token's lease, a read does not.
 */
export interface SharedSandboxGate<Sandbox = unknown> extends SharedWork<Sandbox> {
  readonly store: SharedStore;
  /** Takes the token's lease; its sandbox is current and its due work done. */
  enter(token: string): Promise<Session<Sandbox>>;
  /**
   * Commits what changed and ends the lease (throws the partner's 503 when refused). `counted`:
   * every change the session could make is counted by the sandbox's revision (a partner request;
   * not the control plane, which also sets settings), so an uncounted session writes nothing.
   */
  leave(session: Session<Sandbox>, options?: { counted?: boolean }): Promise<void>;
  /** The newest copy of the token's sandbox, without a lease. */
  view(token: string): Promise<Sandbox>;
  /** Puts every replica's journal records of the token into this replica's copy. */
  loadJournal(token: string): Promise<void>;
  clearJournal(token: string): Promise<void>;
  /** A key rotation under the session's lease ('in-use': `to` is taken; the session goes on). */
  rotate(session: Session<Sandbox>, to: string): Promise<'rotated' | 'in-use'>;
  /** Whether a token outside SIM_TOKENS was rotated to on some replica. */
  rotatedTo(token: string): Promise<boolean>;
  /** Forgets every sandbox, here and in the store. */
  dropAll(): Promise<void>;
}
