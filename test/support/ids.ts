import type { Ids } from '../../src/lib/ids.js';

/** Ids that count up, so bodies in assertions are stable: uuid 1 is 00000000-0000-4000-8000-000000000001. */
export function sequentialIds(): Ids {
  let n = 0;
  const next = () => ++n;
  return {
    uuid: () => `00000000-0000-4000-8000-${next().toString(16).padStart(12, '0')}`,
    hex: (length) => next().toString(16).padStart(length, '0'),
    token: () => `id${next()}`,
    // Coin flips cycle through 0.1, 0.3, 0.5, 0.7, 0.9 so probability rules are testable.
    fraction: () => ((next() % 5) * 2 + 1) / 10,
  };
}
