// The bot as src/main.ts wires it for operations, on one HTTP server over real HTTP: the
// real Bolt app (Web API on the fake Slack) and the Teams app in local mode (replies to a fake
// connector), a pino logger whose JSON lines the test reads, /readyz on the store's probe, /metrics
// with the engine's onOutcome hook and the outbox/deadline gauges read from the database.
import { Writable } from 'node:stream';
import type { HttpServer } from '../../adapters/http.ts';
import { createHttpServer } from '../../adapters/http.ts';
import type { Metrics } from '../../adapters/metrics.ts';
import { createMetrics } from '../../adapters/metrics.ts';
import { createSlackApp } from '../../adapters/slack/app.ts';
import type { SlackApp } from '../../adapters/slack/app.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import type { OpenStore } from '../../db/open.ts';
import { opsSnapshot } from '../../db/ops-store.ts';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { createLogger } from '../../src/logger.ts';
import type { Logger } from '../../src/logger.ts';
import type { FakeSlack, FakeUser } from '../support/fake-slack.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import type { SlackResponse } from '../support/slack-requests.ts';
import { SIGNING_SECRET, post, sign, slashCommandBody } from '../support/slack-requests.ts';
import type { FakeConnector } from '../support/teams-activities.ts';
import { startFakeConnector } from '../support/teams-activities.ts';

export type LogLine = Record<string, unknown> & { msg?: string; requestId?: string; deliveryId?: string };

export interface OpsBot {
  url: string;
  store: OpenStore;
  engine: Engine;
  metrics: Metrics;
  http: HttpServer;
  fake: FakeSlack;
  connector: FakeConnector;
  clock: { now: Date };
  logger: Logger;
  /** Every JSON line the logger wrote, parsed. */
  lines: LogLine[];
  slashCommand(user: string, text: string, headers?: Record<string, string>): Promise<SlackResponse>;
  close(): Promise<void>;
}

export async function startOpsBot(
  store: OpenStore,
  opts: { now: Date; users?: Iterable<[string, FakeUser]>; readyTimeoutMs?: number },
): Promise<OpsBot> {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as LogLine);
      cb();
    },
  });
  const logger = createLogger('debug', sink);
  // The same mapping as src/main.ts: the adapters log through (msg, data), data.level picks the level.
  const log = (msg: string, data?: object) => {
    const level = (data as { level?: string } | undefined)?.level;
    if (level === 'error') logger.error(data ?? {}, msg);
    else if (level === 'warn') logger.warn(data ?? {}, msg);
    else logger.info(data ?? {}, msg);
  };
  const clock = { now: opts.now };
  const fake = await startFakeSlack({ token: 'xoxb-test-token', users: opts.users ?? [] });
  const connector = await startFakeConnector();
  const metrics = createMetrics({ snapshot: (now) => opsSnapshot(store.db, now), now: () => clock.now, log });
  const engine = createEngine(store, { settings: DEFAULT_SETTINGS, log, onOutcome: metrics.onOutcome });
  const http = createHttpServer({ log, ready: () => store.ready(opts.readyTimeoutMs), metrics });
  const slack: SlackApp = createSlackApp({
    config: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: fake.url },
    engine,
    log,
    now: () => clock.now,
    clientOptions: { retryConfig: { retries: 0 }, timeout: 5_000 },
  });
  if (slack.receiver) http.mount(slack.receiver.router);
  await slack.start();
  const teams = createTeamsApp({ engine, log, http, local: true, now: () => clock.now });
  await teams.start();
  await http.listen(0, '127.0.0.1');
  const url = http.url();
  return {
    url,
    store,
    engine,
    metrics,
    http,
    fake,
    connector,
    clock,
    logger,
    lines,
    slashCommand: (user, text, headers = {}) => post(url, sign(slashCommandBody({ user, text })), headers),
    close: async () => {
      await http.close();
      await slack.stop();
      await teams.stop();
      await fake.close();
      await connector.close();
    },
  };
}

/** One sample's value in Prometheus text, e.g. sample(text, 'x_total', { a: 'b' }); undefined when absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]),
    );
    const want = Object.entries(labels);
    if (want.length === Object.keys(got).length && want.every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** The sum of every sample of `name` whose labels include `labels`. */
export function total(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

export async function scrape(url: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${url}/metrics`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}
