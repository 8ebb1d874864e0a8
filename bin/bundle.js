// The bundle `npm start` runs (QUALITY.md P5, P7). Loading the bot from its sources means Node.js
// resolving, reading and compiling about 1,500 files (the TypeScript ones type-stripped, or transpiled
// by tsx's loader on Node 20): about 1 s of the start on this machine. esbuild (run once, well under
// 2 s) turns src/main.ts and what it imports into a few ESM files in .bundle/ (git-ignored), which
// Node loads in a fraction of that on Node 20 and on Node 24 alike, with no loader in the process.
//
// Never stale: .bundle/current.json lists every project file the build read with its modification
// time and size; if any of them differs (or is gone), or this file, package.json, tsconfig.json or the
// installed packages changed, the bundle is out of date and bin/start.js builds a new one before it
// starts. The packages are judged by node_modules/.package-lock.json, which npm rewrites whenever it
// changes node_modules (install, ci, update, uninstall): checking each of the 1,400 package files the
// bundle holds took 27 ms of every start here, against 8 ms for the project's 175. A package file
// edited by hand is the one change this does not see: `npm run build` after it.
//
// `npm install` builds it (the prepare script), so the first `npm start` does not wait for it;
// `npm run build` (`node bin/bundle.js`) builds it ahead of time too (an image build, say).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_DIR, ROOT, inputsOf, publish, readCurrent, unchanged } from './builds.js';

/**
 * Loaded from node_modules at run time, as without the bundle: each finds files of its own relative
 * to its module (import.meta.url or __dirname), which would point into .bundle/ if it were inlined.
 */
export const EXTERNAL = [
  '@electric-sql/pglite', // its .wasm and .data files
  'pino', // its transports' worker files
  'postgres', // tells its own stack frames from the caller's by its folder
  'node-cron', // its daemon.js, for tasks run in a child process
];

/** Inlined CommonJS packages call require() for Node's own modules. */
export const BANNER =
  "import { createRequire as __secbotCreateRequire } from 'node:module'; const require = __secbotCreateRequire(import.meta.url);";

/** Read by the build without being one of its inputs: a change to any of them means a new bundle. */
const BUILD_FILES = ['bin/bundle.js', 'package.json', 'tsconfig.json', 'node_modules/.package-lock.json'];

/**
 * Whether `npm start` runs the bundle. R91: where Node.js strips TypeScript types itself (>= 22.18,
 * Node 24 LTS) the sources run natively unless the operator sets SECBOT_BUNDLE=1 (P5, P7); on Node 20
 * the bundle takes the place of tsx's loader.
 */
export function runsBundle(features = process.features, env = process.env) {
  return !features.typescript || env.SECBOT_BUNDLE === '1';
}

/** The bundle's entry file if the bundle is current, otherwise undefined. `bundles`: for tests. */
export function freshBundle(bundles = BUNDLE_DIR) {
  const current = readCurrent(bundles);
  if (!current || !unchanged(current)) return undefined;
  const main = join(bundles, current.dir, 'main.js');
  return existsSync(main) ? main : undefined;
}

/**
 * The project's own files say where they are with import.meta.url (db/migrate.ts finds its
 * migrations folder, the emulator its settings file): in the bundle that would be the bundle's
 * folder, so each use becomes the source file's address, relative to the bundle (which may move
 * with the project folder).
 */
function sourceUrls(outdir) {
  return {
    name: 'source-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (/import\.meta\.(dirname|filename|resolve)/.test(text))
          throw new Error(
            `${relative(ROOT, args.path)}: use import.meta.url (the bundle rewrites only that)`,
          );
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        const rel = JSON.stringify(relative(outdir, args.path));
        return {
          contents: text.replaceAll('import.meta.url', `new URL(${rel}, import.meta.url).href`),
          loader: 'ts',
        };
      });
    },
  };
}

/**
 * Builds a new bundle and makes it the current one; returns its entry file. Each build goes to a
 * folder of its own, renamed into place when complete, and current.json is replaced in one rename:
 * processes starting at the same moment (the test suite starts many) never see half a bundle, and a
 * running bot keeps its own folder for the chunks it imports later. Folders of earlier builds are
 * removed after an hour.
 */
export async function buildBundle(bundles = BUNDLE_DIR) {
  const { build, stop } = await import('esbuild');
  const startedAt = Date.now();
  const name = `b-${startedAt.toString(36)}-${process.pid.toString(36)}`;
  const outdir = join(bundles, name);
  const tmp = join(bundles, `.tmp-${name}`);
  mkdirSync(bundles, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: { main: 'src/main.ts' },
      bundle: true,
      // The platform SDKs stay in chunks of their own, loaded only when their adapter runs (src/main.ts).
      splitting: true,
      chunkNames: 'chunk-[hash]',
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      outdir: tmp,
      external: EXTERNAL,
      banner: { js: BANNER },
      // Less to read and parse at every start: on PostgreSQL 8 to 10 MB less idle RSS and up to 0.15 s
      // (Node 20) sooner at /healthz. Names are kept, so a stack trace still names every function; no
      // source maps (they made each build 0.6 s longer). `node --import tsx src/main.ts` runs the sources.
      minifyWhitespace: true,
      minifySyntax: true,
      metafile: true,
      logLevel: 'silent',
      plugins: [sourceUrls(outdir)],
    });
    renameSync(tmp, outdir);
    const read = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
    const inputs = inputsOf([...read, ...BUILD_FILES], startedAt);
    publish(bundles, { dir: name, builtAt: new Date(startedAt).toISOString(), inputs }, 'b-');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // esbuild's service process would otherwise live as long as the bot.
    await stop();
  }
  return join(outdir, 'main.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t = performance.now();
  try {
    const main = await buildBundle();
    console.log(`${relative(ROOT, main)} built in ${Math.round(performance.now() - t)} ms`);
  } catch (e) {
    // `npm install` builds it too (the prepare script, --optional): a failure there must not fail the
    // install, since `npm start` builds it again or runs the sources.
    console.error(`cannot build the bundle: ${e instanceof Error ? e.message : String(e)}`);
    if (!process.argv.includes('--optional')) process.exit(1);
  }
}
