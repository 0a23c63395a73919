import { applyState, type SavedState, stateOf } from '../admin/routes/state.js';
import { frozenJson } from '../lib/frozen-json.js';
import type { AnyPartnerModule } from '../partners/module.js';
import type { Sandbox } from '../sandbox/sandboxes.js';

/**
 * A sandbox as a shared store keeps it: the state document GET /__admin/state answers (records,
 * settings, clock, fault rules), what a flowing clock's instant cannot say (its offset from real
 * time, so time goes on while no replica holds it), and each partner's work under way.
 */
interface SandboxDocument {
  state: SavedState;
  clock_offset_ms: number | null;
  work: Record<string, unknown>;
}

export function encodeSandbox(sandbox: Sandbox<unknown>, partners: readonly AnyPartnerModule[]): string {
  const work: Record<string, unknown> = {};
  for (const partner of partners) {
    if (partner.work) work[partner.name] = partner.work.snapshot(sandbox);
  }
  const document: SandboxDocument = {
    state: stateOf(sandbox, partners) as SavedState,
    clock_offset_ms: sandbox.clock.frozen ? null : sandbox.clock.offsetMs,
    work,
  };
  return frozenJson(document);
}

/**
 * Puts a stored document into a new sandbox. The document was written by a replica of this
 * simulator from a sandbox it held, so it is trusted as the state schema's output and not parsed
 * again (a partner's restore refuses what its records cannot hold). Nothing scheduled runs until
 * the whole sandbox is back.
 */
export function restoreSandbox(
  sandbox: Sandbox<unknown>,
  partners: readonly AnyPartnerModule[],
  text: string,
): void {
  const document = JSON.parse(text) as SandboxDocument;
  sandbox.clock.whole(() => {
    applyState(sandbox, partners, document.state, document.work);
    if (document.clock_offset_ms !== null) sandbox.clock.flowAt(document.clock_offset_ms);
  });
}
