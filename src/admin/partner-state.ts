import type { z } from 'zod';
import type { AnyPartnerModule } from '../partners/module.js';
import type { Sandbox } from '../sandbox/sandboxes.js';

/**
 * A partner's part of the state document, built from what it declares: its records (field by
 * field, in declared order), then its settings.
 */
export function partnerStateSchema(partner: AnyPartnerModule): z.ZodType<Record<string, unknown>> {
  return partner.records.schema(partner.settings?.shape);
}

/** The records of a partner a sandbox holds, under the partner's name. */
function recordsOf(sandbox: Sandbox<unknown>, partner: AnyPartnerModule) {
  type Records = Parameters<AnyPartnerModule['records']['snapshot']>[0];
  return (sandbox.stores as Record<string, Records>)[partner.name] as Records;
}

export function partnerSnapshot(
  sandbox: Sandbox<unknown>,
  partner: AnyPartnerModule,
): Record<string, unknown> {
  return {
    ...partner.records.snapshot(recordsOf(sandbox, partner)),
    ...partner.settings?.snapshot(sandbox),
  };
}

/** Replaces the partner's part exactly, then has it reschedule the work the loaded state holds. */
export function restorePartner(
  sandbox: Sandbox<unknown>,
  partner: AnyPartnerModule,
  saved: Record<string, unknown>,
  /** A shared store's document also holds the partner's work under way (see PartnerModule.work). */
  work?: { saved: unknown },
): void {
  partner.records.restore(
    recordsOf(sandbox, partner),
    saved as Parameters<AnyPartnerModule['records']['restore']>[1],
  );
  partner.settings?.restore(sandbox, saved);
  if (work !== undefined) partner.work?.restore(sandbox, work.saved);
  partner.afterRestore?.(sandbox);
}
