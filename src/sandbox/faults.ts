import { z } from 'zod';
import { globMatches, MAX_PATTERN_LENGTH } from '../lib/glob.js';
import { type ByteAccount, retainedSize } from './memory-budget.js';
import type { Revision } from './revision.js';

// Fault rules a sandbox's requests may meet before the partner handles them: an error, a delay, a
// dropped connection or a broken body. A fault that answers never reaches the handler, so it
// changes no state and a client's retry meets the real behaviour.

/** What a rule matches; `partner` is one of the partners served. */
export const faultMatchSchema = (partners: readonly [string, ...string[]]) =>
  z.strictObject({
    partner: z.enum(partners).optional(),
    method: z
      .string()
      .transform((method) => method.toUpperCase())
      .optional(),
    /** Exact path, or with `*` standing for any characters. */
    path: z.string().min(1).max(MAX_PATTERN_LENGTH).optional(),
    /** The resource the request names, as its partner's module reads it (an order number, an id). */
    order: z.union([z.string(), z.int()]).transform(String).optional(),
  });

export const FaultActionSchema = z.union([
  z.strictObject({ status: z.int().min(100).max(599), body: z.unknown().optional() }),
  z.strictObject({ delay_ms: z.int().min(0).max(60_000) }),
  z.strictObject({ reset_connection: z.literal(true) }),
  z.strictObject({ malformed_body: z.literal(true) }),
]);
export type FaultAction = z.infer<typeof FaultActionSchema>;

/** A rule as a client posts it. */
export const newFaultSchema = (partners: readonly [string, ...string[]]) =>
  z.strictObject({
    match: faultMatchSchema(partners).default({}),
    action: FaultActionSchema,
    times: z.int().positive().optional(),
    probability: z.number().min(0).max(1).optional(),
  });

/** A rule's matcher as stored: method upper-cased, order as a string. */
export interface FaultMatch {
  partner?: string | undefined;
  method?: string | undefined;
  path?: string | undefined;
  order?: string | undefined;
}

export interface NewFault {
  match: FaultMatch;
  action: FaultAction;
  times?: number | undefined;
  probability?: number | undefined;
}

export interface FaultRule {
  id: string;
  match: FaultMatch;
  action: FaultAction;
  /** null = unlimited. */
  times: number | null;
  remaining: number | null;
  probability: number;
  fired: number;
}

/** What a request offers to be matched against. */
export interface FaultTarget {
  partner: string;
  method: string;
  path: string;
  order: string | undefined;
}

/** Upper bound on rules per sandbox, so memory stays bounded whatever a client posts. */
export const MAX_FAULT_RULES = 100;

export class Faults {
  #rules: FaultRule[] = [];
  readonly #bytes: ByteAccount | undefined;
  #sizes = new Map<string, number>();

  /** Each rule's bytes are counted on the sandbox's account (a rule's body may be large). */
  readonly #revision: Revision | undefined;

  constructor(bytes?: ByteAccount, revision?: Revision) {
    this.#bytes = bytes;
    this.#revision = revision;
  }

  get rules(): readonly FaultRule[] {
    return this.#rules;
  }

  /** Adds a rule (BudgetError when it does not fit); the caller keeps the count under MAX_FAULT_RULES. */
  add(id: string, fault: NewFault): FaultRule {
    const size = retainedSize(fault);
    this.#bytes?.reserve(size, 'The fault rule');
    this.#sizes.set(id, size);
    const rule: FaultRule = {
      id,
      match: fault.match,
      action: fault.action,
      times: fault.times ?? null,
      remaining: fault.times ?? null,
      probability: fault.probability ?? 1,
      fired: 0,
    };
    this.#rules.push(rule);
    return rule;
  }

  /**
   * Replaces every rule with saved ones (a state load), counts included. All or nothing: when they
   * do not fit the sandbox's budget, BudgetError and the current rules stay.
   */
  replace(rules: readonly FaultRule[]): void {
    const sizes = rules.map((rule) => retainedSize(rule));
    const incoming = sizes.reduce((sum, size) => sum + size, 0);
    let current = 0;
    for (const size of this.#sizes.values()) current += size;
    this.#bytes?.reserve(Math.max(0, incoming - current), 'The fault rules');
    if (incoming < current) this.#bytes?.release(current - incoming);
    this.#sizes = new Map(rules.map((rule, index) => [rule.id, sizes[index] ?? 0]));
    this.#rules = rules.map((rule) => ({ ...rule }));
  }

  remove(id: string): boolean {
    this.#bytes?.release(this.#sizes.get(id) ?? 0);
    this.#sizes.delete(id);
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((rule) => rule.id !== id);
    return this.#rules.length < before;
  }

  clear(): void {
    for (const size of this.#sizes.values()) this.#bytes?.release(size);
    this.#sizes.clear();
    this.#rules = [];
  }

  /** The first live rule matching the request that wins its coin flip; it is counted as fired. */
  take(target: FaultTarget, flip: () => number): FaultAction | undefined {
    for (const rule of this.#rules) {
      if (rule.remaining === 0 || !matches(rule.match, target)) continue;
      if (rule.probability < 1 && flip() >= rule.probability) continue;
      if (rule.remaining !== null) rule.remaining -= 1;
      rule.fired += 1;
      this.#revision?.bump();
      return rule.action;
    }
    return undefined;
  }
}

function matches(match: FaultMatch, target: FaultTarget): boolean {
  if (match.partner !== undefined && match.partner !== target.partner) return false;
  if (match.method !== undefined && match.method !== target.method) return false;
  if (match.order !== undefined && match.order !== target.order) return false;
  if (match.path !== undefined && !globMatches(match.path, target.path)) return false;
  return true;
}
