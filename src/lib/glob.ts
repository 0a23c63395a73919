/** Longest path pattern accepted in fault rules and journal filters. */
export const MAX_PATTERN_LENGTH = 512;

/**
 * Whether `text` matches `pattern`, exactly or with `*` standing for any run of characters. In
 * linear time whatever the pattern: the literal pieces between stars are found left to right, each
 * at its first place after the previous one, which is enough for `*` alone (no backtracking, so
 * `*a*a*a*a*b` cannot stall the server as the equivalent regex did).
 */
export function globMatches(pattern: string, text: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === text;
  const pieces = pattern.split('*');
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (first.length + last.length > text.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let from = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    if (piece === '') continue;
    const at = text.indexOf(piece, from);
    if (at === -1 || at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}
