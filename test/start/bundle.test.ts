// The bundle `npm start` runs (bin/bundle.js, QUALITY.md P5): a start never runs stale code. Once
// built the bundle is current; when a project file it was built from no longer has the modification
// time and size recorded for it, the bundle is stale (bin/start.js then builds a new one). Built into
// a folder of the test's own: the start tests running alongside keep using .bundle/ undisturbed.
// bin/bundle.js is plain JavaScript for Node 20 without a loader, so it is driven in a child process.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from './spawn.ts';

const bundle = (code: string): string => runBin('bundle.js', code);

describe('the start-up bundle (P5)', () => {
  it('R91: runs where Node.js cannot strip types, and on Node 24 only when SECBOT_BUNDLE=1 asks for it', () => {
    const runs = (features: object, env: object) =>
      bundle(`console.log(m.runsBundle(${JSON.stringify(features)}, ${JSON.stringify(env)}));`);
    expect(runs({ typescript: 'strip' }, {})).toBe('false');
    expect(runs({ typescript: 'strip' }, { SECBOT_BUNDLE: '0' })).toBe('false');
    expect(runs({ typescript: 'strip' }, { SECBOT_BUNDLE: '1' })).toBe('true');
    expect(runs({ typescript: false }, {})).toBe('true');
    expect(runs({}, {})).toBe('true');
  });

  it('is current once built, and stale when a project file it holds differs from what it recorded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secbot-bundle-'));
    const fresh = () => bundle(`console.log(m.freshBundle(${JSON.stringify(dir)}) ?? 'stale');`);
    try {
      expect(fresh()).toBe('stale'); // none yet
      const entry = bundle(`console.log(await m.buildBundle(${JSON.stringify(dir)}));`);
      expect(entry.startsWith(join(dir, 'b-')) && entry.endsWith('/main.js')).toBe(true);
      expect(fresh()).toBe(entry);

      const file = join(dir, 'current.json');
      const built = readFileSync(file, 'utf8');
      const current = JSON.parse(built) as { inputs: Record<string, string> };
      expect(current.inputs['db/migrate.ts']).toMatch(/^[\d.]+:\d+$/); // mtime:size
      expect(current.inputs['node_modules/.package-lock.json']).toBeDefined();
      for (const other of ['1:1', 'missing']) {
        writeFileSync(
          file,
          JSON.stringify({ ...current, inputs: { ...current.inputs, 'db/migrate.ts': other } }),
        );
        expect(fresh()).toBe('stale');
      }
      writeFileSync(file, built);
      expect(fresh()).toBe(entry);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("uses import.meta.url only for the banner and the sources' own files (migrations folder, emulator settings)", () => {
    const entry = bundle('console.log(m.freshBundle() ?? await m.buildBundle());');
    const dir = dirname(entry);
    const uses: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/.{0,60}import\.meta\.url/g)) uses.push(m[0]);
    }
    // An inlined package that finds its own files this way would look in .bundle/: keep it external.
    const strays = uses.filter(
      (u) =>
        !u.endsWith('__secbotCreateRequire(import.meta.url') &&
        !/new URL\("\.\.\/\.\.\/(src|db|adapters)\/[\w/.-]+\.ts",\s*import\.meta\.url$/.test(u),
    );
    expect(strays).toEqual([]);
    expect(uses.some((u) => u.includes('"../../db/migrate.ts"'))).toBe(true);
  }, 60_000);
});
