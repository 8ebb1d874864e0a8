// QUALITY.md P8: cost growth. Votes per second on a modification that already has 10, 100 and 1,000
// events in its history (votes changed back and forth on its Panel ballot, the history a busy ballot
// builds), on PostgreSQL (a throwaway database on 127.0.0.1:5432, else in-memory PGlite). Every vote is
// a distinct delivery id and changes the voter's previous vote, so every one is written. Also printed:
// the size of the stored projection each vote reads and writes back, and this process's CPU per vote.
//   npx tsx bench/growth.ts [--votes 2000]
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/client.ts';
import { createEngine } from '../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import { arg, printTable, reportGoal } from './harness.ts';
import { VOTERS, database, databaseCpuMs, dropThrowaway, panel } from './vote-server.ts';

const VOTES = Number(arg('--votes') ?? 2000);
const LEVELS = [10, 100, 1000];
/** Turns each level takes. */
const ROUNDS = 10;
/**
 * Modifications per level, its votes spread over them in turn: enough votes for a steady rate, while
 * each modification's history stays near its level (10 → 210 events, not 10 → 1,010).
 */
const SPREAD = 5;
/** P8: flat means the slowest level within 10% of the fastest. */
const FLAT_WITHIN = 0.1;

const db = await database();
const engine = createEngine(db.store, { settings: DEFAULT_SETTINGS });
const T0 = Date.now();
await engine.importPeople(
  panel(() => ({})),
  { source: 'bench', now: new Date(T0) },
);
const voterEmail = (i: number) => `${i === 0 ? 'chair' : `pm${i}`}@example.org`;

let delivery = 0;
/** The k-th vote on `ref`: voters in turn, each one's option flipping, so no vote repeats the last. */
async function vote(ref: number, k: number): Promise<void> {
  const voter = k % VOTERS;
  const option = Math.floor(k / VOTERS) % 2 === 0 ? 'approve' : 'reject';
  const o = await engine.execute(
    {
      command: { type: 'vote', ref, option },
      actor: voterEmail(voter),
      platform: 'slack',
      deliveryId: `bench-growth-${T0}-${++delivery}`,
    },
    new Date(),
  );
  if (!o.ok) throw new Error(`vote refused: ${o.reply}`);
}

async function eventsOf(n: number): Promise<{ events: number; bytes: number }> {
  const q = sql`select (select count(*)::int from events where stream = ${n}) as events,
    (select octet_length(state::text) from modifications where number = ${n}) as bytes`;
  const [r] = rowsOf<{ events: number; bytes: number }>(await db.store.db.execute(q));
  return { events: Number(r?.events ?? 0), bytes: Number(r?.bytes ?? 0) };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Raises a Fast Track (its Panel ballot opens at once, R21) and votes on it until its history holds `level` events. */
async function prepare(title: string, level: number): Promise<{ n: number; k: number }> {
  const raised = await engine.ask(
    `panel raise-fasttrack title="${title}" problem="History"`,
    'chair@example.org',
    new Date(),
  );
  const ref = /DP\d+/.exec(raised.reply)?.[0];
  if (!ref) throw new Error(`raise failed: ${raised.reply}`);
  const n = Number(ref.slice(2));
  let k = 0;
  while ((await eventsOf(n)).events < level) await vote(n, k++);
  return { n, k };
}

const rows: string[][] = [];
const rates: number[] = [];
try {
  // Warm-up (JIT, plan caches) on a modification that is not measured.
  const warm = await prepare('Warm-up', 0);
  for (let j = 0; j < 100; j++) await vote(warm.n, warm.k++);
  const levels: { n: number; k: number }[][] = [];
  for (const level of LEVELS) {
    const mods = [];
    for (let s = 0; s < SPREAD; s++) mods.push(await prepare(`Growth ${level} ${s}`, level));
    levels.push(mods);
  }
  const firsts = [];
  for (const mods of levels) firsts.push((await eventsOf((mods[0] as (typeof mods)[number]).n)).events);
  // The levels take turns, ROUNDS times, so a burst of other work on the machine hits them alike.
  const per = LEVELS.map(() => ({ rates: [] as number[], cpu: 0, pg: 0, votes: 0 }));
  const perTurn = Math.ceil(VOTES / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts at another level: the first turn of a round ran measurably slower than the
    // others (the CPU per vote too), and with a fixed order that fell on the 10-event level every time.
    for (let turn = 0; turn < levels.length; turn++) {
      const i = (turn + round) % levels.length;
      const mods = levels[i] as (typeof levels)[number];
      const acc = per[i] as (typeof per)[number];
      const pg0 = await databaseCpuMs(db);
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      for (let j = 0; j < perTurn; j++) {
        const m = mods[j % mods.length] as (typeof mods)[number];
        await vote(m.n, m.k++);
      }
      const cpu = process.cpuUsage(cpu0);
      acc.pg += (await databaseCpuMs(db)) - pg0;
      acc.rates.push(perTurn / ((performance.now() - t) / 1000));
      acc.cpu += (cpu.user + cpu.system) / 1000;
      acc.votes += perTurn;
    }
  }
  for (const [i, mods] of levels.entries()) {
    const acc = per[i] as (typeof per)[number];
    const { events, bytes } = await eventsOf((mods[0] as (typeof mods)[number]).n);
    // The median round: a burst of other work on the shared machine spoils one round, not the level.
    const rate = median(acc.rates);
    rates.push(rate);
    rows.push([
      `${firsts[i]} → ${events}`,
      rate.toFixed(0),
      (acc.cpu / acc.votes).toFixed(2),
      (acc.pg / acc.votes).toFixed(2),
      `${(bytes / 1024).toFixed(1)} KB`,
    ]);
  }
} finally {
  await db.store.close();
  if (db.throwaway) await dropThrowaway(db.throwaway);
}
console.log(`Cost growth, ${VOTES} sequential votes per level, database: ${db.name}`);
printTable(
  [
    'events in its history',
    'votes/s (median round)',
    'node CPU ms/vote',
    'PostgreSQL CPU ms/vote',
    'projection size',
  ],
  rows,
);
const spread = 1 - Math.min(...rates) / Math.max(...rates);
reportGoal({
  goal: 'P8',
  what: 'cost growth, votes/s with 10, 100, 1,000 events in the history',
  measured: `${rates.map((r) => r.toFixed(0)).join(' / ')} votes/s (slowest ${(100 * spread).toFixed(0)}% below the fastest)`,
  target: `flat (within ${100 * FLAT_WITHIN}%)`,
  met: spread <= FLAT_WITHIN,
});
