/** The earliest instant a sandbox clock may show: 1970-01-01T00:00:00.000Z. */
export const MIN_INSTANT = 0;
/** The latest: 9999-12-31T23:59:59.999Z, the last instant both partners' formats can print. */
export const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function isSaneInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_INSTANT && ms <= MAX_INSTANT;
}

/** Whether an ISO 8601 text names a real calendar day (no February 30, no month 99). */
export function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether a timestamp names a real instant a sandbox clock can show (1970..9999). */
export function isRealInstant(text: string): boolean {
  return isCalendarDate(text) && isSaneInstant(Date.parse(text));
}

export const REAL_INSTANT_MESSAGE =
  'expected a real instant from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z';
