// The packages' bundle `npm start` loads on Node 24 (QUALITY.md P5, P7; R91). There the project's
// own .ts files run natively, type-stripped by Node.js itself, and most of the start went on the
// 1,100 package files they import: Node's ESM resolver reads each .js file's package.json scope
// afresh, and drizzle-orm's package.json is 179 kB (a 130 kB "exports" map) parsed again for every
// one of its 106 files, about 0.7 s of parsing and 0.4 s of garbage collection a start. esbuild
// bundles only the packages into .bundle/vendor/ (one ESM entry file per bare specifier the sources
// import, shared code in chunks), and bin/start.js redirects the sources' bare imports to those
// files with a synchronous resolve hook (module.registerHooks): no loader thread and no transpiling,
// so the sources are still Node's own type stripping (R91). The packages in EXTERNAL (bin/bundle.js)
// stay in node_modules for the reasons given there.
//
// Never stale: .bundle/vendor/current.json records package.json, tsconfig.json, this file,
// bin/bundle.js and node_modules/.package-lock.json (npm rewrites it whenever it changes
// node_modules), and every source file the scan for bare imports read, by modification time and
// size. A package change means a new build; a source change means a new scan (about 0.3 s), and a
// new build only if the set of imported specifiers changed, so a package subpath imported for the
// first time is never loaded as a second copy beside the bundled one. A package file edited by hand
// is the one change this does not see: `npm run build` after it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_DIR, ROOT, inputsOf, publish, readCurrent, signature, unchanged } from './builds.js';
import { BANNER, EXTERNAL } from './bundle.js';

export const VENDOR_DIR = join(BUNDLE_DIR, 'vendor');

/** Read by the build without being scanned: a change to any of them means a new build. */
const BUILD_FILES = [
  'bin/vendor.js',
  'bin/bundle.js',
  'package.json',
  'tsconfig.json',
  'node_modules/.package-lock.json',
];

const isExternal = (spec) => EXTERNAL.some((e) => spec === e || spec.startsWith(`${e}/`));

/**
 * Whether the sources run natively with the packages' bundle: where Node.js strips types (R91) and
 * the operator asked neither for the whole bundle (SECBOT_BUNDLE=1) nor for no bundle at all
 * (SECBOT_BUNDLE=0: every package file from node_modules, as Node.js alone loads them).
 */
export function runsVendor(features = process.features, env = process.env) {
  return Boolean(features.typescript) && env.SECBOT_BUNDLE !== '1' && env.SECBOT_BUNDLE !== '0';
}

/** The bare specifiers src/main.ts and what it imports (dynamic imports too) load, and the files read. */
async function scan(esbuild) {
  const found = new Set();
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/main.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'bare-imports',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            if (!isBuiltin(args.path) && !isExternal(args.path)) found.add(args.path);
            return { external: true };
          });
        },
      },
    ],
  });
  return { specifiers: [...found].sort(), sources: Object.keys(result.metafile.inputs) };
}

/**
 * The names each specifier exports as Node.js sees them (for a CommonJS package: what its lexer
 * finds), from a child process, so the packages' memory is not the bot's. One that does not load
 * is left out: the sources then import it from node_modules as before.
 */
function exportNames(specifiers) {
  const code = `const out = {};
for (const s of JSON.parse(process.argv[1])) {
  try { out[s] = Object.keys(await import(s)); } catch {}
}
process.stdout.write('\\n' + JSON.stringify(out));`;
  const text = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', code, JSON.stringify(specifiers)],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
  );
  return JSON.parse(text.slice(text.lastIndexOf('\n') + 1));
}

/**
 * One entry module per specifier, exporting exactly the names Node.js would (module.exports of a
 * CommonJS package as its default: .mjs, so esbuild imports it as Node.js does).
 */
function entrySource(spec, names) {
  const lines = [`import * as ns from ${JSON.stringify(spec)};`];
  names
    // Node 24 also exports a CommonJS module as "module.exports": the same object as the default.
    .filter((n) => n !== 'module.exports')
    .forEach((n, i) => {
      lines.push(`const v${i} = ns[${JSON.stringify(n)}];`, `export { v${i} as ${JSON.stringify(n)} };`);
    });
  return `${lines.join('\n')}\n`;
}

/** The current record, with the fields a packages' build has. */
const readRecord = (dir) => readCurrent(dir, ['files', 'specifiers']);

/** Specifier → entry file URL, from a record. */
function redirects(dir, record) {
  const out = join(dir, record.dir);
  return new Map(
    Object.entries(record.files).map(([spec, file]) => [spec, pathToFileURL(join(out, file)).href]),
  );
}

/**
 * The packages' bundle as a map from specifier to file URL if it is current, otherwise undefined.
 * `dir`: for tests.
 */
export function freshVendor(dir = VENDOR_DIR) {
  const record = readRecord(dir);
  if (!record || !unchanged(record)) return undefined;
  return existsSync(join(dir, record.dir)) ? redirects(dir, record) : undefined;
}

/**
 * A current packages' bundle, built first if it is not (or if `force`): a change in the sources
 * alone is a new scan, kept with the same build when it imports the same specifiers. Returns the map
 * and what was done ('fresh', 'rescanned' or 'built').
 */
export async function ensureVendor(dir = VENDOR_DIR, force = false) {
  const fresh = force ? undefined : freshVendor(dir);
  if (fresh) return { map: fresh, did: 'fresh' };
  const record = force ? undefined : readRecord(dir);
  const esbuild = await import('esbuild');
  try {
    const startedAt = Date.now();
    const found = await scan(esbuild);
    const packagesSame =
      record &&
      BUILD_FILES.every((f) => record.inputs[f] === signature(f)) &&
      existsSync(join(dir, record.dir));
    if (packagesSame && JSON.stringify(record.specifiers) === JSON.stringify(found.specifiers)) {
      const next = { ...record, inputs: inputsOf([...found.sources, ...BUILD_FILES], startedAt) };
      publish(dir, next, 'v-');
      return { map: redirects(dir, next), did: 'rescanned' };
    }
    return { map: await build(esbuild, dir, found, startedAt), did: 'built' };
  } finally {
    // esbuild's service process would otherwise live as long as the bot.
    await esbuild.stop();
  }
}

/** Builds the packages' bundle into a folder of its own and makes it current; returns its map. */
async function build(esbuild, dir, found, startedAt) {
  const name = `v-${startedAt.toString(36)}-${process.pid.toString(36)}`;
  const tmp = join(dir, `.tmp-${name}`);
  const entries = join(dir, `.tmp-${name}-in`);
  mkdirSync(entries, { recursive: true });
  try {
    const names = exportNames(found.specifiers);
    const specs = found.specifiers.filter((s) => names[s]);
    const entryPoints = {};
    const files = {};
    specs.forEach((spec, i) => {
      const file = join(entries, `e${i}.mjs`);
      writeFileSync(file, entrySource(spec, names[spec]));
      entryPoints[`e${i}`] = file;
      files[spec] = `e${i}.js`;
    });
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints,
      bundle: true,
      // Shared code in chunks: drizzle-orm and drizzle-orm/pg-core are one copy, as from node_modules,
      // and each entry loads only what it needs (the Slack and Teams SDKs only with their adapters).
      splitting: true,
      chunkNames: 'chunk-[hash]',
      format: 'esm',
      platform: 'node',
      target: 'node22',
      outdir: tmp,
      // The entries are written into `dir`, which a test may place anywhere.
      nodePaths: [join(ROOT, 'node_modules')],
      external: EXTERNAL,
      banner: { js: BANNER },
      // As bin/bundle.js: less to parse at each start, names kept for stack traces, no source maps.
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'silent',
    });
    renameSync(tmp, join(dir, name));
    const record = {
      dir: name,
      builtAt: new Date(startedAt).toISOString(),
      specifiers: found.specifiers,
      files,
      inputs: inputsOf([...found.sources, ...BUILD_FILES], startedAt),
    };
    publish(dir, record, 'v-');
    return redirects(dir, record);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(entries, { recursive: true, force: true });
  }
}

/**
 * The resolve hook: a bare specifier imported by one of the project's own files (not a package's,
 * not the bundles') goes to its entry in the packages' bundle; anything else resolves as usual.
 */
export function redirectHook(map, root = pathToFileURL(ROOT).href) {
  const notOwn = [`${root}node_modules/`, `${root}.bundle/`];
  return (specifier, context, nextResolve) => {
    const url = map.get(specifier);
    const parent = context.parentURL;
    if (url && parent?.startsWith(root) && !notOwn.some((p) => parent.startsWith(p)))
      return { url, format: 'module', shortCircuit: true };
    return nextResolve(specifier, context);
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t = performance.now();
  try {
    // Built anew: `npm run build` is also the way to pick up a package file edited by hand.
    const { map, did } = await ensureVendor(VENDOR_DIR, true);
    console.log(
      `${relative(ROOT, VENDOR_DIR)}: ${map.size} packages' entries, ${did} in ${Math.round(performance.now() - t)} ms`,
    );
  } catch (e) {
    // `npm install` builds it too (the prepare script, --optional): a failure there must not fail the
    // install, since `npm start` builds it again or loads the packages from node_modules.
    console.error(`cannot build the packages' bundle: ${e instanceof Error ? e.message : String(e)}`);
    if (!process.argv.includes('--optional')) process.exit(1);
  }
}
