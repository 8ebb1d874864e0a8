// The real Slack app for tests: Bolt over HTTP on the shared server (127.0.0.1, a free port), its Web
// API pointed at the local fake (test/support/fake-slack.ts), the engine on a test database. Requests
// are built and signed by slack-requests.ts and sent over real HTTP; nothing in Bolt is mocked.
import { renderCard } from '../../adapters/slack/render/blocks.ts';
import type { OpenStore } from '../../db/open.ts';
import type { Notification } from '../../src/app/notification.ts';
import type { Target } from './databases.ts';
import { POSTGRES, databasesForThisFile, pgUnreachable, query, resetStore } from './databases.ts';
import { PEOPLE, london } from './directory.ts';
import { createHttpServer } from '../../adapters/http.ts';
import type { HttpServer } from '../../adapters/http.ts';
import type { SlackApp } from '../../adapters/slack/app.ts';
import { createSlackApp } from '../../adapters/slack/app.ts';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import type { WebRequests } from '../../src/app/web-requests.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import type { FakeSlack, FakeUser } from './fake-slack.ts';
import { startFakeSlack } from './fake-slack.ts';
import type { ButtonOptions, SlackResponse, SubmitOptions } from './slack-requests.ts';
import {
  SIGNING_SECRET,
  blockActionsBody,
  post,
  sign,
  slashCommandBody,
  viewSubmissionBody,
} from './slack-requests.ts';

export interface SlackBot {
  url: string;
  fake: FakeSlack;
  engine: Engine;
  slack: SlackApp;
  http: HttpServer;
  /** The business clock the bot decides at; tests move it. */
  clock: { now: Date };
  logs: { msg: string; data?: object }[];
  command(user: string, text: string, channel?: string): Promise<SlackResponse>;
  click(o: ButtonOptions): Promise<SlackResponse>;
  /** A click acked with 200, and the private answer it brought its clicker (sent after the ack). */
  clickAnswered(o: ButtonOptions): Promise<FakeSlack['ephemerals'][number]>;
  submit(o: SubmitOptions): Promise<SlackResponse>;
  close(): Promise<void>;
}

export async function startSlackBot(
  store: OpenStore,
  opts: { users?: Iterable<[string, FakeUser]>; now: Date; web?: WebRequests },
): Promise<SlackBot> {
  const fake = await startFakeSlack({ token: 'xoxb-test-token', users: opts.users ?? [] });
  const engine = createEngine(store, { settings: DEFAULT_SETTINGS, ...(opts.web ? { web: opts.web } : {}) });
  const logs: SlackBot['logs'] = [];
  const log = (msg: string, data?: object) => void logs.push({ msg, ...(data ? { data } : {}) });
  const clock = { now: opts.now };
  const slack = createSlackApp({
    config: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: fake.url },
    engine,
    log,
    now: () => clock.now,
    clientOptions: { retryConfig: { retries: 0 }, timeout: 5_000 },
  });
  const http = createHttpServer({ log });
  if (slack.receiver) http.mount(slack.receiver.router);
  await slack.start();
  await http.listen(0, '127.0.0.1');
  const url = http.url();
  // As Slack sends a message button's click: with a response_url (here the fake's).
  const click = (o: ButtonOptions) =>
    post(
      url,
      sign(blockActionsBody({ responseUrl: fake.responseUrl(o.channel ?? 'C0BOARD', o.user), ...o })),
    );
  return {
    url,
    fake,
    engine,
    slack,
    http,
    clock,
    logs,
    command: (user, text, channel) =>
      post(url, sign(slashCommandBody({ user, text, ...(channel ? { channel } : {}) }))),
    click,
    clickAnswered: async (o) => {
      const before = fake.ephemerals.length;
      const res = await click(o);
      if (res.status !== 200) throw new Error(`the click was answered HTTP ${res.status}`);
      return eventually(() => fake.ephemerals.slice(before).find((e) => e.user === o.user));
    },
    submit: (o) => post(url, sign(viewSubmissionBody(o))),
    close: async () => {
      await http.close();
      await slack.stop();
      await fake.close();
    },
  };
}

/** Every directory person's Slack id in the bots below: U + handle. */
export const slackUser = (handle: string): string => `U${handle.toUpperCase()}`;

/** A fresh database with the test directory (PEOPLE), each person linked to `slackUser(handle)` (R1). */
export async function startSlackBotWithPeople(
  store: OpenStore,
  start = '2027-01-04T09:00',
): Promise<SlackBot> {
  await resetStore(store);
  const bot = await startSlackBot(store, { now: london(start) });
  await bot.engine.importPeople(
    PEOPLE.map((p) => ({ ...p, slack: slackUser(p.handle ?? '') })),
    { source: 'test', now: bot.clock.now },
  );
  return bot;
}

/** Waits until `check` holds (the bot's private replies are not awaited before the ack). */
export async function eventually<T>(check: () => T | undefined | false, ms = 3_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The database of a Slack test file: PostgreSQL (the end-to-end tests run on it), PGlite
 * only when PostgreSQL cannot be reached (databases.ts has already warned loudly). Call at top level.
 */
export function slackDatabase(): Target {
  const targets = databasesForThisFile();
  return pgUnreachable ? (targets[0] as Target) : POSTGRES;
}

/** A button as Slack shows it: its action id and value, and the value decoded for picking one. */
export interface Button {
  actionId: string;
  value: string;
  label: string;
  v: Record<string, unknown>;
}

/** The buttons of the newest outbox card that matches, rendered as Slack shows them. */
export async function outboxButtons(
  store: OpenStore,
  match: (n: Notification) => boolean,
): Promise<Button[]> {
  const rows = await query<{ payload: Notification }>(store, 'select payload from outbox order by id desc');
  const note = rows.map((r) => r.payload).find((n) => n.card && match(n));
  if (!note?.card) throw new Error('no such card in the outbox');
  return renderCard(note.card).blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.map((e) => ({
          actionId: e.action_id,
          value: e.value,
          label: e.text.text,
          v: JSON.parse(e.value) as Record<string, unknown>,
        }))
      : [],
  );
}

export function one(bs: readonly Button[], pred: (v: Record<string, unknown>) => boolean): Button {
  const b = bs.find((x) => pred(x.v));
  if (!b) throw new Error(`no such button among ${bs.map((x) => x.value).join(', ')}`);
  return b;
}
