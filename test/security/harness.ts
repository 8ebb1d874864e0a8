// Both real apps on one database for the security tests: the Slack app (Bolt over HTTP, signed
// requests, the fake Web API) and the Teams app (local mode, activities over HTTP, the fake connector),
// sharing one engine and one business clock. States are built by typing lines through the engine;
// `rows()` counts every table a command could write, so a refusal can be shown to write nothing.
import { createHttpServer } from '../../adapters/http.ts';
import type { HttpServer } from '../../adapters/http.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import { unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import type { OpenStore } from '../../db/open.ts';
import type { PersonInput } from '../../src/app/engine.ts';
import { query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { eventually, startSlackBot } from '../support/slack-bot.ts';
import { post, sign, slashCommandBody } from '../support/slack-requests.ts';
import type { FakeConnector } from '../support/teams-activities.ts';
import {
  aad,
  channelMention,
  personalMessage,
  postActivity,
  startFakeConnector,
} from '../support/teams-activities.ts';
import type { Step } from './matrix-cases.ts';
import { START } from './matrix-cases.ts';

export type Platform = 'slack' | 'teams';
export const PLATFORMS: readonly Platform[] = ['slack', 'teams'];
/** Someone in neither Slack's directory nor ours, on either platform. */
export const STRANGER = 'stranger';

/** The demo directory plus `nobody`, a registered person with no role. */
export const DIRECTORY: PersonInput[] = [
  ...PEOPLE,
  { email: 'nobody@example.org', name: 'Nobody', handle: 'nobody', roles: [] },
];
export const slackId = (handle: string): string => `U${handle.toUpperCase()}`;

/** Every table a command can write (deliveries, the dedupe record, is counted on its own). */
export const WRITTEN_TABLES = [
  'events',
  'modifications',
  'votes',
  'people',
  'identities',
  'channels',
  'system_state',
  'holidays',
  'deadlines',
  'outbox',
  'platform_messages',
];

export interface Answer {
  /** What the person sees, unescaped. */
  reply: string;
  /** The delivery id the engine recorded the outcome under (undefined when it never got there). */
  deliveryId: string;
  /** Where the answer went: an ephemeral ack (Slack) or the person's 1:1 chat (Teams). */
  privately: boolean;
  /** The answer as sent: Slack's ack body, or the activity the bot sent to the Teams connector. */
  raw: unknown;
}

export interface Bots {
  slack: SlackBot;
  teamsUrl: string;
  connector: FakeConnector;
  teamsHttp: HttpServer;
  store: OpenStore;
  clock: { now: Date };
  /** Empties the database, imports the directory (every person linked on both platforms), runs the steps. */
  build(steps: readonly Step[]): Promise<void>;
  /** Types a line as `handle` on a platform, at the clock's time. */
  type(platform: Platform, handle: string, text: string, channel?: string): Promise<Answer>;
  rows(): Promise<Record<string, number>>;
  outcome(deliveryId: string): Promise<{ ok: boolean; code: string | null; reply: string } | undefined>;
  close(): Promise<void>;
}

export async function startBots(store: OpenStore): Promise<Bots> {
  const slack = await startSlackBot(store, { now: london(START) });
  // One business clock for both apps: the Slack app's, which tests move.
  const clock = slack.clock;
  const connector = await startFakeConnector();
  const teamsHttp = createHttpServer();
  const teams = createTeamsApp({
    engine: slack.engine,
    log: () => {},
    http: teamsHttp,
    local: true,
    now: () => clock.now,
  });
  await teams.start();
  await teamsHttp.listen(0, '127.0.0.1');
  const teamsUrl = teamsHttp.url();
  const engine = slack.engine;

  const bots: Bots = {
    slack,
    teamsUrl,
    connector,
    teamsHttp,
    store,
    clock,
    async build(steps) {
      await resetStore(store);
      clock.now = london(START);
      const rows = DIRECTORY.map((p) => ({
        ...p,
        slack: slackId(p.handle ?? ''),
        teams: aad(p.handle ?? ''),
      }));
      await engine.importPeople(rows, { source: 'test', now: clock.now });
      for (const [handle, text, at] of steps) {
        if (at) {
          clock.now = london(at);
          await engine.runDue(clock.now);
        }
        const r = await engine.ask(text, id(handle), clock.now, { platform: 'cli' });
        if (!r.ok) throw new Error(`building the state: ${handle} "${text}" was refused: ${r.reply}`);
      }
    },
    async type(platform, handle, text, channel) {
      const who = handle === STRANGER ? 'ghost' : handle;
      if (platform === 'slack') {
        const req = sign(
          slashCommandBody({
            user: slackId(who),
            text: escapeForSlack(text),
            channel: channel ?? 'C0GENERAL',
          }),
        );
        const res = await post(slack.url, req);
        const sig = req.headers['x-slack-signature']?.slice(3) ?? '';
        return {
          reply: unescapeSlack(String(res.json?.text ?? '')),
          deliveryId: `slack:cmd:${sig}`,
          privately: res.status === 200 && res.json?.response_type === 'ephemeral',
          raw: res.json ?? res.text,
        };
      }
      // A channel's line is typed in that channel (an @mention there); `admin channel` is refused in a
      // 1:1 chat (R42), so the matrix types it where it belongs, as on Slack.
      const activity = channel
        ? channelMention(connector.url, who, text)
        : personalMessage(connector.url, who, text);
      const before = connector.sent.length;
      const res = await postActivity(teamsUrl, activity);
      if (res.status !== 200) throw new Error(`Teams answered ${res.status}`);
      // Generous: a loaded 2-core machine (other suites run alongside) can be slow to send the reply.
      const sent = await eventually(() => connector.sent.slice(before).at(-1), 10_000);
      return {
        reply: unescapeMarkdown(String(sent.body.text ?? '')),
        deliveryId: `teams:${String(activity.id)}`,
        privately: sent.conversation === `a:dm-${who}`,
        raw: sent.body,
      };
    },
    async rows() {
      // One query: the counts are read in one snapshot, and cheaply (the matrix reads them 2,000 times).
      const sql = `select ${WRITTEN_TABLES.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')}`;
      const [r] = await query<Record<string, number | string>>(store, sql);
      return Object.fromEntries(WRITTEN_TABLES.map((t) => [t, Number(r?.[t] ?? -1)]));
    },
    async outcome(deliveryId) {
      const [r] = await query<{ outcome: { ok: boolean; code: string | null; reply: string } }>(
        store,
        `select outcome from deliveries where delivery_id = '${deliveryId.replace(/'/g, "''")}'`,
      );
      return r?.outcome;
    },
    async close() {
      await teamsHttp.close();
      await connector.close();
      await slack.close();
    },
  };
  return bots;
}

/** Slack sends &, < and > in a slash command's text as HTML entities. */
export const escapeForSlack = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const unescapeSlack = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
