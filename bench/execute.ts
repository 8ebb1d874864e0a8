// How long a command takes end to end (execute: one transaction with load,
// decide, events, projection, deadlines, outbox), median over 1,000 commands, on embedded PGlite and
// on PostgreSQL (a throwaway database on 127.0.0.1:5432). Then the projection question: reading a
// modification's stored projection versus rebuilding it by folding its events.
//   npx tsx bench/execute.ts [--only pglite|postgres]
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { rowsOf } from '../db/client.ts';
import type { OpenStore } from '../db/open.ts';
import { openStore } from '../db/open.ts';
import { createEngine } from '../src/app/engine.ts';
import type { Command } from '../src/domain/commands.ts';
import type { DomainEvent } from '../src/domain/events.ts';
import { emptyWorld } from '../src/domain/modification.ts';
import { evolveAll } from '../src/domain/evolve.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import type { Role } from '../src/domain/types.ts';

const ADMIN_URL = process.env.SECBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COMMANDS = 1000;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const person = (h: string, roles: Role[], group?: string) => ({
  email: `${h}@example.org`,
  name: h,
  handle: h,
  roles,
  ...(group ? { group } : {}),
});
const PEOPLE = [
  person('alice', ['party']),
  person('sam', ['secas']),
  person('chair', ['panel_chair']),
  ...[1, 2, 3, 4, 5].map((i) => person(`cb${i}`, ['change_board'], `g${i % 3}`)),
];

/** One modification's life up to routing: 10 commands, the kinds a busy day is made of. */
function lifecycle(n: number): [string, Command][] {
  return [
    ['alice', { type: 'raise', title: `Change ${n}`, problem: 'Something is slow', fastTrack: false }],
    ['sam', { type: 'comment', ref: n, text: 'Looks reasonable' }],
    ['sam', { type: 'iar', ref: n, impacts: 'Suppliers', route: 'refinement' }],
    ['sam', { type: 'views-open', ref: n }],
    ...[1, 2, 3, 4].map((i): [string, Command] => [`cb${i}`, { type: 'view', ref: n, stance: 'support' }]),
    ['sam', { type: 'views-close', ref: n }],
    ['chair', { type: 'panel-route', ref: n, route: 'refinement', determination: 'self-governance' }],
  ];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const f = (x: number) => x.toFixed(2).padStart(7);

async function measure(name: string, store: OpenStore): Promise<void> {
  const engine = createEngine(store, { settings: DEFAULT_SETTINGS });
  const t0 = new Date('2026-12-01T10:00:00Z');
  await engine.importPeople(PEOPLE, { source: 'bench', now: t0 });
  // Warm-up (JIT, plan caches): one lifecycle on a modification that is not timed.
  for (const [actor, command] of lifecycle(1))
    await engine.execute({ command, actor: `${actor}@example.org`, platform: 'cli' }, t0);
  const times: number[] = [];
  // This process's CPU per command: less noisy than wall time on a shared machine.
  const cpu0 = process.cpuUsage();
  let n = 1;
  while (times.length < COMMANDS) {
    n++;
    for (const [actor, command] of lifecycle(n)) {
      if (times.length >= COMMANDS) break;
      const at = new Date(t0.getTime() + times.length * 1000);
      const start = performance.now();
      const o = await engine.execute({ command, actor: `${actor}@example.org`, platform: 'slack' }, at);
      times.push(performance.now() - start);
      if (!o.ok) throw new Error(`${command.type} refused: ${o.reply}`);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / times.length;
  console.log(
    `${name.padEnd(10)} execute ×${times.length}: median ${f(pct(times, 50))} ms  p95 ${f(pct(times, 95))} ms  p99 ${f(pct(times, 99))} ms  node CPU ${f(cpuMs)} ms/command`,
  );

  // Projection versus fold, for the modifications just built (each ~25 events).
  const numbers = (await engine.modifications()).map((m) => m.number).slice(0, 100);
  const proj: number[] = [];
  const fold: number[] = [];
  // Both read outside a transaction, one statement each (a PGlite transaction must not call the db).
  for (const num of numbers) {
    let s = performance.now();
    const [p] = rowsOf<{ state: unknown }>(
      await store.db.execute(sql`select state from modifications where number = ${num}`),
    );
    if (!p) throw new Error(`no modification ${num}`);
    proj.push(performance.now() - s);
    s = performance.now();
    const rows = rowsOf<{ type: string; payload: Record<string, unknown>; at: Date | string }>(
      await store.db.execute(sql`select type, payload, at from events where stream = ${num} order by seq`),
    );
    let w = emptyWorld();
    for (const r of rows)
      w = evolveAll(w, [{ type: r.type, n: num, ...r.payload } as DomainEvent], String(r.at));
    if (!w.modifications[num]) throw new Error(`fold lost ${num}`);
    fold.push(performance.now() - s);
  }
  const events = await store.db.execute(sql`select count(*)::int as n from events where stream > 0`);
  const perMod = Number(rowsOf<{ n: number }>(events)[0]?.n ?? 0) / (numbers.length + 1);
  console.log(
    `${name.padEnd(10)} load one modification (~${perMod.toFixed(0)} events): projection median ${f(pct(proj, 50))} ms, fold median ${f(pct(fold, 50))} ms`,
  );
}

async function withPostgres(fn: (url: string) => Promise<void>): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const name = `secbot_bench_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  try {
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    await fn(u.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (only !== 'postgres') {
  const store = await openStore({ memory: true });
  await measure('PGlite', store);
  await store.close();
}
if (only !== 'pglite') {
  await withPostgres(async (url) => {
    const store = await openStore({ databaseUrl: url });
    await measure('PostgreSQL', store);
    await store.close();
  });
}
