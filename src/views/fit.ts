// Shortening text to a platform's limit, for every renderer: cuts only between whole characters (never
// inside a surrogate pair) and marks the cut with "…".
export const ELLIPSIS = '…';

export function fitText(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length + ELLIPSIS.length > max) break;
    out += ch;
  }
  return out + ELLIPSIS;
}
