import type { Stores } from '../app.js';
import type { Config } from '../config.js';
import type { JournalSink } from '../http/journal-hooks.js';
import type { OpenApiDocuments } from '../http/openapi.js';
import type { Clock } from '../lib/clock.js';
import type { MemoryBudget } from '../sandbox/memory-budget.js';
import type { Sandboxes } from '../sandbox/sandboxes.js';

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
