// The child process of bench/slack-vote.ts: Slack apps on the shared HTTP server code, all with
// processBeforeResponse: (a) one that only acks a vote click, (b) this bot, which resolves the voter
// and records the vote in one transaction before the ack, and on PostgreSQL (c) the naive reference
// app (naive-vote.ts). Driven over IPC.
import { createHttpServer } from '../adapters/http.ts';
import { createSlackApp } from '../adapters/slack/app.ts';
import { createEngine } from '../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import { SIGNING_SECRET } from '../test/support/slack-requests.ts';
import { boltReference } from './bolt-reference.ts';
import { naiveApp } from './naive-vote.ts';
import { database, noLog, panel, serveParent } from './vote-server.ts';

const TOKEN = 'xoxb-bench';
const fakeUrl = process.env.FAKE_SLACK_URL as string;

/** (a): a listener that only acks. */
const ackOnly = () =>
  boltReference(fakeUrl, async ({ ack }) => {
    await ack();
  });

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
  await engine.importPeople(
    panel((h) => ({ slack: `U${h.toUpperCase()}` })),
    { source: 'bench', now: new Date() },
  );
  const slack = createSlackApp({
    config: { botToken: TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fakeUrl },
    engine,
    log: noLog,
  });
  await slack.start();
  const http = createHttpServer();
  if (slack.receiver) http.mount(slack.receiver.router);
  await http.listen(0, '127.0.0.1');
  // QUALITY.md's naive reference app, on the same database (PostgreSQL only).
  const naive = db.url ? await naiveApp(db.url, fakeUrl) : undefined;
  const ack = await ackOnly();
  const close = async () => {
    await naive?.close();
    await ack.close();
    await http.close();
  };
  const urls = { ackOnly: ack.url, bot: http.url(), ...(naive ? { naive: naive.url } : {}) };
  serveParent(db, engine, urls, close, naive?.votes);
}

// Only as the forked child (FAKE_SLACK_URL set by bench/slack-vote.ts).
if (process.send && fakeUrl) await main();
