#!/usr/bin/env node
// `npm start`: the bot in this process. R88: Ctrl-C and SIGTERM are handled from the first moment.
// While the code still loads nothing is open, so a stop then is an exit; once src/main.ts runs, its
// own handlers stop cleanly. R91: on a Node.js that strips TypeScript types itself (>= 22.18, Node 24
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
// P5: Node's on-disk compile cache (Node >= 22.1; in the system's temporary folder, keyed by each
// file's content) spares later starts most of the compiling and type stripping: on Node 24, on
// PostgreSQL, 2.4 to 2.9 s to /healthz against 3.4 to 4.1 s without, and 30 MB less idle RSS.
(await import('node:module')).enableCompileCache?.();
if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { main } = await import('../src/main.ts');
const started = main();
process.off('SIGINT', whileLoading);
process.off('SIGTERM', whileLoading);
await started;
