// The packages' bundle `npm start` loads on Node 24 (bin/vendor.js, QUALITY.md P5, P7; R91): the
// sources still run natively, only their bare imports are redirected. It is never stale (a package
// change rebuilds it, a source change rescans the imports and rebuilds only if they changed), each
// entry exports what Node.js itself would, and with the redirect no bundled package also loads from
// node_modules (a second copy). Built into a folder of the test's own in .bundle/ (its imports of the
// EXTERNAL packages resolve from there, as the real one's do), so the start tests running alongside
// keep using .bundle/vendor/ undisturbed; driven in child processes, as bin/bundle.js's test.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runBin } from './spawn.ts';

const vendor = (code: string): string => runBin('vendor.js', code);

interface Record {
  dir: string;
  specifiers: string[];
  files: { [spec: string]: string };
  inputs: { [file: string]: string };
}

describe("the packages' bundle (P5, P7, R91)", () => {
  mkdirSync(join(root, '.bundle'), { recursive: true });
  const dir = mkdtempSync(join(root, '.bundle', 'test-vendor-'));
  const file = join(dir, 'current.json');
  const record = (): Record => JSON.parse(readFileSync(file, 'utf8')) as Record;
  const ensure = () =>
    JSON.parse(
      vendor(
        `const r = await m.ensureVendor(${JSON.stringify(dir)}); console.log(JSON.stringify({ did: r.did, size: r.map.size }));`,
      ),
    ) as { did: string; size: number };
  const fresh = () => vendor(`console.log(m.freshVendor(${JSON.stringify(dir)}) ? 'fresh' : 'stale');`);
  let built: Record;

  beforeAll(() => {
    expect(fresh()).toBe('stale'); // none yet
    expect(ensure().did).toBe('built');
    built = record();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('R91: runs where Node.js strips types, unless SECBOT_BUNDLE asks for the whole bundle (1) or none (0)', () => {
    const runs = (features: object, env: object) =>
      vendor(`console.log(m.runsVendor(${JSON.stringify(features)}, ${JSON.stringify(env)}));`);
    expect(runs({ typescript: 'strip' }, {})).toBe('true');
    expect(runs({ typescript: 'strip' }, { SECBOT_BUNDLE: '1' })).toBe('false');
    expect(runs({ typescript: 'strip' }, { SECBOT_BUNDLE: '0' })).toBe('false');
    expect(runs({ typescript: false }, {})).toBe('false'); // Node 20: the whole bundle
    expect(runs({}, {})).toBe('false');
  });

  it('redirects bare imports of the own files only, and only the specifiers it holds', () => {
    const got = vendor(`
const hook = m.redirectHook(new Map([['zod', 'file:///v/e1.js']]), 'file:///p/');
const next = (s) => ({ url: 'next:' + s });
const r = (s, parentURL) => hook(s, { parentURL }, next).url;
console.log(JSON.stringify([
  r('zod', 'file:///p/src/main.ts'),
  r('zod', 'file:///p/node_modules/x/index.js'),
  r('zod', 'file:///p/.bundle/b-1/main.js'),
  r('zod', 'file:///elsewhere/main.ts'),
  r('express', 'file:///p/src/main.ts'),
  r('./store.ts', 'file:///p/src/main.ts'),
]));`);
    expect(JSON.parse(got)).toEqual([
      'file:///v/e1.js',
      'next:zod',
      'next:zod',
      'next:zod',
      'next:express',
      'next:./store.ts',
    ]);
  });

  it('holds the specifiers the sources import (not the EXTERNAL ones, not type-only ones), one entry each', () => {
    expect(built.specifiers).toEqual(
      expect.arrayContaining(['drizzle-orm', 'drizzle-orm/pg-core', 'express', 'zod']),
    );
    expect(built.specifiers).toContain('drizzle-orm/pglite'); // a dynamic import (db/client.ts)
    for (const external of ['postgres', 'pino', 'node-cron', '@electric-sql/pglite'])
      expect(built.specifiers).not.toContain(external);
    expect(built.specifiers).not.toContain('@microsoft/teams.cards'); // `import type` only
    for (const spec of built.specifiers)
      expect(existsSync(join(dir, built.dir, built.files[spec] ?? '-'))).toBe(true);
    expect(built.inputs['db/migrate.ts']).toMatch(/^[\d.]+:\d+$/); // mtime:size
    expect(built.inputs['node_modules/.package-lock.json']).toMatch(/^[\d.]+:\d+$/);
  });

  it('exports from each entry the names Node.js gives the package itself (CommonJS ones too)', () => {
    const got = JSON.parse(
      vendor(`
const out = {};
for (const [spec, url] of m.freshVendor(${JSON.stringify(dir)})) {
  const [a, b] = [await import(spec), await import(url)];
  out[spec] = { node: Object.keys(a).filter((k) => k !== 'module.exports'), bundled: Object.keys(b),
    sameType: typeof a.default === typeof b.default };
}
console.log(JSON.stringify(out));`),
    ) as { [spec: string]: { node: string[]; bundled: string[]; sameType: boolean } };
    expect(Object.keys(got).sort()).toEqual(built.specifiers);
    for (const [spec, { node, bundled, sameType }] of Object.entries(got)) {
      expect(bundled, spec).toEqual(node);
      expect(sameType, spec).toBe(true);
    }
    expect(got['express']?.node).toContain('default'); // CommonJS: module.exports
    expect(got['@slack/bolt']?.node).toContain('App'); // CommonJS, found by Node's lexer
  }, 60_000);

  it('is stale when a package changes (rebuilt), rescanned when only a source changes', () => {
    const write = (r: Record) => writeFileSync(file, JSON.stringify(r));
    // A source file changed: a new scan finds the same specifiers, so the same build stays.
    write({ ...built, inputs: { ...built.inputs, 'db/migrate.ts': '1:1' } });
    expect(fresh()).toBe('stale');
    expect(ensure().did).toBe('rescanned');
    expect(record().dir).toBe(built.dir);
    expect(fresh()).toBe('fresh');
    // A source file changed and imports a specifier the build lacks: built anew.
    write({
      ...built,
      specifiers: built.specifiers.filter((s) => s !== 'zod'),
      inputs: { ...built.inputs, 'db/migrate.ts': 'missing' },
    });
    expect(ensure().did).toBe('built');
    const rebuilt = record();
    expect(rebuilt.dir).not.toBe(built.dir);
    expect(rebuilt.specifiers).toContain('zod');
    // The installed packages changed (npm rewrote node_modules/.package-lock.json): built anew.
    write({ ...rebuilt, inputs: { ...rebuilt.inputs, 'node_modules/.package-lock.json': '1:1' } });
    expect(ensure().did).toBe('built');
    expect(record().dir).not.toBe(rebuilt.dir);
    expect(fresh()).toBe('fresh');
  }, 120_000);

  // The redirect itself, as bin/start.js installs it: only where Node.js runs the sources natively.
  // Node 20 has neither type stripping nor module.registerHooks, so there npm start must choose the
  // whole bundle instead (checked here, so the test asserts on both runtimes CI runs).
  it('loads the sources natively with no bundled package from node_modules as well (Node 24; Node 20: the whole bundle)', () => {
    if (!(process.features as { typescript?: unknown }).typescript) {
      const node20 = JSON.parse(
        vendor(`const node = await import('node:module'); const b = await import('./bin/bundle.js');
console.log(JSON.stringify({ hooks: typeof node.registerHooks, vendor: m.runsVendor(process.features, {}), bundle: b.runsBundle(process.features, {}) }));`),
      ) as { hooks: string; vendor: boolean; bundle: boolean };
      expect(node20).toEqual({ hooks: 'undefined', vendor: false, bundle: true });
      return;
    }
    const got = JSON.parse(
      vendor(`
const { registerHooks } = await import('node:module');
registerHooks({ resolve: m.redirectHook(m.freshVendor(${JSON.stringify(dir)})) });
const seen = [];
registerHooks({ resolve(s, c, next) { const r = next(s, c); seen.push(r.url); return r; } });
const { main } = await import('./src/main.ts');
await import('./adapters/slack/app.ts');
await import('./adapters/teams/app.ts');
console.log(JSON.stringify({ main: typeof main, seen }));
process.exit(0);`),
    ) as { main: string; seen: string[] };
    expect(got.main).toBe('function');
    const vendorDir = pathToFileURL(join(dir, record().dir)).href;
    const own = got.seen.filter(
      (u) => u.startsWith(pathToFileURL(root).href) && !u.includes('/node_modules/'),
    );
    expect(own.some((u) => u.endsWith('/src/main.ts'))).toBe(true); // the .ts source itself
    expect(got.seen.filter((u) => u.startsWith(vendorDir)).length).toBeGreaterThan(5);
    const names = record().specifiers.map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    );
    const doubled = got.seen.filter((u) => names.some((n) => u.includes(`/node_modules/${n}/`)));
    expect(doubled).toEqual([]);
    expect(fileURLToPath(vendorDir).startsWith(dir)).toBe(true);
  }, 60_000);
});
