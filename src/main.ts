// Composition root (the only file that wires db/ and adapters/ to the core): parse the environment
// once (R47), open and migrate the database, start the HTTP server with whichever platform adapters
// have credentials, and run the scheduler tick (every minute) and the outbox delivery loop.
// R88: SIGTERM/SIGINT are handled from the first moment (bin/start.js exits on one that arrives while
// the code loads, when nothing is open yet): stop taking requests, let the current transaction
// finish, stop the emulator, close the database, "stopped cleanly", exit 0. A second Ctrl-C exits at
// once.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cron from 'node-cron';
import { createHttpServer, type HttpServer } from '../adapters/http.ts';
import { createMetrics } from '../adapters/metrics.ts';
import { webRouter } from '../adapters/web/routes.ts';
import { feedTokens } from '../db/calendar-feed-store.ts';
import { registerReader } from '../db/register-store.ts';
import type { SlackApp } from '../adapters/slack/app.ts';
import type { LocalMode } from '../adapters/teams/local.ts';
import { abandonNewDatabase } from '../db/first-create.ts';
import { DEFAULT_QUERY_TIMEOUT_MS, openStore, type OpenStore } from '../db/open.ts';
import { opsSnapshot } from '../db/ops-store.ts';
import { platformStore } from '../db/platform-store.ts';
import { teamsStore } from '../db/teams-store.ts';
import { isConnectionLost } from '../db/client.ts';
import { deliverDue } from './app/delivery.ts';
import { createEngine } from './app/engine.ts';
import { actingAs } from './app/interaction/index.ts';
import { fanOut } from './app/fanout.ts';
import { HOME_MAX_ITEMS, homeCardKey } from './app/mine.ts';
import { WEEKLY_JOBS, cronOf } from './app/schedule.ts';
import { feedLinks, webRequests } from './app/web-requests.ts';
import type { PlatformDeliverer } from './app/platform-port.ts';
import type { Deliverer } from './app/ports.ts';
import { ConnectionLost } from './app/store.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

/**
 * The client timeout of the background work's own small pool on PostgreSQL (scheduler sweeps, outbox
 * claims). R87's 2 s is for commands, which must be answered within the platform's limit; a sweep of
 * thousands of due deadlines or an outbox claim waiting its turn on a loaded database may take longer
 * without anything being wrong (with 2 s they failed and retried, and could fall behind for good).
 */
export const BACKGROUND_QUERY_TIMEOUT_MS = 30_000;

/** R88: the longest a stop may take before the process gives up waiting and exits 1. */
export const STOP_LIMIT_MS = 9_000;

/** R89: local mode never runs on a real database; the one line that says what to set instead. */
export const LOCAL_ON_POSTGRES =
  'DATABASE_URL is set but no platform credentials are: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID (local mode runs only on the embedded database: unset DATABASE_URL to try it).';

/** Runs the bot until SIGTERM or SIGINT. */
export async function main(): Promise<void> {
  // R88: first of all, before anything opens.
  let signalled: NodeJS.Signals | undefined;
  let stop: (signal: NodeJS.Signals) => Promise<void> = async () => process.exit(0);
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      if (signal !== 'SIGINT') return;
      // A second Ctrl-C: the operator will not wait. The data folder's lock goes with the process.
      console.error('second Ctrl-C: exiting now, without waiting for the stop to finish');
      process.exit(130);
    }
    signalled = signal;
    void stop(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    for (const e of loaded.errors) console.error(`configuration: ${e}`);
    for (const w of loaded.warnings) console.error(`configuration: ${w}`);
    process.exit(1);
  }
  const config = loaded.config;
  const local = !config.slack && !config.teams;
  if (local && config.databaseUrl) {
    console.error(LOCAL_ON_POSTGRES);
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  /** The adapters log through `(msg, data)`; `data.level` picks the pino level. */
  const logFn = (msg: string, data?: object) => {
    // `level` picks the pino method and is left out of the fields, so a line has one (numeric) level.
    const { level, ...fields } = (data ?? {}) as { level?: string };
    if (level === 'error') log.error(fields, msg);
    else if (level === 'warn') log.warn(fields, msg);
    else log.info(fields, msg);
  };
  // R47: a SEC_* name the bot does not read (a misspelt setting) is said once; its default is in force.
  for (const w of loaded.warnings) log.warn(`configuration: ${w}`);

  // What the start has opened so far; a stop during the start closes exactly these.
  let store: OpenStore | undefined;
  let background: OpenStore | undefined;
  let http: HttpServer | undefined;
  let slack: SlackApp | undefined;
  let localMode: LocalMode | undefined;
  const tasks: { stop(): void | Promise<void> }[] = [];
  let current: Promise<void> = Promise.resolve();
  let workers: Promise<void>[] = [];
  let stopping = false;

  const closeAll = async () => {
    stopping = true;
    http?.drain(); // /readyz answers 503 from now on: the load balancer stops sending requests
    for (const t of tasks) await t.stop();
    await http?.close();
    await slack?.stop();
    await localMode?.stop();
    await current;
    await Promise.all(workers);
    if (background !== store) await background?.close();
    await store?.close();
  };

  let startup: Promise<void> = Promise.resolve();
  stop = async (signal) => {
    // R88: a first start's database still being created is not waited for (it cannot be interrupted):
    // its new folder is removed in this very turn, and the next start creates it afresh.
    if (abandonNewDatabase()) {
      log.info(
        { signal, dataDir: config.dataDir },
        'stopping: the new database was not finished, so its folder is removed; the next start creates it afresh',
      );
      log.info('stopped cleanly');
      process.exit(0);
    }
    log.info({ signal }, 'stopping: finishing the current transaction');
    const limit = setTimeout(() => {
      log.error({ limitMs: STOP_LIMIT_MS }, 'the stop did not finish in time; exiting');
      process.exit(1);
    }, STOP_LIMIT_MS);
    limit.unref();
    await startup.catch(() => {});
    await closeAll();
    log.info('stopped cleanly');
    process.exit(0);
  };

  startup = (async () => {
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
    try {
      store = await openStore({
        ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }),
        ...(config.dbQueryTimeoutMs ? { queryTimeoutMs: config.dbQueryTimeoutMs } : {}),
        log: logFn,
      });
    } catch (e) {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    }
    if (signalled) return;
    const db = store;
    log.info({ database: db.location }, 'database open and migrated');
    const bg = (background = config.databaseUrl
      ? await openStore({
          databaseUrl: config.databaseUrl,
          queryTimeoutMs: BACKGROUND_QUERY_TIMEOUT_MS,
          // Its locks (deadline and modification rows in a sweep) must not outlive a command's timeout.
          idleInTransactionMs: config.dbQueryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
          max: 4,
        })
      : db);

    // Operations: /readyz asks the store, /metrics counts outcomes through the engine's hook.
    const metrics = createMetrics({
      snapshot: (now) => opsSnapshot(db.db, now),
      defaultMetrics: true,
      log: logFn,
    });
    // The register and calendar feeds (R82–R84): the links `register` and `calendar` send, and the pages.
    const tokens = feedTokens(db.db);
    const engine = createEngine(db, {
      settings: config.settings,
      log: logFn,
      onOutcome: metrics.onOutcome,
      web: webRequests(config.web, tokens),
    });
    const bgEngine = bg === db ? engine : createEngine(bg, { settings: config.settings, log: logFn });
    const server = (http = createHttpServer({ log: logFn, ready: () => db.ready(), metrics }));
    server.mount(
      webRouter({
        web: config.web,
        reader: registerReader(db.db),
        tokens,
        now: () => new Date(),
        log: logFn,
        showRunningSplit: config.settings.SEC_SHOW_RUNNING_SPLIT,
      }),
    );
    const platforms: PlatformDeliverer[] = [];
    try {
      if (config.slack && slackModules) {
        const [{ createSlackApp }, { deliveryClient, slackDeliverer }] = await slackModules;
        slack = createSlackApp({ config: config.slack, engine, log: logFn });
        if (slack.receiver) server.mount(slack.receiver.router);
        await slack.start();
        const client = deliveryClient(config.slack.botToken, {
          ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
          log: logFn,
        });
        platforms.push(
          slackDeliverer({
            client,
            port: platformStore(db.db),
            log: logFn,
            // R81: the Home tab, drawn from the state when the outbox sends it.
            home: async (person) =>
              (
                await engine.mine(person, new Date(), {
                  max: HOME_MAX_ITEMS,
                  key: homeCardKey(person),
                })
              ).card,
          }),
        );
      }
      // Teams with credentials; with no platform credentials at all, local mode (R47, R89): Teams without
      // authentication, the bot and the emulator on loopback only, a demo directory in the embedded database.
      if (teamsModules && !signalled) {
        const [{ createTeamsApp }, { startLocalMode }] = await teamsModules;
        const teams = createTeamsApp({
          ...(config.teams ? { config: config.teams } : {}),
          engine,
          log: logFn,
          http: server,
          local,
          conversations: teamsStore(db.db),
          // R79: in local mode the person at the emulator may act as any demo person (`as <name> …`);
          // actingAs() refuses anything but the embedded database (R89).
          actingAs: local ? actingAs(db.kind) : undefined,
        });
        await teams.start(); // mounts /api/messages: before listen()
        // Posts and DMs through the conversation references Teams gives us (R46); local mode passes
        // `serviceUrl` (the emulator's connector) for conversations no reference names yet.
        if (local && !signalled) {
          const port = platformStore(db.db);
          localMode = await startLocalMode({
            engine,
            channelId: (platform, name) => port.channelId(platform, name),
            conversations: teamsStore(db.db),
            botPort: config.port,
            // Next to the data it explains (one file, overwritten each start).
            emulator: { logFile: join(config.dataDir, 'emulator.log') },
            log: logFn,
          });
        }
        platforms.push(
          teams.deliverer({
            port: platformStore(db.db),
            log: logFn,
            serviceUrl: localMode?.connectorUrl,
            // R78: a meeting invite reaches the 1:1 chat as the person's calendar feed address.
            feedLink: feedLinks(config.web, tokens),
          }),
        );
      }
      if (signalled) return;
      await server.listen(config.port, local ? '127.0.0.1' : '0.0.0.0');
    } catch (e) {
      console.error(`cannot start: ${e instanceof Error ? e.message : String(e)}`);
      await localMode?.stop();
      await db.close();
      process.exit(1);
    }
    if (signalled) return;
    // One logical message goes once to every connected platform (R46). With none, the outbox keeps it.
    const deliverers: Deliverer[] = platforms.length
      ? [fanOut(platforms, platformStore(db.db), { log: logFn })]
      : [];

    const tick = async (): Promise<void> => {
      try {
        // Real time: after downtime a reminder that would come too late is not sent (R34, R64).
        const fired = await bgEngine.runDue(new Date(), { realTime: true });
        if (fired.length) log.info({ fired: fired.length }, 'deadlines fired');
      } catch (e) {
        log.error({ err: e }, 'scheduler tick failed; it runs again next minute');
      }
    };
    const run = () => (current = current.then(tick));
    tasks.push(
      cron.schedule('* * * * *', run, { timezone: 'Europe/London', noOverlap: true, name: 'secbot-tick' }),
    );
    // The weekly jobs (R58: the chair's digest, Mondays 09:00 London), declared once in src/app/schedule.ts
    // and run by scripted mode too. Every replica may run one: its outbox key is the date (R48).
    for (const job of WEEKLY_JOBS) {
      const runJob = () => {
        current = current.then(async () => {
          try {
            const notes = await job.run(bgEngine, new Date());
            log.info({ messages: notes.length }, job.what);
          } catch (e) {
            log.error({ err: e }, `${job.what} failed`);
          }
        });
      };
      tasks.push(cron.schedule(cronOf(job), runJob, { timezone: 'Europe/London', name: job.name }));
    }

    // The outbox drains continuously: several workers, because the per-channel pacer waits inside a send
    // (1 message/s per Slack channel) and one slow channel must not hold up DMs to everyone else.
    // R86: while the database is away every worker's claim fails every 500 ms; that is one outage, said
    // once at warn and once when it answers again, without stacks (was: about 16 error lines a second,
    // each with its stack). It is an outage once no claim has succeeded for OUTAGE_AFTER_MS: a blip the
    // next claim gets past says nothing, and while the pool reconnects (a refused reconnect is refused
    // again at once during its back-off, db/open.ts) one answering claim keeps it from starting over.
    const OUTAGE_AFTER_MS = 2000;
    let answeredAt = Date.now();
    let pausedAt: number | undefined;
    const deliveryWorker = async (): Promise<void> => {
      while (!stopping) {
        let claimed = 0;
        try {
          const r = await deliverDue(bg, deliverers, new Date(), { limit: 5, log: logFn });
          claimed = r.claimed;
          answeredAt = Date.now();
          if (pausedAt !== undefined) {
            log.info({ pausedMs: answeredAt - pausedAt }, 'database answers again; outbox delivery resumed');
            pausedAt = undefined;
          }
        } catch (e) {
          if (!databaseUnreachable(e)) log.error({ err: e }, 'outbox delivery failed; retrying');
          else if (pausedAt === undefined && Date.now() - answeredAt >= OUTAGE_AFTER_MS) {
            pausedAt = answeredAt;
            log.warn(
              { error: errorCodeOf(e) },
              'database unreachable; outbox delivery paused until it answers',
            );
          }
        }
        if (claimed === 0 && !stopping) await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    workers = deliverers.length ? Array.from({ length: 8 }, () => deliveryWorker()) : [];

    await run();
    if (signalled) return;
    // Local mode speaks to a newcomer: one plain paragraph rather than a JSON log line (R47).
    if (localMode) process.stdout.write(`\n${localMode.paragraph(db.location)}\n\n`);
    log.info(
      { slack: Boolean(slack), teams: Boolean(config.teams), port: config.port, local: Boolean(localMode) },
      localMode ? 'SEC Change Bot running in local mode' : 'SEC Change Bot running',
    );
  })();
  await startup;
}

/**
 * R86: a failure of the connection to the database rather than of the work: lost under a query
 * (db/client.ts isConnectionLost, which leaves the next two out on purpose: they are not retried at
 * once), or never made, or not answered in time (postgres.js's and the socket's codes).
 */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_ENDED',
  'QUEUE_TIMEOUT',
  'QUERY_TIMEOUT',
]);

function codesOf(e: unknown): string[] {
  const codes: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    cur = (cur as { cause?: unknown }).cause;
  }
  return codes;
}

export function databaseUnreachable(e: unknown): boolean {
  return e instanceof ConnectionLost || isConnectionLost(e) || codesOf(e).some((c) => UNREACHABLE.has(c));
}

const errorCodeOf = (e: unknown): string =>
  codesOf(e)[0] ?? (e instanceof Error ? e.message : String(e)).slice(0, 120);

// Run directly (`node --import tsx src/main.ts`, or natively on Node >= 22.18) as well as through bin/start.js.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
