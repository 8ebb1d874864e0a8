// What holds memory at start-up (QUALITY.md P7): imports modules one after the other and prints what
// each adds to the process's resident memory and heap (after a full gc), and how long it took.
// Modules already loaded by an earlier one add nothing, so the order matters: list the parts first.
//   node --expose-gc --import tsx bench/imports.ts zod date-holidays ./db/open.ts ./src/main.ts
import { pathToFileURL } from 'node:url';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.log('(run node with --expose-gc: figures without a gc first are noisier)');
const sample = () => {
  gc?.();
  return process.memoryUsage();
};
const mb = (x: number) => (x / 1048576).toFixed(1).padStart(6);
let prev = sample();
console.log(`start: RSS ${mb(prev.rss)} MB, heap ${mb(prev.heapUsed)} MB`);
for (const m of process.argv.slice(2)) {
  const t = performance.now();
  await import(m.startsWith('.') ? pathToFileURL(m).href : m);
  const now = sample();
  const took = (performance.now() - t).toFixed(0).padStart(5);
  console.log(
    `${m.padEnd(36)} RSS +${mb(now.rss - prev.rss)} MB  heap +${mb(now.heapUsed - prev.heapUsed)} MB  ${took} ms`,
  );
  prev = now;
}
console.log(`end: RSS ${mb(prev.rss)} MB, heap ${mb(prev.heapUsed)} MB`);
