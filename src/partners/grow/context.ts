import type { Sandboxes } from '../../shared/sandboxes.js';
import type { GrowStore } from './store.js';

/** What the Grow plugin needs from the app. */
export interface GrowContext {
  sandboxes: Sandboxes<{ grow: GrowStore }>;
  /** Sandbox time from authorize to the policy being issued (SIM_GROW_POLICY_DELAY_MS). */
  policyDelayMs: number;
}
