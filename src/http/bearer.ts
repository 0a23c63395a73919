/**
 * The token of an `Authorization: Bearer <token>` header, or undefined when the header is missing,
 * uses another scheme or carries an empty token. The scheme is case-insensitive (RFC 7235 §2.1).
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}
