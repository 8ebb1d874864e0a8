// Platform faults (QUALITY.md reliability goal 4; R46, R48): 300 outbox messages (240 DMs
// and 60 channel messages, cards among them updated in place, across three channels) drained by eight
// deliverDue loops (as src/main.ts runs them) through the real fanOut, Slack deliverer and Teams
// deliverer, while the fake Slack Web API and the fake Bot Connector, behind a fault proxy
// (support-faults.ts), answer one request in four to chat.postMessage / chat.update and to the
// connector's POST / PUT of activities with 429 + Retry-After, 500, a reset before the request is
// handled, a reset after it was handled, or an answer slower than the client's timeout.
//
// What the design promises, asserted exactly:
// - nothing is lost: every outbox row ends `sent`, none `failed` or `unknown`, and every logical
//   message reached both platforms;
// - Slack: nothing doubled. An unknown outcome (500, reset, timeout) is looked up by the outbox key in
//   the message's metadata (conversations.history) before anything is posted again;
// - Teams has no history to search (adapters/teams/notifier.ts): a 429, a 500 and a reset before the
//   request was handled never duplicate (the connector did nothing), but a POST the connector handled
//   whose answer was lost (reset after, slow past the timeout) is retried and shows twice. So each
//   message appears on Teams exactly 1 + (its POSTs handled with the answer lost) times, and updates
//   (PUT, idempotent) never add a message;
// - the limits hold at the platform: at most 1 post or update per Slack channel in any second (the
//   fake Slack also enforces it: it would answer 429 itself), at most 7 per Teams conversation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStore } from '../../db/open.ts';
import { SUPERSEDED } from '../../db/outbox-store.ts';
import { createEngine } from '../../src/app/engine.ts';
import type { ChannelName, Notification } from '../../src/app/notification.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { OUTBOX_EVENT } from '../../adapters/slack/notifier.ts';
import { count, resetStore } from '../support/databases.ts';
import type { FakeSlack } from '../support/fake-slack.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import type { FakeConnector } from '../support/teams-activities.ts';
import { startFakeConnector } from '../support/teams-activities.ts';
import type { FaultKind, FaultProxy, ProxiedRequest } from './support-faults.ts';
import { cyclingPlan, startFaultProxy } from './support-faults.ts';
import {
  SLACK_TOKEN,
  drainOutbox,
  groupBy,
  loadDatabase,
  maxPerSecond,
  outboxStatuses,
  platformDeliverer,
} from './support-load.ts';

const db = loadDatabase();
const DMS = 240;
const CHANNELS: { name: ChannelName; slack: string; teams: string }[] = [
  { name: 'change-board', slack: 'C0BOARD', teams: '19:board@thread.tacv2' },
  { name: 'panel', slack: 'C0PANEL', teams: '19:panel@thread.tacv2' },
  { name: 'announcements', slack: 'C0ANN', teams: '19:ann@thread.tacv2' },
];
/** Per channel: 10 plain posts and 2 cards of 5 versions each (20 outbox rows). */
const POSTS_PER_CHANNEL = 10;
const CARDS_PER_CHANNEL = 2;
const VERSIONS = 5;
const CLIENT_TIMEOUT_MS = 1000;
const SLOW_MS = 1600;
const FAULTS: FaultKind[] = ['429', '500', 'reset-before', 'reset-after', 'slow'];

const person = (i: number) => `p${String(i).padStart(3, '0')}`;
const textOfCardVersion = (channel: string, card: number, v: number) =>
  `card ${channel} ${card} version ${v}`;

/** The outbox rows: DMs and channel posts each a logical message; card versions share a card key. */
function notes(): Notification[] {
  const out: Notification[] = [];
  for (const c of CHANNELS) {
    for (let v = 1; v <= VERSIONS; v++)
      for (let k = 1; k <= CARDS_PER_CHANNEL; k++)
        out.push({
          key: `fault-card:${c.name}:${k}:v${v}`,
          to: { kind: 'channel', channel: c.name },
          text: textOfCardVersion(c.name, k, v),
          card: { key: `fault-card:${c.name}:${k}`, title: `card ${k}`, fields: [], buttons: [] },
        });
    for (let k = 1; k <= POSTS_PER_CHANNEL; k++)
      out.push({
        key: `fault-post:${c.name}:${k}`,
        to: { kind: 'channel', channel: c.name },
        text: `post ${c.name} ${k}`,
      });
  }
  for (let i = 1; i <= DMS; i++)
    out.push({
      key: `fault-dm:${i}`,
      to: { kind: 'person', person: `${person(i)}@example.org` },
      text: `dm number ${i}`,
    });
  return out;
}

const slackForm = (r: ProxiedRequest) => new URLSearchParams(r.body);
const isSlackSend = (r: { path: string }) => /\/chat\.(postMessage|update)$/.test(r.path);
const isTeamsActivity = (r: { path: string }) => /\/activities(\/[^/]+)?$/.test(r.path);
const teamsConversation = (r: ProxiedRequest) =>
  decodeURIComponent(/\/v3\/conversations\/([^/]+)\/activities/.exec(r.path)?.[1] ?? '');
/** The text a Teams activity carries: a message's text, a card's summary. */
const teamsText = (body: Record<string, unknown>) => String(body.summary ?? body.text ?? '');

describe('platform faults while 300 outbox messages drain to Slack and Teams, PostgreSQL', () => {
  let store: OpenStore;
  let slack: FakeSlack;
  let teams: FakeConnector;
  let slackProxy: FaultProxy;
  let teamsProxy: FaultProxy;
  const all = notes();
  let drained: Awaited<ReturnType<typeof drainOutbox>>;

  beforeAll(async () => {
    store = await db.store();
    await resetStore(store);
    // The fake Slack enforces 1 post or update per channel per second itself (answers 429 above it).
    slack = await startFakeSlack({ token: SLACK_TOKEN, limitPerChannelPerSecond: 1 });
    teams = await startFakeConnector();
    const opts = { retryAfter: 1, slowMs: SLOW_MS };
    slackProxy = await startFaultProxy(
      slack.url,
      cyclingPlan((r) => (isSlackSend(r) ? r.path : undefined), opts),
    );
    teamsProxy = await startFaultProxy(
      teams.url,
      cyclingPlan((r) => (isTeamsActivity(r) ? r.method : undefined), opts),
    );
    const engine = createEngine(store, { settings: DEFAULT_SETTINGS });
    const now = new Date();
    const people = Array.from({ length: DMS }, (_, k) => {
      const h = person(k + 1);
      return {
        email: `${h}@example.org`,
        name: h,
        roles: ['party' as const],
        slack: `U${h.toUpperCase()}`,
        teams: `aad-${h}`,
      };
    });
    await engine.importPeople(
      [
        ...people,
        { email: 'ada@example.org', name: 'Ada', roles: ['admin'], slack: 'UADA', teams: 'aad-ada' },
      ],
      { source: 'test', now },
    );
    for (const c of CHANNELS)
      for (const platform of ['slack', 'teams'] as const) {
        const command = { type: 'admin-channel' as const, channel: c.name, platform, channelId: c[platform] };
        const r = await engine.execute({ command, actor: 'ada@example.org', platform: 'cli' }, now);
        if (!r.ok) throw new Error(r.reply);
      }
    await store.transaction((tx) => tx.enqueue(all.map((note) => ({ note, at: new Date() }))));
    // The real deliverers, the default pacing (Slack 1 s, Teams 150 ms per conversation), short
    // client timeouts so a slow answer is given up on, and main.ts's eight loops of five.
    const deliverer = platformDeliverer(store, {
      slackApiUrl: slackProxy.url,
      teamsServiceUrl: teamsProxy.url,
      slackTimeoutMs: CLIENT_TIMEOUT_MS,
      teamsTimeoutMs: CLIENT_TIMEOUT_MS,
      settleMs: 300,
      teamsBackoffMs: 300,
    });
    drained = await drainOutbox(store, deliverer, {
      workers: 8,
      limit: 5,
      baseBackoffMs: 500,
      deadlineMs: 150_000,
    });
  }, 180_000);
  afterAll(async () => {
    await slackProxy?.close();
    await teamsProxy?.close();
    await slack?.close();
    await teams?.close();
  });

  it('every fault kind was met by both platforms, many times', () => {
    for (const proxy of [slackProxy, teamsProxy]) {
      const byKind = groupBy(
        proxy.requests.filter((r) => r.fault),
        (r) => r.fault,
      );
      for (const k of FAULTS) expect(byKind.get(k)?.length ?? 0, `${k}`).toBeGreaterThanOrEqual(3);
    }
    console.log(
      `drained ${all.length} rows in ${drained.ms} ms (${drained.rounds} rounds, ${drained.retried} retries); ` +
        `faults: slack ${slackProxy.requests.filter((r) => r.fault).length}/${slackProxy.requests.length}, ` +
        `teams ${teamsProxy.requests.filter((r) => r.fault).length}/${teamsProxy.requests.length}`,
    );
  });

  it('R46: nothing lost: all 300 outbox rows sent (none failed, none unknown), each recorded once per platform', async () => {
    expect(drained.failed).toBe(0);
    expect(drained.unknown).toBe(0);
    expect(await outboxStatuses(store)).toEqual({ sent: all.length });
    // A card version claimed after a newer one existed is settled unsent (claimOutbox): recorded nowhere.
    const superseded = await count(store, 'outbox', `last_error = '${SUPERSEDED}'`);
    expect(await count(store, 'platform_messages')).toBe(2 * (all.length - superseded));
    expect(await count(store, 'platform_messages', `platform = 'slack'`)).toBe(all.length - superseded);
  });

  it('R46: Slack: every DM and channel post exactly once, every card exactly one message showing its newest version', () => {
    const keys = slack
      .allMessages()
      .filter((m) => m.metadata?.event_type === OUTBOX_EVENT)
      .map((m) => String(m.metadata?.event_payload.key));
    const byKey = groupBy(keys, (k) => k);
    const plain = all.filter((n) => !n.card);
    for (const n of plain) expect(byKey.get(n.key)?.length ?? 0, n.key).toBe(1);
    // Cards: one message per card key (whichever version was posted first), updated to the newest.
    const cardOfKey = new Map(all.filter((n) => n.card).map((n) => [n.key, n.card?.key ?? '']));
    const cardMessages = slack
      .allMessages()
      .filter((m) => cardOfKey.has(String(m.metadata?.event_payload.key)));
    const perCard = groupBy(cardMessages, (m) => cardOfKey.get(String(m.metadata?.event_payload.key)));
    expect(perCard.size).toBe(CHANNELS.length * CARDS_PER_CHANNEL);
    for (const [card, list] of perCard) {
      expect(list, card).toHaveLength(1);
      const [, channel, k] = String(card).split(':');
      expect(list[0]?.text).toBe(textOfCardVersion(String(channel), Number(k), VERSIONS));
    }
    expect(keys).toHaveLength(plain.length + CHANNELS.length * CARDS_PER_CHANNEL);
  });

  it('R46: Teams: no duplicate from 429, 500 or a reset before sending; exactly one more per POST handled whose answer was lost', () => {
    const lost = teamsProxy.requests.filter(
      (r) =>
        r.method === 'POST' && isTeamsActivity(r) && r.forwarded && r.upstreamStatus === 201 && !r.answered,
    );
    const lostByText = groupBy(lost, (r) => teamsText(JSON.parse(r.body) as Record<string, unknown>));
    const shown = groupBy(teams.sent, (s) => teamsText(s.body));
    // Plain messages: once, plus once per lost answer of theirs.
    let duplicates = 0;
    for (const n of all.filter((x) => !x.card)) {
      const extra = lostByText.get(n.text)?.length ?? 0;
      duplicates += extra;
      expect(shown.get(n.text)?.length ?? 0, n.key).toBe(1 + extra);
    }
    // Cards: each posted once, plus once per lost answer of a POST of any of its versions.
    const cardPosts = new Map<string, number>();
    const cardLost = new Map<string, number>();
    for (const n of all.filter((x) => x.card)) {
      const card = n.card?.key ?? '';
      cardPosts.set(card, (cardPosts.get(card) ?? 0) + (shown.get(n.text)?.length ?? 0));
      cardLost.set(card, (cardLost.get(card) ?? 0) + (lostByText.get(n.text)?.length ?? 0));
    }
    for (const [card, posts] of cardPosts) {
      duplicates += cardLost.get(card) ?? 0;
      expect(posts, card).toBe(1 + (cardLost.get(card) ?? 0));
    }
    // The newest write to each card's messages is its newest version (an older one never overwrites it).
    const writes = [...teams.sent, ...teams.updated].sort((x, y) => (x.at ?? 0) - (y.at ?? 0));
    for (const c of CHANNELS)
      for (let k = 1; k <= CARDS_PER_CHANNEL; k++) {
        const mine = writes.filter((w) => teamsText(w.body).startsWith(`card ${c.name} ${k} version`));
        expect(teamsText(mine.at(-1)?.body ?? {})).toBe(textOfCardVersion(c.name, k, VERSIONS));
      }
    // The 429s, 500s and resets before sending reached the connector never.
    const notHandled = teamsProxy.requests.filter(
      (r) => r.fault && ['429', '500', 'reset-before'].includes(r.fault),
    );
    expect(notHandled.every((r) => !r.forwarded)).toBe(true);
    // Bounded: each handled POST whose answer was lost shows exactly once more, and only those do.
    expect(duplicates).toBe(lost.length);
    expect(lost.length).toBeLessThanOrEqual(
      teamsProxy.requests.filter(
        (r) => r.method === 'POST' && (r.fault === 'slow' || r.fault === 'reset-after'),
      ).length,
    );
    const cards = CHANNELS.length * CARDS_PER_CHANNEL;
    expect(teams.sent).toHaveLength(all.filter((n) => !n.card).length + cards + duplicates);
    console.log(
      `Teams duplicates (lost answers to handled POSTs): ${duplicates} of ${lost.length} lost POST answers`,
    );
  });

  it('R46: the platform limits hold: at most 1 send per Slack channel and 7 per Teams conversation in any second', () => {
    const slackSends = slackProxy.requests.filter(isSlackSend);
    const slackRates = [...groupBy(slackSends, (r) => slackForm(r).get('channel') ?? '')].map(
      ([channel, list]) => [channel, maxPerSecond(list.map((r) => r.at))] as const,
    );
    expect(Math.max(...slackRates.map(([, n]) => n))).toBeLessThanOrEqual(1);
    // The fake's own count (forwarded sends only) and its own 429s: it never had to refuse one.
    expect(Math.max(...slack.perChannelPerSecond().values())).toBeLessThanOrEqual(1);
    expect(slack.calls.filter((c) => c.status === 429)).toHaveLength(0);
    const teamsSends = teamsProxy.requests.filter(isTeamsActivity);
    const teamsRates = [...groupBy(teamsSends, teamsConversation)].map(
      ([conversation, list]) => [conversation, maxPerSecond(list.map((r) => r.at))] as const,
    );
    expect(Math.max(...teamsRates.map(([, n]) => n))).toBeLessThanOrEqual(7);
    const busiestSlack = Math.max(
      ...CHANNELS.map((c) => slackSends.filter((r) => slackForm(r).get('channel') === c.slack).length),
    );
    const busiestTeams = Math.max(
      ...CHANNELS.map((c) => teamsSends.filter((r) => teamsConversation(r) === c.teams).length),
    );
    console.log(
      `max per second: slack ${Math.max(...slackRates.map(([, n]) => n))} (busiest channel ${busiestSlack} requests), ` +
        `teams ${Math.max(...teamsRates.map(([, n]) => n))} (busiest conversation ${busiestTeams} requests)`,
    );
  });
});
