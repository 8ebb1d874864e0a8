// The child process of bench/teams-vote.ts: two Teams SDK apps on the shared HTTP server code, both
// unauthenticated on 127.0.0.1 (local mode; token checks would cost both the same): (a) a bare SDK App
// whose card.action handler only answers, (b) this bot, which resolves the voter, records the vote in
// one transaction and answers with the refreshed ballot card. Driven over IPC like slack-vote-server.ts.
import { randomBytes } from 'node:crypto';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { OpenStore } from '../db/open.ts';
import { openStore } from '../db/open.ts';
import { rowsOf } from '../db/client.ts';
import { createHttpServer } from '../adapters/http.ts';
import { createTeamsApp } from '../adapters/teams/app.ts';
import { createEngine } from '../src/app/engine.ts';
import type { PersonInput } from '../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import type { Ballot, Msg, Reply } from './slack-vote-server.ts';
import { VOTERS } from './slack-vote-server.ts';

const noLog = () => {};
const ADMIN_URL = process.env.SECBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * DATABASE_URL, else a throwaway database on the local server (dropped by the parent, with
 * dropThrowaway from slack-vote-server.ts, once this process has exited), else PGlite in memory.
 */
async function database(): Promise<{ store: OpenStore; name: string; throwaway?: string }> {
  if (process.env.DATABASE_URL) {
    return {
      store: await openStore({ databaseUrl: process.env.DATABASE_URL }),
      name: 'PostgreSQL (DATABASE_URL)',
    };
  }
  const admin = postgres(ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: noLog });
  try {
    const db = `secbot_bench_${randomBytes(5).toString('hex')}`;
    await admin.unsafe(`create database ${db}`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${db}`;
    const store = await openStore({ databaseUrl: u.toString() });
    return { store, name: 'PostgreSQL 127.0.0.1:5432 (throwaway database)', throwaway: db };
  } catch {
    return { store: await openStore({ memory: true }), name: 'PGlite (in memory; PostgreSQL unreachable)' };
  } finally {
    await admin.end({ timeout: 1 }).catch(noLog);
  }
}
type ILogger = NonNullable<NonNullable<ConstructorParameters<typeof App>[0]>['logger']>;
const silent: ILogger = {
  debug: noLog,
  trace: noLog,
  info: noLog,
  warn: noLog,
  error: noLog,
  log: noLog,
  child: () => silent,
};

export const teamsAad = (handle: string): string => `aad-${handle}`;
const person = (handle: string, roles: PersonInput['roles']): PersonInput => ({
  email: `${handle}@example.org`,
  name: handle,
  handle,
  roles,
  teams: teamsAad(handle),
});

/** (a): a bare Teams SDK app that answers every Action.Execute with a sentence. */
async function answerOnly(): Promise<string> {
  const http = createHttpServer();
  const app = new App({
    httpServerAdapter: new ExpressAdapter(http.app),
    logger: silent,
    dangerouslyAllowUnauthenticatedRequests: true,
  });
  app.on('card.action', () =>
    Promise.resolve({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message' as const,
      value: 'Recorded.',
    }),
  );
  await app.initialize();
  await http.listen(0, '127.0.0.1');
  return http.url();
}

async function main(): Promise<void> {
  const db = await database();
  const engine = createEngine(db.store, { settings: DEFAULT_SETTINGS });
  const people = [
    person('chair', ['panel_chair']),
    ...Array.from({ length: VOTERS - 1 }, (_, i) => person(`pm${i + 1}`, ['panel'])),
  ];
  await engine.importPeople(people, { source: 'bench', now: new Date() });
  const http = createHttpServer();
  const teams = createTeamsApp({ engine, log: noLog, http, local: true });
  await teams.start();
  await http.listen(0, '127.0.0.1');
  const bot = http.url();
  const answering = await answerOnly();
  let made = 0;

  const handle = async (m: Msg): Promise<Reply> => {
    switch (m.kind) {
      case 'ready?':
        return {
          kind: 'ready',
          ackOnly: answering,
          bot,
          database: db.name,
          ...(db.throwaway ? { throwaway: db.throwaway } : {}),
        };
      case 'prepare': {
        const out: Ballot[] = [];
        for (let i = 0; i < m.ballots; i++) {
          const raised = await engine.ask(
            `panel raise-fasttrack title="Bench ${++made}" problem="Load"`,
            'chair@example.org',
            new Date(),
          );
          const ref = /DP\d+/.exec(raised.reply)?.[0];
          if (!ref) throw new Error(`raise failed: ${raised.reply}`);
          // A Fast Track raised by the Panel opens its unanimous Panel ballot at once (R21).
          const mod = (await engine.modifications()).find((x) => x.title === `Bench ${made}`);
          const ballot = mod?.ballots.find((b) => b.status === 'open');
          if (!ballot) throw new Error('no open ballot');
          out.push({ ref, ballot: ballot.id });
        }
        return { kind: 'prepared', ballots: out };
      }
      case 'votes': {
        const q = sql`select count(*)::int as n from events where type = 'VoteCast'`;
        const [r] = rowsOf<{ n: number }>(await db.store.db.execute(q));
        return { kind: 'votes', votes: Number(r?.n ?? 0) };
      }
      case 'stop':
        await http.close();
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

// Only as the forked child: bench/teams-vote.ts imports this module for teamsAad.
if (process.send && process.env.TEAMS_VOTE_SERVER === '1') await main();
