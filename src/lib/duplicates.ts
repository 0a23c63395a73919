/** A place in a document and what is wrong there, as zod's custom issues take them. */
export interface PlacedIssue {
  path: Array<string | number>;
  message: string;
}

/** An issue at each key seen before in `keys`, under `path`: `<what> <key> appears twice`. */
export function duplicates(
  keys: ReadonlyArray<string | number>,
  path: string[],
  what: string,
): PlacedIssue[] {
  const seen = new Set<string | number>();
  const issues: PlacedIssue[] = [];
  keys.forEach((key, index) => {
    if (seen.has(key)) issues.push({ path: [...path, index], message: `${what} ${key} appears twice` });
    seen.add(key);
  });
  return issues;
}
