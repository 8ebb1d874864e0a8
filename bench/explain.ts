// Where a vote's time goes inside PostgreSQL: EXPLAIN (ANALYZE, BUFFERS) of each statement one vote
// sends, captured as postgres.js sends them (text and parameters), on a throwaway database with the
// bench's Panel and 100 open Fast Track ballots. Each statement is explained inside a transaction that
// is rolled back, after the vote itself ran, so the plans see the same rows the vote saw.
//   npx tsx bench/explain.ts [--full]
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { postgresDb } from '../db/client.ts';
import { openStore } from '../db/open.ts';
import { SqlStore } from '../db/sql-store.ts';
import { createEngine } from '../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import { VOTERS, panel } from './vote-server.ts';

const ADMIN_URL = process.env.SECBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const full = process.argv.includes('--full');
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const name = `secbot_bench_${randomBytes(4).toString('hex')}`;
await admin.unsafe(`create database ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const sent: { query: string; params: unknown[] }[] = [];
try {
  const migrated = await openStore({ databaseUrl: url.toString() });
  await migrated.close();
  const client = postgres(url.toString(), {
    max: 4,
    onnotice: () => {},
    debug: (_conn, query, params) => sent.push({ query, params: [...(params as unknown[])] }),
  });
  const engine = createEngine(new SqlStore(postgresDb(client), 'postgres'), { settings: DEFAULT_SETTINGS });
  await engine.importPeople(
    panel(() => ({})),
    { source: 'bench', now: new Date() },
  );
  const refs: number[] = [];
  for (let i = 0; i < 100; i++) {
    const r = await engine.ask(
      `panel raise-fasttrack title="Explain ${i}" problem="Plans"`,
      'chair@example.org',
      new Date(),
    );
    refs.push(Number(/DP(\d+)/.exec(r.reply)?.[1]));
  }
  // Some history on the ballot the vote goes to, then the vote whose statements are explained.
  const ref = refs[50] as number;
  let id = 0;
  const vote = (voter: number, option: string) =>
    engine.execute(
      {
        command: { type: 'vote', ref, option },
        actor: `${voter === 0 ? 'chair' : `pm${voter}`}@example.org`,
        platform: 'slack',
        deliveryId: `explain-${++id}`,
      },
      new Date(),
    );
  for (let k = 0; k < 3 * VOTERS; k++) await vote(k % VOTERS, k % 20 < 10 ? 'approve' : 'reject');
  sent.length = 0;
  const o = await vote(3, 'abstain');
  if (!o.ok) throw new Error(`vote refused: ${o.reply}`);
  const statements = sent.filter((s) => !/^(begin|commit)/i.test(s.query.trim()));
  console.log(`One vote: ${sent.length} statements (${statements.length} besides begin and commit)\n`);
  // Explained as a fresh vote would run: the vote's own rows are committed, so its delivery id and its
  // events' places in the stream are moved on (a replay would find the claim and collide on the seq).
  const replayable = (p: unknown): unknown => {
    if (typeof p !== 'string') return p;
    if (p.startsWith('explain-')) return `${p}-again`;
    if (!p.startsWith('[{"stream"')) return p;
    const rows = JSON.parse(p) as { seq?: number }[];
    return JSON.stringify(rows.map((r) => (typeof r.seq === 'number' ? { ...r, seq: r.seq + 1000 } : r)));
  };
  for (const [i, s] of statements.entries()) {
    const params = s.params.map(replayable);
    const lines = await client
      .begin(async (tx) => {
        const rows = await tx.unsafe(
          `explain (analyze, buffers, verbose off, costs off) ${s.query}`,
          params as never[],
        );
        await tx.unsafe('rollback');
        return rows.map((r) => String(Object.values(r)[0]));
      })
      .catch((e: unknown) => (e instanceof Error && /rolled back/i.test(e.message) ? [] : Promise.reject(e)));
    const text = s.query.replace(/\s+/g, ' ').trim();
    console.log(`-- ${i + 1}. ${full ? text : `${text.slice(0, 140)}…`}`);
    for (const l of lines) console.log(`   ${l}`);
    console.log();
  }
  await client.end();
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
