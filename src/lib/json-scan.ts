// One-pass looks at JSON text, before anything is parsed: what parsing would cost is decided by
// how many objects and arrays it makes, not by its length (`[{},{},…]` is twenty times its size
// once parsed), and how deep it nests decides whether it can be shown safely.

/** Calls `open(depth)` at each `{` or `[` outside strings; stops early when it returns false. */
function scanContainers(text: string, open: (depth: number) => boolean): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i++;
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 || code === 91) {
      if (!open(++depth)) return false;
    } else if (code === 125 || code === 93) depth--;
  }
  return true;
}

/** Whether JSON text nests no deeper than `max`. */
export function nestsWithin(text: string, max: number): boolean {
  return scanContainers(text, (depth) => depth <= max);
}

/** Whether JSON text holds at most `max` objects and arrays. */
export function containersWithin(text: string, max: number): boolean {
  let count = 0;
  return scanContainers(text, () => ++count <= max);
}
