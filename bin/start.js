#!/usr/bin/env node
// `npm start`: the bot in this process. R88: Ctrl-C and SIGTERM are handled from the first moment.
// While the code still loads (or its bundle is being built) nothing is open, so a stop then is an
// exit; once src/main.ts runs, its own handlers stop cleanly. R91: on a Node.js that strips TypeScript
// types itself (>= 22.18, Node 24 LTS) the sources run natively; on an older one (Node 20.19) the bot
// runs from the bundle of its sources (below, P5), or, if it cannot be built, through tsx's loader
// registered in this process. Not the tsx CLI: it runs the bot as a child and kills it 30 ms after
// passing on a Ctrl-C, before the stop can finish.
const whileLoading = (signal) => {
  const line = { level: 30, time: Date.now(), pid: process.pid, signal, msg: 'stopped cleanly' };
  process.stdout.write(
    `${JSON.stringify({ ...line, msg: 'stopping while starting: nothing was open yet' })}\n`,
  );
  process.stdout.write(`${JSON.stringify(line)}\n`);
  process.exit(0);
};
process.on('SIGINT', whileLoading);
process.on('SIGTERM', whileLoading);
// `ps` and `top` show the bot as "secbot" from here on: its signal handlers are in place.
process.title = 'secbot';
const { pathToFileURL } = await import('node:url');
// P5: Node's on-disk compile cache (Node >= 22.1; in the system's temporary folder, keyed by each
// file's content) spares later starts most of the compiling: on Node 24, on PostgreSQL, from the
// sources 2.4 to 2.9 s to /healthz against 3.4 to 4.1 s without, and 30 MB less idle RSS.
(await import('node:module')).enableCompileCache?.();
// P5, P7: the bundle of the sources (bin/bundle.js) starts in 0.8 s with 100 to 120 MB against 1.5 s
// and 170 MB from the sources, on PostgreSQL. R91 asks for the sources themselves where Node.js strips
// types, so there the bundle runs only when the operator asks for it with SECBOT_BUNDLE=1; on Node 20
// it replaces tsx's loader thread. It is rebuilt first whenever any file it was built from has changed
// since: a start never runs stale code, and after `npm install` or an edit the first start pays for the
// build (about 1 to 2 s here) once. If it cannot be built (no esbuild binary for this platform, a
// read-only folder) the sources run as before.
const log = (level, msg, fields) =>
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), pid: process.pid, ...fields, msg })}\n`);
/** Why a build failed, in one line for the log. */
const reasonOf = (e) => (e instanceof Error ? e.message.split('\n')[0] : String(e));
// bin/bundle.js loads esbuild only to build: importing it costs nothing worth sparing.
const { buildBundle, freshBundle, runsBundle } = await import('./bundle.js');
const wantBundle = runsBundle();
let entry = wantBundle ? freshBundle() : undefined;
if (wantBundle && !entry) {
  const t = performance.now();
  try {
    entry = await buildBundle();
    log(30, 'built the bundle: the sources changed since the last one', {
      ms: Math.round(performance.now() - t),
    });
  } catch (e) {
    log(40, 'cannot build the bundle: running the sources', { reason: reasonOf(e) });
  }
}
// P5, P7 with R91: where the sources run natively, the packages they import come from a bundle of
// the packages alone (bin/vendor.js) through a synchronous resolve hook; the .ts sources are still
// type-stripped by Node.js itself. On Node 24, PostgreSQL: 0.80 s / 125 MB to a ready bot against
// 1.95 s / 174 MB with every package file loaded from node_modules. Built (or its imports rescanned)
// first when stale, as the bundle; if it cannot be, the packages load from node_modules.
async function loadPackagesBundled() {
  const { registerHooks } = await import('node:module');
  const { ensureVendor, redirectHook, runsVendor } = await import('./vendor.js');
  if (!registerHooks || !runsVendor()) return;
  const t = performance.now();
  try {
    const { map, did } = await ensureVendor();
    if (did === 'built')
      log(30, "built the packages' bundle: the installed packages or their imports changed", {
        ms: Math.round(performance.now() - t),
      });
    registerHooks({ resolve: redirectHook(map) });
  } catch (e) {
    log(40, "cannot build the packages' bundle: loading them from node_modules", { reason: reasonOf(e) });
  }
}
let main;
if (entry) ({ main } = await import(pathToFileURL(entry).href));
else {
  if (!process.features.typescript) {
    const { register } = await import('tsx/esm/api');
    register();
  } else await loadPackagesBundled();
  ({ main } = await import('../src/main.ts'));
}
const started = main();
process.off('SIGINT', whileLoading);
process.off('SIGTERM', whileLoading);
await started;
