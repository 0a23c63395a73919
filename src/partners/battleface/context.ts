import type { Ids } from '../../shared/ids.js';
import type { Sandboxes } from '../../shared/sandboxes.js';
import type { BattlefaceStore } from './store.js';

/** What the battleface plugin needs from the app: sandboxes holding its store (and clock), and ids. */
export interface BattlefaceContext {
  sandboxes: Sandboxes<{ battleface: BattlefaceStore }>;
  ids: Ids;
}
