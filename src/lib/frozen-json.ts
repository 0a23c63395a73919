/** The text of each frozen object already written: it cannot change, so it is written once. */
const written = new WeakMap<object, string>();

/**
 * JSON.stringify for plain data (no toJSON, no cycles), reusing the text of frozen objects. A
 * shared store writes a sandbox's whole document after each change, and almost all of it is
 * records that are deep-frozen once stored (sandbox/overlay-map.ts): their text is made once,
 * not on every request.
 */
export function frozenJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Object.isFrozen(value)) {
    let text = written.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      written.set(value, text);
    }
    return text;
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (i > 0) text += ',';
      text += item === undefined || typeof item === 'function' ? 'null' : frozenJson(item);
    }
    return `${text}]`;
  }
  let text = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function') continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${frozenJson(item)}`;
    first = false;
  }
  return `${text}}`;
}
