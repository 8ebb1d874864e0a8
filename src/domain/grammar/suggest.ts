// R72: a mistyped command gets the nearest command as a suggestion ("stauts" → "status"). The distance
// is Damerau–Levenshtein in its optimal-string-alignment form (insert, delete, substitute, swap two
// neighbours), small enough to keep here over a few dozen command names.

/** The optimal-string-alignment distance between two words. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate nearest to what was typed, when it is near enough to be a typo: at most 2 edits and
 * fewer than half the typed letters (so "x" suggests nothing). Ties go to the earlier candidate.
 */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  const t = typed.toLowerCase();
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const dist = editDistance(t, c);
    if (!best || dist < best.d) best = { c, d: dist };
  }
  if (!best || best.d === 0 || best.d > 2 || best.d * 2 >= t.length) return undefined;
  return best.c;
}
