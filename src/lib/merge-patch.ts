import type { z } from 'zod';

// JSON Merge Patch (RFC 7396) guided by the target's zod schema: objects merge key by key, arrays
// and scalars replace, and `null` deletes a key only where the schema makes it optional and not
// nullable (`"approved_at": null` removes it, `"policy_file_id": null` sets null).

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Shape = Record<string, z.ZodType>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The shape of the object schema inside optional/nullable/default wrappers, if any. */
function objectShape(schema: z.ZodType | undefined): Shape | undefined {
  let current = schema as unknown as
    | { def?: { type: string; innerType?: unknown; shape?: Shape } }
    | undefined;
  for (let depth = 0; current?.def && depth < 8; depth++) {
    if (current.def.type === 'object') return current.def.shape;
    current = current.def.innerType as typeof current;
  }
  return undefined;
}

export function mergePatch(schema: z.ZodType | undefined, base: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const target: Record<string, unknown> = isPlainObject(base) ? { ...base } : {};
  const shape = objectShape(schema);
  for (const [key, value] of Object.entries(patch)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const field = shape?.[key];
    if (value === null && field && !field.safeParse(null).success && field.safeParse(undefined).success) {
      delete target[key];
    } else {
      target[key] = mergePatch(field, target[key], value);
    }
  }
  return target;
}

/** Whether `actual` holds everything `expected` holds: objects by subset, arrays index by index. */
export function partialMatch(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      expected.length === actual.length &&
      expected.every((item, index) => partialMatch(item, actual[index]))
    );
  }
  if (isPlainObject(expected)) {
    return (
      isPlainObject(actual) &&
      Object.entries(expected).every(([key, value]) => partialMatch(value, actual[key]))
    );
  }
  return Object.is(expected, actual);
}
