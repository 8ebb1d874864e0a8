// The real Teams app for tests: the SDK App on the shared server (127.0.0.1, a free port), replies
// caught by the fake connector at the activities' serviceUrl, the engine on a test database. Local mode
// (unauthenticated, loopback only) unless `config` gives credentials. Optionally the real Slack app on
// the same server and engine, for cross-platform tests. Nothing in either SDK is mocked.
import { createHttpServer } from '../../adapters/http.ts';
import type { HttpServer } from '../../adapters/http.ts';
import type { SlackApp } from '../../adapters/slack/app.ts';
import { createSlackApp } from '../../adapters/slack/app.ts';
import type { TeamsConfig } from '../../adapters/teams/app.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import { renderCard } from '../../adapters/teams/render/card.ts';
import { unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import type { OpenStore } from '../../db/open.ts';
import { platformStore } from '../../db/platform-store.ts';
import { teamsStore } from '../../db/teams-store.ts';
import { Pacer } from '../../adapters/pacer.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import type { WebRequests } from '../../src/app/web-requests.ts';
import type { Notification } from '../../src/app/notification.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { query } from './databases.ts';
import type { FakeSlack } from './fake-slack.ts';
import { startFakeSlack } from './fake-slack.ts';
import { SIGNING_SECRET } from './slack-requests.ts';
import type { Activity, FakeConnector, Posted } from './teams-activities.ts';
import { executeInvoke, postActivity, startFakeConnector } from './teams-activities.ts';

export interface TeamsBot {
  url: string;
  fake: FakeConnector;
  /** The fake Slack Web API, when the Slack app runs too. */
  slackFake: FakeSlack | undefined;
  engine: Engine;
  http: HttpServer;
  clock: { now: Date };
  logs: { msg: string; data?: object }[];
  /** POSTs an activity to /api/messages with extra headers (an Authorization header). */
  post(a: Activity, headers?: Record<string, string>): Promise<Posted>;
  /** Posts a message and returns the (unescaped) text of the reply it caused, if any. */
  say(a: Activity): Promise<{ status: number; reply: string | undefined }>;
  /** Clicks an Action.Execute button as `handle`. */
  click(handle: string, action: ExecuteButton, id?: string): Promise<Posted>;
  /** Sends everything due in the outbox through the Teams app to the fake connector (R46). */
  deliver(): Promise<void>;
  close(): Promise<void>;
}

export async function startTeamsBot(
  store: OpenStore,
  opts: {
    now: Date;
    config?: TeamsConfig;
    slack?: boolean;
    web?: WebRequests;
    /** Keep Teams' conversations in the store, as a running bot does (db/teams-store.ts). */
    conversations?: boolean;
  },
): Promise<TeamsBot> {
  const fake = await startFakeConnector();
  const engine = createEngine(store, { settings: DEFAULT_SETTINGS, ...(opts.web ? { web: opts.web } : {}) });
  const logs: TeamsBot['logs'] = [];
  const log = (msg: string, data?: object) => void logs.push({ msg, ...(data ? { data } : {}) });
  const clock = { now: opts.now };
  const http = createHttpServer({ log });
  let slack: SlackApp | undefined;
  let slackFake: FakeSlack | undefined;
  if (opts.slack) {
    slackFake = await startFakeSlack({ token: 'xoxb-test-token' });
    slack = createSlackApp({
      config: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slackFake.url },
      engine,
      log,
      now: () => clock.now,
      clientOptions: { retryConfig: { retries: 0 }, timeout: 5_000 },
    });
    if (slack.receiver) http.mount(slack.receiver.router);
    await slack.start();
  }
  const teams = createTeamsApp({
    ...(opts.config ? { config: opts.config } : {}),
    engine,
    log,
    http,
    local: !opts.config,
    now: () => clock.now,
    ...(opts.conversations ? { conversations: teamsStore(store.db) } : {}),
  });
  await teams.start();
  await http.listen(0, '127.0.0.1');
  const url = http.url();
  const post = (a: Activity, headers: Record<string, string> = {}) => postActivity(url, a, headers);
  return {
    url,
    fake,
    slackFake,
    engine,
    http,
    clock,
    logs,
    post,
    say: async (a) => {
      const before = fake.sent.length;
      const res = await post(a);
      const text = fake.sent.slice(before).at(-1)?.body.text;
      return { status: res.status, reply: typeof text === 'string' ? unescapeMarkdown(text) : undefined };
    },
    click: (handle, action, id) => {
      const a = executeInvoke(fake.url, handle, { verb: action.verb, data: action.data });
      return post(id === undefined ? a : { ...a, id });
    },
    deliver: async () => {
      // The outbox through the Teams deliverer, as a running bot sends it (it needs `conversations`);
      // unpaced, so a test runs at once.
      const port = platformStore(store.db);
      const d = teams.deliverer({ port, serviceUrl: fake.url, pacer: new Pacer({ intervalMs: 1 }) });
      const fan = fanOut([d], port);
      while ((await deliverDue(store, [fan], clock.now)).claimed > 0);
    },
    close: async () => {
      await http.close();
      await teams.stop();
      await slack?.stop();
      await fake.close();
      await slackFake?.close();
    },
  };
}

/**
 * A button as Teams shows it on the rendered Adaptive Card: an Action.Execute (a command), or an
 * Action.Submit that opens a dialog (its verb is then the action name its data carries).
 */
export interface ExecuteButton {
  type: 'Action.Execute' | 'Action.Submit';
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** The buttons of the newest outbox card that matches, rendered as Teams shows them. */
export async function outboxExecuteButtons(
  store: OpenStore,
  match: (n: Notification) => boolean,
): Promise<ExecuteButton[]> {
  const rows = await query<{ payload: Notification }>(store, 'select payload from outbox order by id desc');
  const note = rows.map((r) => r.payload).find((n) => n.card && match(n));
  if (!note?.card) throw new Error('no such card in the outbox');
  const out: ExecuteButton[] = [];
  for (const el of renderCard(note.card).body) {
    if (el.type !== 'ActionSet') continue;
    for (const a of el.actions) {
      const data = (a as { data?: unknown }).data as Record<string, unknown> | undefined;
      if (a.type === 'Action.Execute')
        out.push({ type: a.type, title: String(a.title), verb: String(a.verb), data: data ?? {} });
      else if (a.type === 'Action.Submit' && typeof data?.action === 'string')
        out.push({ type: a.type, title: String(a.title), verb: data.action, data });
    }
  }
  return out;
}

export function pick(
  bs: readonly ExecuteButton[],
  pred: (d: Record<string, unknown>) => boolean,
): ExecuteButton {
  const b = bs.find((x) => pred(x.data));
  if (!b) throw new Error(`no such button among ${bs.map((x) => JSON.stringify(x.data)).join(', ')}`);
  return b;
}

/** The text of an invoke's message answer, or the JSON of its refreshed card. */
export function invokeAnswer(p: Posted): { kind: 'card' | 'message' | 'other'; text: string } {
  const b = p.body as { type?: string; value?: unknown } | undefined;
  if (b?.type === 'application/vnd.microsoft.card.adaptive')
    return { kind: 'card', text: unescapeMarkdown(JSON.stringify(b.value)) };
  if (b?.type === 'application/vnd.microsoft.activity.message')
    return { kind: 'message', text: unescapeMarkdown(String(b.value)) };
  return { kind: 'other', text: JSON.stringify(b) };
}
