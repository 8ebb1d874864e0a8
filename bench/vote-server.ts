// What the two vote-benchmark servers (bench/slack-vote-server.ts, bench/teams-vote-server.ts) share:
// the database they run on, the Panel that votes, the Fast Track ballots it votes on, and the IPC
// conversation with the parent (bench/slack-vote.ts, bench/teams-vote.ts).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { rowsOf } from '../db/client.ts';
import type { OpenStore } from '../db/open.ts';
import { openStore } from '../db/open.ts';
import type { Engine, PersonInput } from '../src/app/engine.ts';

/** The Panel: the chair and nine members, all seats on its Fast Track ballots. */
export const VOTERS = 10;
export interface Ballot {
  ref: string;
  ballot: string;
}
export type Msg =
  { kind: 'ready?' } | { kind: 'prepare'; ballots: number } | { kind: 'votes' } | { kind: 'stop' };
export type Reply =
  | { kind: 'ready'; ackOnly: string; bot: string; naive?: string; database: string; throwaway?: string }
  | { kind: 'prepared'; ballots: Ballot[] }
  /**
   * The votes recorded so far (by the bot, and by the naive reference app when it runs), and the CPU
   * the servers' process and its database have used so far (ms).
   */
  | { kind: 'votes'; votes: number; naiveVotes?: number; nodeMs: number; pgMs: number }
  | { kind: 'stopped' };

const ADMIN_URL = process.env.SECBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const noLog = () => {};

export interface BenchDatabase {
  store: OpenStore;
  name: string;
  throwaway?: string;
  /** The PostgreSQL database's address (none on PGlite): the naive reference app connects to it. */
  url?: string;
}

/**
 * DATABASE_URL, else a throwaway database on the local server (the parent drops it once the server
 * process has exited: dropping it from there, with its connections alive, upsets postgres.js), else PGlite.
 */
export async function database(): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) {
    return {
      store: await openStore({ databaseUrl: process.env.DATABASE_URL }),
      name: 'PostgreSQL (DATABASE_URL)',
      url: process.env.DATABASE_URL,
    };
  }
  const admin = postgres(ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: noLog });
  try {
    const db = `secbot_bench_${randomBytes(5).toString('hex')}`;
    await admin.unsafe(`create database ${db}`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${db}`;
    const store = await openStore({ databaseUrl: u.toString() });
    return {
      store,
      name: 'PostgreSQL 127.0.0.1:5432 (throwaway database)',
      throwaway: db,
      url: u.toString(),
    };
  } catch {
    return { store: await openStore({ memory: true }), name: 'PGlite (in memory; PostgreSQL unreachable)' };
  } finally {
    await admin.end({ timeout: 1 }).catch(noLog);
  }
}

/**
 * CPU time (user + system, ms) the PostgreSQL server processes of this database have used so far,
 * read from /proc: only when the server runs on this machine (else NaN). Its connections stay open for
 * the whole benchmark, so a difference between two readings is what the work in between cost it.
 */
export async function databaseCpuMs(db: BenchDatabase): Promise<number> {
  if (db.store.kind !== 'postgres') return NaN;
  const q = sql`select pid from pg_stat_activity where datname = current_database()`;
  const tick = 100; // USER_HZ on Linux
  try {
    let total = 0;
    for (const { pid } of rowsOf<{ pid: number }>(await db.store.db.execute(q))) {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      total += ((Number(f[11]) + Number(f[12])) * 1000) / tick;
    }
    return total;
  } catch {
    return NaN;
  }
}

/** Run by the parent after the server process has exited. */
export async function dropThrowaway(db: string): Promise<void> {
  const a = postgres(ADMIN_URL, { max: 1, onnotice: noLog });
  try {
    await a.unsafe(`drop database if exists ${db} with (force)`);
  } finally {
    await a.end({ timeout: 1 });
  }
}

/** The chair and the Panel members, each with the platform identity `link` gives them. */
export function panel(link: (handle: string) => Partial<PersonInput>): PersonInput[] {
  const person = (handle: string, roles: PersonInput['roles']): PersonInput => ({
    email: `${handle}@example.org`,
    name: handle,
    handle,
    roles,
    ...link(handle),
  });
  return [
    person('chair', ['panel_chair']),
    ...Array.from({ length: VOTERS - 1 }, (_, i) => person(`pm${i + 1}`, ['panel'])),
  ];
}

/**
 * Answers the parent's messages: where the two apps listen, fresh ballots, the votes recorded so far,
 * and stop (then `close` and exit).
 */
export function serveParent(
  db: BenchDatabase,
  engine: Engine,
  urls: { ackOnly: string; bot: string; naive?: string },
  close: () => Promise<void>,
  naiveVotes?: () => Promise<number>,
): void {
  let made = 0;
  const handle = async (m: Msg): Promise<Reply> => {
    switch (m.kind) {
      case 'ready?':
        return {
          kind: 'ready',
          ...urls,
          database: db.name,
          ...(db.throwaway ? { throwaway: db.throwaway } : {}),
        };
      case 'prepare': {
        const out: Ballot[] = [];
        for (let i = 0; i < m.ballots; i++) {
          const title = `Bench ${++made}`;
          const raised = await engine.ask(
            `panel raise-fasttrack title="${title}" problem="Load"`,
            'chair@example.org',
            new Date(),
          );
          const ref = /DP\d+/.exec(raised.reply)?.[0];
          if (!ref) throw new Error(`raise failed: ${raised.reply}`);
          // A Fast Track raised by the Panel opens its unanimous Panel ballot at once (R21).
          const mod = (await engine.modifications()).find((x) => x.title === title);
          const ballot = mod?.ballots.find((b) => b.status === 'open');
          if (!ballot) throw new Error('no open ballot');
          out.push({ ref, ballot: ballot.id });
        }
        return { kind: 'prepared', ballots: out };
      }
      case 'votes': {
        const q = sql`select count(*)::int as n from events where type = 'VoteCast'`;
        const [r] = rowsOf<{ n: number }>(await db.store.db.execute(q));
        const naive = naiveVotes ? { naiveVotes: await naiveVotes() } : {};
        const cpu = process.cpuUsage();
        const nodeMs = (cpu.user + cpu.system) / 1000;
        return { kind: 'votes', votes: Number(r?.n ?? 0), ...naive, nodeMs, pgMs: await databaseCpuMs(db) };
      }
      case 'stop':
        await close();
        await db.store.close().catch(noLog);
        return { kind: 'stopped' };
    }
  };
  process.on('message', (m: Msg) => {
    handle(m).then(
      (r) => process.send?.(r, () => r.kind === 'stopped' && process.exit(0)),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
