// Two doors, and the core's boundary: the core in src/ imports no chat SDK, database, scheduler or
// adapter, and src/domain reads no clock, environment, file or network.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const importsOf = (src: string): string[] =>
  [...src.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );

const FORBIDDEN = [
  /^@slack\//,
  /^@microsoft\//,
  /^drizzle-orm/,
  /^postgres$/,
  /^@electric-sql\//,
  /^node-cron$/,
];

describe('boundary', () => {
  const files = tsFiles(join(root, 'src')).filter((f) => !f.endsWith(join('src', 'main.ts')));

  it('src/ (but main.ts) imports no SDK, database, scheduler, adapter or db module', () => {
    const offences: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        const target = spec.startsWith('.') ? relative(root, join(f, '..', spec)) : spec;
        if (FORBIDDEN.some((re) => re.test(spec)) || /^(adapters|db)\//.test(target)) {
          offences.push(`${relative(root, f)} imports ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('src/domain reads no clock, environment, file, network or randomness', () => {
    const domain = files.filter((f) => f.includes(join('src', 'domain')));
    expect(domain.length).toBeGreaterThan(10);
    const offences: string[] = [];
    const banned = [
      /\bDate\.now\(/,
      /new Date\(\)/,
      /process\.env/,
      /Math\.random/,
      /\bfetch\(/,
      /node:fs|node:net|node:http/,
    ];
    for (const f of domain) {
      const src = readFileSync(f, 'utf8');
      for (const re of banned) if (re.test(src)) offences.push(`${relative(root, f)}: ${re}`);
    }
    expect(offences).toEqual([]);
  });

  it('the import scanner finds a forbidden import (so the test above can fail)', () => {
    const sample = "import { App } from '@slack/bolt';\nimport x from '../../db/client.ts';";
    expect(importsOf(sample)).toEqual(['@slack/bolt', '../../db/client.ts']);
  });
});
