import type { Ids } from '../../src/lib/ids.js';

/** Ids that count up, so bodies in assertions are stable: uuid 1 is 00000000-0000-4000-8000-000000000001. */
export function sequentialIds(): Ids {
  let n = 0;
  const next = () => ++n;
  return {
    uuid: () => `00000000-0000-4000-8000-${next().toString(16).padStart(12, '0')}`,
    hex: (length) => next().toString(16).padStart(length, '0'),
    token: () => `id${next()}`,
    alphanumeric: (length) => `A${next()}`.padEnd(length, '0'),
    // Coin flips cycle through 0.1, 0.3, 0.5, 0.7, 0.9 so probability rules are testable.
    fraction: () => ((next() % 5) * 2 + 1) / 10,
  };
}

/**
 * Ids that replay a published example's: each kind hands out its scripted values in order, then
 * counts up as sequentialIds does.
 */
export function scriptedIds(script: { hex?: string[]; uuid?: string[]; alphanumeric?: string[] }): Ids {
  const fallback = sequentialIds();
  const hex = [...(script.hex ?? [])];
  const uuid = [...(script.uuid ?? [])];
  const alphanumeric = [...(script.alphanumeric ?? [])];
  return {
    ...fallback,
    hex: (length) => hex.shift() ?? fallback.hex(length),
    uuid: () => uuid.shift() ?? fallback.uuid(),
    alphanumeric: (length) => alphanumeric.shift() ?? fallback.alphanumeric(length),
  };
}
