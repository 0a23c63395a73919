import { customRandom, urlAlphabet } from 'nanoid';
import { pooledCryptoSource, type RandomSource, unitInterval } from './random.js';

export type { RandomSource };

/** Every generated identifier comes from here, so tests can make them predictable. */
export interface Ids {
  /** RFC 4122 version 4 UUID, lower case. */
  uuid(): string;
  /** `length` lower-case hex digits (MongoDB ObjectIds are 24). */
  hex(length: number): string;
  /** A short URL-safe id for the simulator's own records (journal entries, rules, deliveries). */
  token(): string;
  /** `length` letters and digits, as Stripe's ids carry after their prefix (`ch_…`, `pi_…`). */
  alphanumeric(length: number): string;
  /** A number in [0, 1), for coin flips such as a fault's probability. */
  fraction(): number;
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function createIds(random: RandomSource = pooledCryptoSource()): Ids {
  const token = customRandom(urlAlphabet, 12, random);
  const alphanumerics = new Map<number, () => string>();
  const hex = (length: number) =>
    Buffer.from(random(Math.ceil(length / 2)))
      .toString('hex')
      .slice(0, length);
  return {
    uuid() {
      const bytes = Buffer.from(random(16));
      bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
      bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
      const h = bytes.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    hex,
    token: () => token(),
    alphanumeric(length) {
      let make = alphanumerics.get(length);
      if (!make) {
        make = customRandom(ALPHANUMERIC, length, random);
        alphanumerics.set(length, make);
      }
      return make();
    },
    fraction: () => unitInterval(random),
  };
}
