import { describe, expect, it } from 'vitest';
import { formatDate, formatMicros, formatSeconds } from '../../src/lib/clock.js';

describe('time formats', () => {
  it('print each instant as the partners do, whatever instant came before', () => {
    // Alternating instants that share a second, a day, or nothing: a remembered answer must not leak.
    const instants = [
      Date.UTC(2023, 5, 29, 14, 6, 48, 924),
      Date.UTC(2023, 5, 29, 14, 6, 48, 925),
      Date.UTC(2023, 5, 29, 14, 6, 49, 0),
      Date.UTC(2023, 5, 29, 23, 59, 59, 999),
      Date.UTC(2023, 5, 30, 0, 0, 0, 0),
      -1,
      -1.5,
      0,
    ];
    const printed = instants.map((ms) => [formatMicros(ms), formatSeconds(ms), formatDate(ms)]);

    expect(printed).toEqual([
      ['2023-06-29T14:06:48.924000Z', '2023-06-29T14:06:48.000000Z', '2023-06-29'],
      ['2023-06-29T14:06:48.925000Z', '2023-06-29T14:06:48.000000Z', '2023-06-29'],
      ['2023-06-29T14:06:49.000000Z', '2023-06-29T14:06:49.000000Z', '2023-06-29'],
      ['2023-06-29T23:59:59.999000Z', '2023-06-29T23:59:59.000000Z', '2023-06-29'],
      ['2023-06-30T00:00:00.000000Z', '2023-06-30T00:00:00.000000Z', '2023-06-30'],
      ['1969-12-31T23:59:59.999000Z', '1969-12-31T23:59:59.000000Z', '1969-12-31'],
      ['1969-12-31T23:59:59.999000Z', '1969-12-31T23:59:59.000000Z', '1969-12-31'],
      ['1970-01-01T00:00:00.000000Z', '1970-01-01T00:00:00.000000Z', '1970-01-01'],
    ]);
    expect(instants.map((ms) => new Date(ms).toISOString().slice(0, 10))).toEqual(
      printed.map((row) => row[2]),
    );
  });
});
