import type { JournalSink } from '../../shared/journal-hooks.js';
import type { OpenApiDocuments } from '../../shared/openapi.js';
import type { SandboxDirectory } from '../../shared/sandboxes.js';
import type { BattlefaceStore } from './store.js';

/** What the battleface plugin needs from the app. */
export interface BattlefaceContext {
  sandboxes: SandboxDirectory<{ battleface: BattlefaceStore }>;
  journal: JournalSink;
  documents: OpenApiDocuments;
}
