// `npm run bench`: the QUALITY.md performance goals a change to the vote path or the start-up can move
// (P1, P2, P4, P5, P7, P8), each benchmark in a process of its own, then one table: measured / goal /
// met. About four minutes on 2 cores. The others (P3 bench/run-due.ts, P6 bench/outbox-drain.ts, P9
// bench/register.ts) run with `npm run bench:all`. On a machine shared with other work, compare
// ratios measured in one run, never absolute figures across runs.
//   npx tsx bench/summary.ts [--all]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoalResult } from './harness.ts';
import { printTable } from './harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCHES = ['working-days', 'slack-vote', 'teams-vote', 'startup', 'growth'];
const MORE = ['run-due', 'outbox-drain', 'register'];
const all = process.argv.includes('--all');

const dir = mkdtempSync(join(tmpdir(), 'secbot-bench-'));
const results = join(dir, 'results.jsonl');
const failed: string[] = [];
try {
  for (const name of all ? [...BENCHES, ...MORE] : BENCHES) {
    console.log(`\n== bench/${name}.ts`);
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULTS: results },
    });
    console.log(`   (${((performance.now() - t) / 1000).toFixed(0)} s)`);
    if (r.status !== 0) failed.push(name);
  }
  let goals: GoalResult[] = [];
  try {
    goals = readFileSync(results, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as GoalResult);
  } catch {
    // No benchmark reported a goal: the table says so below.
  }
  goals.sort((a, b) => Number(a.goal.slice(1)) - Number(b.goal.slice(1)));
  console.log('\nQUALITY.md performance goals, this run:');
  printTable(
    ['goal', 'what', 'measured', 'goal', ''],
    goals.map((g) => [g.goal, g.what, g.measured, g.target, g.met ? 'met' : 'NOT met']),
  );
  if (failed.length) console.log(`Benchmarks that failed: ${failed.join(', ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed.length) process.exitCode = 1;
