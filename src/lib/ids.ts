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

/** Each byte's two lower-case hex digits, so ids are written without a Buffer per id. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function createIds(random: RandomSource = pooledCryptoSource()): Ids {
  const token = customRandom(urlAlphabet, 12, random);
  const alphanumerics = new Map<number, () => string>();
  const hex = (length: number) => {
    const bytes = random(Math.ceil(length / 2));
    let digits = '';
    for (let i = 0; i < bytes.length; i++) digits += HEX[bytes[i] ?? 0];
    return digits.length === length ? digits : digits.slice(0, length);
  };
  return {
    uuid() {
      const bytes = random(16);
      let text = '';
      for (let i = 0; i < 16; i++) {
        // The version (4) and variant (10xx) bits, as RFC 4122 sets them.
        const byte =
          i === 6 ? ((bytes[6] ?? 0) & 0x0f) | 0x40 : i === 8 ? ((bytes[8] ?? 0) & 0x3f) | 0x80 : bytes[i];
        if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
        text += HEX[byte ?? 0];
      }
      return text;
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
