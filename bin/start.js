#!/usr/bin/env node
// `npm start`: the bot in this process. R88: Ctrl-C and SIGTERM are handled from the first moment.
// While the code still loads (or its bundle is being built) nothing is open, so a stop then is an
// exit; once src/main.ts runs, its own handlers stop cleanly. The code is the bundle of the sources
// (below, P5); without one, R91: on a Node.js that strips TypeScript types itself (>= 22.18, Node 24
// LTS) the sources run natively; on an older one (Node 20.19) tsx's loader is registered in this
// process. Not the tsx CLI: it runs the bot as a child and kills it 30 ms after passing on a Ctrl-C,
// before the stop can finish.
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
// P5, P7: the bot runs from the bundle of its sources (bin/bundle.js), rebuilt first whenever any file
// it was built from has changed since: a start never runs stale code, and after `npm install` or an
// edit the first start pays for the build (about 1 to 2 s here) once. Rebuilt rather than skipped for
// the sources because the sources start slower every time (1.5 s against 0.8 s to /healthz on
// PostgreSQL) and cost 50 MB more RSS. If it cannot be built (no esbuild binary for this platform, a
// read-only folder) the sources run as before: R91, natively where Node.js strips types, through
// tsx's loader on Node 20.
const log = (level, msg, fields) =>
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), pid: process.pid, ...fields, msg })}\n`);
const { buildBundle, freshBundle } = await import('./bundle.js');
let entry = freshBundle();
if (!entry) {
  const t = performance.now();
  try {
    entry = await buildBundle();
    log(30, 'built the bundle: the sources changed since the last one', {
      ms: Math.round(performance.now() - t),
    });
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    log(40, 'cannot build the bundle: running the sources', { reason });
  }
}
let main;
if (entry) ({ main } = await import(pathToFileURL(entry).href));
else {
  if (!process.features.typescript) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  ({ main } = await import('../src/main.ts'));
}
const started = main();
process.off('SIGINT', whileLoading);
process.off('SIGTERM', whileLoading);
await started;
