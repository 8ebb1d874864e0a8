// Composition root (the only file that wires db/ and adapters/ to the core): parse the environment
// once (R47), open and migrate the database, then run the scheduler tick every minute (principle 3).
// SIGTERM/SIGINT let the current tick's transaction finish, then close the database and exit.
import cron from 'node-cron';
import { openStore, type OpenStore } from '../db/open.ts';
import { createEngine } from './app/engine.ts';
import { deliverDue } from './app/delivery.ts';
import type { Deliverer } from './app/ports.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  for (const e of loaded.errors) console.error(`configuration: ${e}`);
  process.exit(1);
}
const config = loaded.config;
const log = createLogger(config.logLevel);

let store: OpenStore;
try {
  store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }),
    log: (msg, data) => log.info(data ?? {}, msg),
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
log.info({ database: store.location }, 'database open and migrated');

const engine = createEngine(store, {
  settings: config.settings,
  log: (msg, data) => log.info(data ?? {}, msg),
});
// Slack and Teams deliverers plug in here (issues 4 and 5); until then the outbox keeps every message.
const deliverers: Deliverer[] = [];

let current: Promise<void> = Promise.resolve();
async function tick(): Promise<void> {
  const now = new Date();
  try {
    const fired = await engine.runDue(now);
    if (fired.length) log.info({ fired: fired.length }, 'deadlines fired');
    const sent = await deliverDue(store, deliverers, now, { log: (msg, data) => log.info(data ?? {}, msg) });
    if (sent.claimed) log.info(sent, 'outbox delivered');
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
await run();
log.info(
  { slack: Boolean(config.slack), teams: Boolean(config.teams), port: config.port },
  config.slack || config.teams
    ? 'scheduler running'
    : 'scheduler running; no Slack or Teams credentials found, so no messages are delivered yet (see README)',
);

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, 'stopping: finishing the current transaction');
  await task.stop();
  await digestTask.stop();
  await current;
  await store.close();
  log.info('stopped cleanly');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
