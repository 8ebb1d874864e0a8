// The child process of bench/slack-vote.ts: two Slack apps on the shared HTTP server code, both with
// Bolt's signature check and processBeforeResponse: (a) one that only acks a vote click, (b) this bot,
// which resolves the voter and records the vote in one transaction before the ack. Driven over IPC.
import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';
import { createHttpServer } from '../adapters/http.ts';
import { ACTION_ID_PATTERN } from '../adapters/slack/actions.ts';
import { createSlackApp } from '../adapters/slack/app.ts';
import { createEngine } from '../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import { SIGNING_SECRET } from '../test/support/slack-requests.ts';
import { naiveApp } from './naive-vote.ts';
import { database, noLog, panel, serveParent } from './vote-server.ts';

const TOKEN = 'xoxb-bench';
const fakeUrl = process.env.FAKE_SLACK_URL as string;

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
  const close = async () => {
    await naive?.close();
    await http.close();
  };
  const urls = { ackOnly: await ackOnly(), bot: http.url(), ...(naive ? { naive: naive.url } : {}) };
  serveParent(db, engine, urls, close, naive?.votes);
}

// Only as the forked child (FAKE_SLACK_URL set by bench/slack-vote.ts).
if (process.send && fakeUrl) await main();
