import { createHash, randomFillSync } from 'node:crypto';

/** Fills `size` random bytes; `crypto.randomBytes` in production, a seeded generator for replays. */
export type RandomSource = (size: number) => Uint8Array;

/**
 * A reproducible stream of random bytes (sfc32, seeded from a SHA-256 of the seed): with SIM_SEED,
 * each sandbox draws its ids and fault coin flips from `seededSource(seed + token)`, so two runs
 * with the same seed and requests give the same bytes, whatever other sandboxes do.
 */
export function seededSource(seed: string): RandomSource {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return (size) => {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i += 4) {
      const value = next();
      for (let j = 0; j < 4 && i + j < size; j++) bytes[i + j] = (value >>> (8 * j)) & 0xff;
    }
    return bytes;
  };
}

/** A number in [0, 1) from a byte source. */
export function unitInterval(source: RandomSource): number {
  const bytes = source(4);
  return (
    (((bytes[0] ?? 0) | ((bytes[1] ?? 0) << 8) | ((bytes[2] ?? 0) << 16) | ((bytes[3] ?? 0) << 24)) >>> 0) /
    2 ** 32
  );
}

/**
 * Crypto-strong bytes drawn from a pool refilled 4 KB at a time: one `randomFillSync` per 4 KB
 * instead of one per id (a new order draws a dozen uuids), the way Node's own randomUUID pools.
 */
export function pooledCryptoSource(poolSize = 4096): RandomSource {
  const pool = Buffer.allocUnsafe(poolSize);
  let offset = poolSize;
  return (size) => {
    if (size > poolSize) return randomFillSync(new Uint8Array(size));
    if (offset + size > poolSize) {
      randomFillSync(pool);
      offset = 0;
    }
    // A copy: callers may keep the bytes, and the pool is overwritten on refill. Copied by hand:
    // ids take a few bytes at a time, and a subarray view plus a copy of it cost two allocations.
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = pool[offset + i] ?? 0;
    offset += size;
    return bytes;
  };
}
