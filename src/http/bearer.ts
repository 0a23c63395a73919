/**
 * The token of an `Authorization: Bearer <token>` header, or undefined when the header is missing,
 * uses another scheme or carries an empty token. The scheme is case-insensitive (RFC 7235 §2.1).
 */
export function bearerToken(
  header: string | undefined,
  scheme: 'any-case' | 'exact' = 'any-case',
): string | undefined {
  if (header === undefined) return undefined;
  const match = (scheme === 'exact' ? EXACT : ANY_CASE).exec(header);
  return match?.[1];
}

const ANY_CASE = /^bearer[ \t]+(\S+)[ \t]*$/i;
/** `Bearer` as written: Laravel's bearerToken() looks for `Bearer ` and nothing else. */
const EXACT = /^Bearer[ \t]+(\S+)[ \t]*$/;
