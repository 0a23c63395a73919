import type { Stores } from '../app.js';
import type { Config } from '../config.js';
import type { Clock } from '../shared/clock.js';
import type { JournalSink } from '../shared/journal-hooks.js';
import type { MemoryBudget } from '../shared/memory-budget.js';
import type { OpenApiDocuments } from '../shared/openapi.js';
import type { Sandboxes } from '../shared/sandboxes.js';

/** What the control plane reaches into: every sandbox, the journal, the configuration. */
export interface AdminContext {
  documents: OpenApiDocuments;
  sandboxes: Sandboxes<Stores>;
  journal: JournalSink;
  config: Config;
  clock: Clock;
  startedAt: number;
  budget: MemoryBudget;
}
