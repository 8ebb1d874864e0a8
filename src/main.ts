// Composition root (the only file that wires db/ and adapters/ to the core): parse the environment
// once (R47), open and migrate the database, start the HTTP server with whichever platform adapters
// have credentials, and run the scheduler tick (every minute) and the outbox delivery loop.
// SIGTERM/SIGINT stop taking requests, let the current transaction finish, close the database, exit.
import { join } from 'node:path';
import cron from 'node-cron';
import { createHttpServer } from '../adapters/http.ts';
import { createMetrics } from '../adapters/metrics.ts';
import { webRouter } from '../adapters/web/routes.ts';
import { feedTokens } from '../db/calendar-feed-store.ts';
import { registerReader } from '../db/register-store.ts';
import type { SlackApp } from '../adapters/slack/app.ts';
import type { LocalMode } from '../adapters/teams/local.ts';
import { openStore, type OpenStore } from '../db/open.ts';
import { opsSnapshot } from '../db/ops-store.ts';
import { platformStore } from '../db/platform-store.ts';
import { teamsStore } from '../db/teams-store.ts';
import { deliverDue } from './app/delivery.ts';
import { createEngine } from './app/engine.ts';
import { fanOut } from './app/fanout.ts';
import { webRequests } from './app/web-requests.ts';
import type { PlatformDeliverer } from './app/platform-port.ts';
import type { Deliverer } from './app/ports.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  for (const e of loaded.errors) console.error(`configuration: ${e}`);
  process.exit(1);
}
const config = loaded.config;
const local = !config.slack && !config.teams;
// QUALITY.md P5 (start-up): a platform's SDK is loaded only when it runs, and while the database opens.
const slackModules = config.slack
  ? Promise.all([import('../adapters/slack/app.ts'), import('../adapters/slack/notifier.ts')])
  : undefined;
const teamsModules =
  config.teams || local
    ? Promise.all([import('../adapters/teams/app.ts'), import('../adapters/teams/local.ts')])
    : undefined;
// Awaited below (inside the start-up try); until then a failed import must not crash as unhandled.
slackModules?.catch(() => {});
teamsModules?.catch(() => {});
const log = createLogger(config.logLevel);
/** The adapters log through `(msg, data)`; `data.level` picks the pino level. */
const logFn = (msg: string, data?: object) => {
  // `level` picks the pino method and is left out of the fields, so a line has one (numeric) level.
  const { level, ...fields } = (data ?? {}) as { level?: string };
  if (level === 'error') log.error(fields, msg);
  else if (level === 'warn') log.warn(fields, msg);
  else log.info(fields, msg);
};

let store: OpenStore;
try {
  store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }),
    log: logFn,
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
log.info({ database: store.location }, 'database open and migrated');

// Operations (issue 6): /readyz asks the store, /metrics counts outcomes through the engine's hook.
const metrics = createMetrics({
  snapshot: (now) => opsSnapshot(store.db, now),
  defaultMetrics: true,
  log: logFn,
});
// The register and calendar feeds (R82–R84): the links `register` and `calendar` send, and the pages.
const tokens = feedTokens(store.db);
const engine = createEngine(store, {
  settings: config.settings,
  log: logFn,
  onOutcome: metrics.onOutcome,
  web: webRequests(config.web, tokens),
});
const http = createHttpServer({ log: logFn, ready: () => store.ready(), metrics });
http.mount(
  webRouter({ web: config.web, reader: registerReader(store.db), tokens, now: () => new Date(), log: logFn }),
);
const platforms: PlatformDeliverer[] = [];
let slack: SlackApp | undefined;
let localMode: LocalMode | undefined;
try {
  if (config.slack && slackModules) {
    const [{ createSlackApp }, { deliveryClient, slackDeliverer }] = await slackModules;
    slack = createSlackApp({ config: config.slack, engine, log: logFn });
    if (slack.receiver) http.mount(slack.receiver.router);
    await slack.start();
    const client = deliveryClient(config.slack.botToken, {
      ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
      log: logFn,
    });
    platforms.push(slackDeliverer({ client, port: platformStore(store.db), log: logFn }));
  }
  // Teams with credentials; with no platform credentials at all, local mode: Teams without
  // authentication, listening on 127.0.0.1 only, with a demo directory and the Teams emulator (R47).
  if (teamsModules) {
    const [{ createTeamsApp }, { startLocalMode }] = await teamsModules;
    const teams = createTeamsApp({
      ...(config.teams ? { config: config.teams } : {}),
      engine,
      log: logFn,
      http,
      local,
      conversations: teamsStore(store.db),
    });
    await teams.start(); // mounts /api/messages: before listen()
    // Posts and DMs through the conversation references Teams gives us (R46); local mode may pass
    // `serviceUrl` (the emulator's connector) for conversations no reference names yet.
    if (local) {
      const port = platformStore(store.db);
      localMode = await startLocalMode({
        engine,
        channelId: (platform, name) => port.channelId(platform, name),
        conversations: teamsStore(store.db),
        botPort: config.port,
        // Next to the data it explains (one file, overwritten each start); a temporary file with PostgreSQL.
        ...(config.databaseUrl ? {} : { emulator: { logFile: join(config.dataDir, 'emulator.log') } }),
        log: logFn,
      });
    }
    platforms.push(
      teams.deliverer({ port: platformStore(store.db), log: logFn, serviceUrl: localMode?.connectorUrl }),
    );
  }
  await http.listen(config.port, local ? '127.0.0.1' : '0.0.0.0');
} catch (e) {
  console.error(`cannot start: ${e instanceof Error ? e.message : String(e)}`);
  await localMode?.stop();
  await store.close();
  process.exit(1);
}
// One logical message goes once to every connected platform (R46). With none, the outbox keeps it.
const deliverers: Deliverer[] = platforms.length
  ? [fanOut(platforms, platformStore(store.db), { log: logFn })]
  : [];

let current: Promise<void> = Promise.resolve();
async function tick(): Promise<void> {
  try {
    const fired = await engine.runDue(new Date());
    if (fired.length) log.info({ fired: fired.length }, 'deadlines fired');
  } catch (e) {
    log.error({ err: e }, 'scheduler tick failed; it runs again next minute');
  }
}
const run = () => (current = current.then(tick));

const task = cron.schedule('* * * * *', run, {
  timezone: 'Europe/London',
  noOverlap: true,
  name: 'secbot-tick',
});
// R58: the chair's digest, Mondays 09:00 London. Every replica may run it: the outbox key is the date (R48).
const digestTask = cron.schedule(
  '0 9 * * 1',
  () => {
    current = current.then(async () => {
      try {
        const notes = await engine.digest(new Date());
        log.info({ messages: notes.length }, 'weekly Panel digest');
      } catch (e) {
        log.error({ err: e }, 'weekly Panel digest failed');
      }
    });
  },
  { timezone: 'Europe/London', name: 'secbot-digest' },
);

// The outbox drains continuously: several workers, because the per-channel pacer waits inside a send
// (1 message/s per Slack channel) and one slow channel must not hold up DMs to everyone else.
let stopping = false;
const WORKERS = 8;
async function deliveryWorker(): Promise<void> {
  while (!stopping) {
    let claimed = 0;
    try {
      const r = await deliverDue(store, deliverers, new Date(), { limit: 5, log: logFn });
      claimed = r.claimed;
    } catch (e) {
      log.error({ err: e }, 'outbox delivery failed; retrying');
    }
    if (claimed === 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
const workers = deliverers.length ? Array.from({ length: WORKERS }, () => deliveryWorker()) : [];

await run();
// Local mode speaks to a newcomer: one plain paragraph rather than a JSON log line (R47).
if (localMode) process.stdout.write(`\n${localMode.paragraph(store.location)}\n\n`);
log.info(
  { slack: Boolean(slack), teams: Boolean(config.teams), port: config.port, local: Boolean(localMode) },
  localMode ? 'SEC Change Bot running in local mode' : 'SEC Change Bot running',
);

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, 'stopping: finishing the current transaction');
  stopping = true;
  http.drain(); // /readyz answers 503 from now on: the load balancer stops sending requests
  await task.stop();
  await digestTask.stop();
  await http.close();
  await slack?.stop();
  await localMode?.stop();
  await current;
  await Promise.all(workers);
  await store.close();
  log.info('stopped cleanly');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
