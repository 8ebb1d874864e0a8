// The child process of bench/slack-vote.ts: two Slack apps on the shared HTTP server code, both with
// Bolt's signature check and processBeforeResponse: (a) one that only acks a vote click, (b) this bot,
// which resolves the voter and records the vote in one transaction before the ack. Driven over IPC.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { rowsOf } from '../db/client.ts';
import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';
import type { OpenStore } from '../db/open.ts';
import { openStore } from '../db/open.ts';
import { createHttpServer } from '../adapters/http.ts';
import { ACTION_ID_PATTERN } from '../adapters/slack/actions.ts';
import { createSlackApp } from '../adapters/slack/app.ts';
import { createEngine } from '../src/app/engine.ts';
import type { PersonInput } from '../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import { SIGNING_SECRET } from '../test/support/slack-requests.ts';

/** The Panel: the chair and nine members, all seats on its Fast Track ballots. */
export const VOTERS = 10;
export interface Ballot {
  ref: string;
  ballot: string;
}
export type Msg =
  { kind: 'ready?' } | { kind: 'prepare'; ballots: number } | { kind: 'votes' } | { kind: 'stop' };
export type Reply =
  | { kind: 'ready'; ackOnly: string; bot: string; database: string; throwaway?: string }
  | { kind: 'prepared'; ballots: Ballot[] }
  | { kind: 'votes'; votes: number }
  | { kind: 'stopped' };

const ADMIN_URL = process.env.SECBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOKEN = 'xoxb-bench';
const fakeUrl = process.env.FAKE_SLACK_URL as string;
const noLog = () => {};

/**
 * DATABASE_URL, else a throwaway database on the local server (the parent drops it once this process
 * has exited: dropping it from here, with this process's connections alive, upsets postgres.js), else PGlite.
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

/** Run by the parent after the child has exited. */
export async function dropThrowaway(db: string): Promise<void> {
  const a = postgres(ADMIN_URL, { max: 1, onnotice: noLog });
  try {
    await a.unsafe(`drop database if exists ${db} with (force)`);
  } finally {
    await a.end({ timeout: 1 });
  }
}

const person = (handle: string, roles: PersonInput['roles']): PersonInput => ({
  email: `${handle}@example.org`,
  name: handle,
  handle,
  roles,
  slack: `U${handle.toUpperCase()}`,
});

/** (a): the same receiver settings, a listener that only acks. */
async function ackOnly(): Promise<string> {
  const receiver = new ExpressReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: '/slack/events',
    processBeforeResponse: true,
    router: express.Router(),
  });
  const app = new App({
    token: TOKEN,
    receiver,
    clientOptions: { slackApiUrl: fakeUrl },
    deferInitialization: true,
    convoStore: false,
  });
  app.action(ACTION_ID_PATTERN, async ({ ack }) => {
    await ack();
  });
  await app.init();
  const http = createHttpServer();
  http.mount(receiver.router);
  await http.listen(0, '127.0.0.1');
  return http.url();
}

async function main(): Promise<void> {
  const db = await database();
  const engine = createEngine(db.store, { settings: DEFAULT_SETTINGS });
  // BENCH_ENGINE=stub (diagnosis only): clicks are acked without the vote's transaction, to
  // split the gap to ack-only between the Slack path (Bolt, identity, reply) and the engine.
  if (process.env.BENCH_ENGINE === 'stub') {
    const real = engine.execute;
    engine.execute = async (env, now) =>
      env.command.type === 'vote'
        ? { ok: true, code: null, reply: 'Vote recorded (stub).', duplicate: false, notifications: [] }
        : real(env, now);
  }
  const people = [
    person('chair', ['panel_chair']),
    ...Array.from({ length: VOTERS - 1 }, (_, i) => person(`pm${i + 1}`, ['panel'])),
  ];
  await engine.importPeople(people, { source: 'bench', now: new Date() });
  const slack = createSlackApp({
    config: { botToken: TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fakeUrl },
    engine,
    log: noLog,
  });
  await slack.start();
  const http = createHttpServer();
  if (slack.receiver) http.mount(slack.receiver.router);
  await http.listen(0, '127.0.0.1');
  const bot = http.url();
  const acking = await ackOnly();
  let made = 0;

  const handle = async (m: Msg): Promise<Reply> => {
    switch (m.kind) {
      case 'ready?':
        return {
          kind: 'ready',
          ackOnly: acking,
          bot,
          database: db.name,
          ...(db.throwaway ? { throwaway: db.throwaway } : {}),
        };
      case 'prepare': {
        const out: Ballot[] = [];
        for (let i = 0; i < m.ballots; i++) {
          const now = new Date();
          const raised = await engine.ask(
            `panel raise-fasttrack title="Bench ${++made}" problem="Load"`,
            'chair@example.org',
            now,
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

// Only as the forked child: bench/slack-vote.ts imports this module for its types and VOTERS.
if (process.send && fakeUrl) await main();
