// battleface number formats (INFERENCE from both published examples, reference §6):
// `<site>-<MON><4th uuid group>-<5th uuid group>`, upper case, MON = month of the order date.

export const MONTHS = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
] as const;

function stem(siteId: number, orderedAtMs: number, uuid: string): string {
  const groups = uuid.toUpperCase().split('-');
  return `${siteId}-${MONTHS[new Date(orderedAtMs).getUTCMonth()]}${groups[3]}-${groups[4]}`;
}

/** `1-JUN8668-D735471FA063`, from the order's own uuid. */
export function orderNumberFor(siteId: number, orderedAtMs: number, orderUuid: string): string {
  return stem(siteId, orderedAtMs, orderUuid);
}

/** `1-JUN83A5-4B5E0E08D64C-1`, from the item's id; the suffix is the item's position, from 1. */
export function policyNumberFor(
  siteId: number,
  orderedAtMs: number,
  itemId: string,
  sequence: number,
): string {
  return `${stem(siteId, orderedAtMs, itemId)}-${sequence}`;
}
