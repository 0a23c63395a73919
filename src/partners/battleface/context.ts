import type { JournalSink } from '../../http/journal-hooks.js';
import type { OpenApiDocuments } from '../../http/openapi.js';
import type { SandboxDirectory } from '../../sandbox/sandboxes.js';
import type { BattlefaceStore } from './store.js';

/** What the battleface plugin needs from the app. */
export interface BattlefaceContext {
  sandboxes: SandboxDirectory<{ battleface: BattlefaceStore }>;
  journal: JournalSink;
  documents: OpenApiDocuments;
}
