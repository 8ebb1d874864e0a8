// The definition of done: each rule R1–R41 has at least one test whose name cites it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

it('R1–R41 are each cited by the name of at least one test', () => {
  const cited = new Set<number>();
  for (const f of files(import.meta.dirname)) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\b(?:it|describe|test)\(\s*(['"`])(.*?)\1/g)) {
      for (const r of (m[2] ?? '').matchAll(/\bR(\d+)\b/g)) cited.add(Number(r[1]));
    }
  }
  const missing = Array.from({ length: 41 }, (_, i) => i + 1).filter((n) => !cited.has(n));
  expect(missing).toEqual([]);
});
