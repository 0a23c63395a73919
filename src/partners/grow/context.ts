import type { JournalSink } from '../../http/journal-hooks.js';
import type { OpenApiDocuments } from '../../http/openapi.js';
import type { SandboxDirectory } from '../../sandbox/sandboxes.js';
import type { GrowStore } from './store.js';
import type { GrowWebhooks } from './webhooks/dispatcher.js';

/** What the Grow plugin needs from the app. */
export interface GrowContext {
  sandboxes: SandboxDirectory<{ grow: GrowStore; growWebhooks: GrowWebhooks }>;
  journal: JournalSink;
  /** Given to one of the two mounts only, so the document lists each route once. */
  documents?: OpenApiDocuments;
  /** Sandbox time from authorize to the policy being issued (SIM_GROW_POLICY_DELAY_MS). */
  policyDelayMs: number;
}
