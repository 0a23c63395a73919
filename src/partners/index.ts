import { battleface } from './battleface/index.js';
import { grow } from './grow/index.js';
import type { AnyPartnerModule } from './module.js';

/** Every partner the simulator serves: the one list the rest of the code loops over. */
export const PARTNERS: readonly AnyPartnerModule[] = [battleface, grow];
