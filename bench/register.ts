// QUALITY.md P9: the register (SPEC R82) with 10,000 modifications on PostgreSQL: the first page
// < 200 ms, a modification page < 100 ms. A throwaway database gets the test world (five modifications
// played through the engine, one of them a full Refinement journey) and copies of it up to 10,000, with
// every event copied too; then each request is sent over real HTTP to the register on the bot's server,
// one at a time, after a warm-up. Also timed, without a goal: other pages, the CSV of every row, and a
// calendar feed (it reads every modification that is not final).
//   npx tsx bench/register.ts [--runs 30]
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { rowsOf } from '../db/client.ts';
import { openStore } from '../db/open.ts';
import { NOW, buildWorld } from '../test/support/register-world.ts';
import { seedCopies } from '../test/support/register-seed.ts';
import { startWebServer } from '../test/support/web-server.ts';
import { arg, ms, printTable, reportGoal } from './harness.ts';

const ADMIN_URL = process.env.SECBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOTAL = 10_000;
const RUNS = Number(arg('--runs') ?? 30);

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const name = `secbot_bench_${randomBytes(4).toString('hex')}`;
await admin.unsafe(`create database ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

try {
  const store = await openStore({ databaseUrl: url.toString() });
  const server = await startWebServer(store, { now: NOW, web: { public: true } });
  await buildWorld(server.engine);
  const seeded = performance.now();
  await seedCopies(store, TOTAL, { events: 'all' });
  await store.db.execute(sql.raw('analyze'));
  const [counts] = rowsOf<{ mods: number; events: number }>(
    await store.db.execute(
      sql`select (select count(*)::int from modifications) as mods, (select count(*)::int from events) as events`,
    ),
  );
  console.log(
    `seeded ${counts?.mods} modifications, ${counts?.events} events in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  );

  // An admin owes nothing anywhere: the fixed cost of a feed (the database looks through every open
  // modification for them). Bob sits on a copy of every Working Group and may object to every Fast
  // Track window: thousands of entries, more than anyone would have, cut to the first 500.
  await server.engine.importPeople([{ email: 'new@example.org', name: 'New Admin', roles: ['admin'] }], {
    source: 'bench',
    now: NOW,
  });
  const feedOf = async (id: string) => {
    const r = await server.engine.ask('calendar', id, NOW, { platform: 'slack', privately: true });
    const found = /(http:\/\/\S+\.ics)/.exec(r.reply)?.[1];
    if (!found) throw new Error(`no feed address: ${r.reply}`);
    return found;
  };
  const [quiet, busy] = [await feedOf('new@example.org'), await feedOf('bob@example.org')];
  // The newest copy of MP001 (the longest history): number ≡ 1 (mod 5).
  const longest = `MP${String(TOTAL - ((TOTAL - 1) % 5)).padStart(3, '0')}`;

  const cases: [string, string, number | undefined][] = [
    ['first register page', '/register', 200],
    ['modification page, longest history', `/register/${longest}`, 100],
    ['modification page, MP001', '/register/MP001', 100],
    ['register page 100 of 200', '/register?page=100', undefined],
    ['open only, first page', '/register?status=open', undefined],
    ['search by text', '/register?q=meter', undefined],
    ['JSON first page', '/register.json', undefined],
    ['modification JSON', `/register/${longest}.json`, undefined],
    ['CSV, all 10,000 rows', '/register.csv', undefined],
    ['calendar feed, owing nothing', quiet, undefined],
    ['calendar feed, 4,000 entries cut to 500', busy, undefined],
    ['public Panel feed, 4,000 dates cut to 500', '/calendar/panel.ics', undefined],
  ];
  const rows: string[][] = [];
  for (const [label, path, goal] of cases) {
    for (let i = 0; i < 3; i++) {
      const r = await server.get(path);
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text.slice(0, 200)}`);
    }
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const r = await server.get(path);
      times.push(performance.now() - t);
      bytes = r.text.length;
    }
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    rows.push([
      label,
      ms(p50),
      ms(p95),
      `${(bytes / 1024).toFixed(0)} KiB`,
      goal === undefined ? '' : `< ${goal} ms`,
      goal === undefined ? '' : p95 < goal ? 'met' : 'MISSED',
    ]);
  }
  console.log(
    `\nP9 the register, ${TOTAL} modifications on PostgreSQL, ${RUNS} sequential requests each over HTTP`,
  );
  printTable(['request', 'p50', 'p95', 'size', 'goal (p95)', ''], rows);
  const goals = rows.filter((r) => r[4] !== '');
  reportGoal({
    goal: 'P9',
    what: `the register with ${TOTAL} modifications on PostgreSQL`,
    measured: goals.map((r) => `${r[0]} p95 ${r[2]}`).join('; '),
    target: 'first page < 200 ms, a modification page < 100 ms (p95)',
    met: goals.every((r) => r[5] === 'met'),
  });
  await server.close();
  await store.close();
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end({ timeout: 1 });
}
