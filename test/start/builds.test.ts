// What both bundles' builds share (bin/builds.js): current.json is replaced whole and names the current
// build; superseded builds of the same kind go after an hour, and nothing of the other kind that
// shares .bundle/ is touched (the sources' bundle once kept the packages' bundle alive only by name);
// a file that changed while a build read it makes that build stale.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from './spawn.ts';

const builds = (code: string): string => runBin('builds.js', code);

describe('the builds in .bundle/ (P5, P7)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secbot-builds-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("publishes a build and removes only its own kind's builds older than an hour", () => {
    const old = new Date(Date.now() - 2 * 3_600_000);
    const folders = ['b-old', 'b-recent', '.tmp-b-crashed', 'v-old', 'vendor', 'test-vendor-x'];
    for (const f of folders) mkdirSync(join(dir, f));
    for (const f of ['b-old', '.tmp-b-crashed', 'v-old', 'vendor', 'test-vendor-x'])
      utimesSync(join(dir, f), old, old);
    mkdirSync(join(dir, 'b-new'));
    builds(`m.publish(${JSON.stringify(dir)}, { dir: 'b-new', inputs: {} }, 'b-');`);
    expect(readdirSync(dir).sort()).toEqual(
      ['b-new', 'b-recent', 'current.json', 'test-vendor-x', 'v-old', 'vendor'].sort(),
    );
    expect(builds(`console.log(m.readCurrent(${JSON.stringify(dir)}).dir);`)).toBe('b-new');
  });

  it('reads a current.json only with the fields its kind needs', () => {
    writeFileSync(join(dir, 'current.json'), JSON.stringify({ dir: 'v-1', inputs: {} }));
    const read = (fields: string[]) =>
      builds(`console.log(m.readCurrent(${JSON.stringify(dir)}, ${JSON.stringify(fields)})?.dir ?? 'none');`);
    expect(read([])).toBe('v-1');
    expect(read(['files'])).toBe('none');
    writeFileSync(join(dir, 'current.json'), '{"dir":');
    expect(read([])).toBe('none');
  });

  it('records a file changed while the build read it as changed, so the build is stale at once', () => {
    const got = JSON.parse(
      builds(`const i = m.inputsOf(['package.json', 'no/such.file'], Date.now() + 60_000);
const j = m.inputsOf(['package.json'], 0);
console.log(JSON.stringify({ i, j, unchanged: m.unchanged({ inputs: j }), current: m.unchanged({ inputs: i }) }));`),
    ) as { i: Record<string, string>; j: Record<string, string>; unchanged: boolean; current: boolean };
    // Built "in the future": package.json's mtime is before the start, so it is recorded as it is.
    expect(got.i['package.json']).toMatch(/^[\d.]+:\d+$/);
    expect(got.i['no/such.file']).toBe('missing');
    // Started at 0: every existing file changed after the build started.
    expect(got.j['package.json']).toBe('changed');
    expect(got.unchanged).toBe(false);
    expect(got.current).toBe(true);
  });
});
