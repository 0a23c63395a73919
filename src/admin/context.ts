import type { Config } from '../config.js';
import type { JournalSink } from '../http/journal-hooks.js';
import type { OpenApiDocuments } from '../http/openapi.js';
import type { Clock } from '../lib/clock.js';
import type { AnyPartnerModule, PartnerAdminOptions } from '../partners/module.js';
import type { MemoryBudget } from '../sandbox/memory-budget.js';
import type { Sandboxes } from '../sandbox/sandboxes.js';

/** What the control plane reaches into: every sandbox, the journal, the configuration. */
export interface AdminContext extends PartnerAdminOptions {
  documents: OpenApiDocuments;
  sandboxes: Sandboxes<unknown>;
  /** The partners served: their control-plane routes and state parts. */
  partners: readonly AnyPartnerModule[];
  journal: JournalSink;
  config: Config;
  clock: Clock;
  startedAt: number;
  budget: MemoryBudget;
}
