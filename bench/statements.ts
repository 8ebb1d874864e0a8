// How many statements one command and one fired deadline cost on PostgreSQL, and which, and in how
// many round trips (socket writes to the database: statements sent together share one): a throwaway
// database, a store whose postgres.js client counts every query it sends.
//   npx tsx bench/statements.ts [--verbose]
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { postgresDb } from '../db/client.ts';
import { openStore } from '../db/open.ts';
import { SqlStore } from '../db/sql-store.ts';
import { createEngine } from '../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import { countRoundTrips } from '../test/support/round-trips.ts';

const ADMIN_URL = process.env.SECBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const verbose = process.argv.includes('--verbose');
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const name = `secbot_bench_${randomBytes(4).toString('hex')}`;
await admin.unsafe(`create database ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const seen: string[] = [];
const trips = countRoundTrips(Number(new URL(ADMIN_URL).port || 5432));
try {
  const migrated = await openStore({ databaseUrl: url.toString() });
  await migrated.close();
  const client = postgres(url.toString(), {
    max: 4,
    onnotice: () => {},
    debug: (_conn, query) => seen.push(query.replace(/\s+/g, ' ').trim()),
  });
  const store = new SqlStore(postgresDb(client), 'postgres');
  const engine = createEngine(store, { settings: DEFAULT_SETTINGS });
  const T0 = new Date('2026-12-01T10:00:00Z');
  const people = [
    { email: 'chair@example.org', name: 'Chair', roles: ['panel_chair' as const] },
    ...Array.from({ length: 9 }, (_, i) => ({
      email: `pm${i}@example.org`,
      name: `PM ${i}`,
      roles: ['panel' as const],
      slack: `UPM${i}`,
    })),
    ...Array.from({ length: 200 }, (_, i) => ({
      email: `p${i}@example.org`,
      name: `P ${i}`,
      roles: ['party' as const],
    })),
  ];
  await engine.importPeople(people, { source: 'bench', now: T0 });
  const measure = async (label: string, fn: () => Promise<unknown>) => {
    seen.length = 0;
    trips.reset();
    await fn();
    console.log(`${label}: ${seen.length} statements in ${trips.n} round trips`);
    if (verbose) for (const q of seen) console.log(`    ${q.slice(0, 160)}`);
  };
  await measure('raise (panel fast track)', () =>
    engine.ask('panel raise-fasttrack title="T" problem="p"', 'chair@example.org', T0),
  );
  const mod = (await engine.modifications())[0];
  const ballot = mod?.ballots.find((b) => b.status === 'open');
  if (!mod || !ballot) throw new Error('no ballot');
  for (let i = 0; i < 3; i++) {
    await measure(`vote ${i + 1}`, () =>
      engine.execute(
        {
          command: { type: 'vote', ref: mod.number, option: i % 2 ? 'reject' : 'approve' },
          actor: `pm${i}@example.org`,
          platform: 'slack',
          deliveryId: `d${i}`,
        },
        new Date(T0.getTime() + 1000 * (i + 1)),
      ),
    );
  }
  // As an adapter sends it: the voter as Slack names them, found in the vote's own transaction (R1).
  await measure('vote by a linked Slack user', () =>
    engine.execute(
      {
        command: { type: 'vote', ref: mod.number, option: 'approve' },
        actor: { platform: 'slack', platformId: 'UPM3', email: () => Promise.reject(new Error('not asked')) },
        platform: 'slack',
        deliveryId: 'd-slack',
      },
      new Date(T0.getTime() + 5000),
    ),
  );
  // Nine Panel members clicking at once (group commit): the first runs alone, the rest share one transaction.
  await measure('9 votes at once, by linked Slack users', () =>
    Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        engine.execute(
          {
            command: { type: 'vote', ref: mod.number, option: 'reject' },
            actor: {
              platform: 'slack',
              platformId: `UPM${i}`,
              email: () => Promise.reject(new Error('not asked')),
            },
            platform: 'slack',
            deliveryId: `burst-${i}`,
          },
          new Date(T0.getTime() + 8000),
        ),
      ),
    ),
  );
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await engine.execute(
      {
        command: { type: 'vote', ref: mod.number, option: i % 2 ? 'reject' : 'approve' },
        actor: `pm${i % 9}@example.org`,
        platform: 'slack',
        deliveryId: `t${i}`,
      },
      new Date(T0.getTime() + 1000 * (i + 10)),
    );
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `300 sequential votes: median ${times[150]?.toFixed(2)} ms, p90 ${times[270]?.toFixed(2)} ms, p99 ${times[297]?.toFixed(2)} ms`,
  );
  await measure('runDue over everything due in 30 days', () =>
    engine.runDue(new Date(T0.getTime() + 30 * 86_400_000)),
  );
  await client.end();
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
