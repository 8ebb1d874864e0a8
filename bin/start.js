#!/usr/bin/env node
// `npm start`: the bot in this process. R88: Ctrl-C and SIGTERM are held from the first moment, while
// the code still loads, and handed to src/main.ts, which stops cleanly. R91: on a Node.js that strips
// TypeScript types itself (>= 22.18, Node 24 LTS) the sources run natively; on an older one (Node
// 20.19) tsx's loader is registered in this process. Not the tsx CLI: it runs the bot as a child and
// kills it 30 ms after passing on a Ctrl-C, before the stop can finish.
const early = [];
const hold = (signal) => void early.push(signal);
process.on('SIGINT', hold);
process.on('SIGTERM', hold);
// `ps` and `top` show the bot as "secbot" from here on: its signal handlers are in place.
process.title = 'secbot';
if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { main } = await import('../src/main.ts');
const started = main(early);
process.off('SIGINT', hold);
process.off('SIGTERM', hold);
await started;
