/**
 * JSON as PHP's `json_encode` writes it with its default flags, which Laravel's JsonResponse
 * uses: `/` escaped as `\/`, and every character outside ASCII as `\uXXXX` (lower-case hex,
 * a surrogate pair for characters beyond the BMP). Applied to JSON text, which needs no other
 * change: both are valid JSON for the same value.
 */
export function phpEscape(json: string): string {
  let out = '';
  let start = 0;
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === 0x2f) {
      out += `${json.slice(start, index)}\\/`;
      start = index + 1;
    } else if (code > 0x7f) {
      out += `${json.slice(start, index)}\\u${code.toString(16).padStart(4, '0')}`;
      start = index + 1;
    }
  }
  return start === 0 ? json : out + json.slice(start);
}
