// Slack delivery of the outbox (R46, QUALITY.md P6 and platform faults) through the real
// outbox loop, store and WebClient against the fake Web API: channel posts, DMs, cards updated in
// place, pacing at 1/s per channel, 429 / 500 / timeouts / resets retried or reconciled so that
// every message is posted exactly once, and a permanent failure reported to the admins.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveryClient, OUTBOX_EVENT, slackDeliverer } from '../../adapters/slack/notifier.ts';
import { Pacer } from '../../adapters/pacer.ts';
import { SUPERSEDED } from '../../db/outbox-store.ts';
import { platformStore } from '../../db/platform-store.ts';
import type { OpenStore } from '../../db/open.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import type { PersonInput } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { ChannelName, Notification } from '../../src/app/notification.ts';
import type { Deliverer, OutboxMessage } from '../../src/app/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { databasesForThisFile, eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id } from '../support/directory.ts';
import type { FakeSlack } from '../support/fake-slack.ts';
import { startFakeSlack } from '../support/fake-slack.ts';

const TOKEN = 'xoxb-notifier-test';
let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack({ token: TOKEN });
});
afterAll(() => fake.close());

/** Everyone in PEOPLE has a Slack id (U100…) except bob. */
const WITH_SLACK: PersonInput[] = PEOPLE.map((p, i) =>
  p.handle === 'bob' ? p : { ...p, slack: `U${100 + i}` },
);
const slackIdOf = (handle: string) => WITH_SLACK.find((p) => p.handle === handle)?.slack;

async function setUp(
  store: OpenStore,
  people: PersonInput[],
  channels: Partial<Record<ChannelName, string>>,
) {
  await resetStore(store);
  await query(store, 'truncate platform_messages');
  const engine = createEngine(store, { settings: DEFAULT_SETTINGS });
  await engine.importPeople(people, { source: 't', now: new Date() });
  for (const [channel, channelId] of Object.entries(channels)) {
    const command = {
      type: 'admin-channel' as const,
      channel: channel as ChannelName,
      platform: 'slack',
      channelId,
    };
    const out = await engine.execute({ command, actor: id('ada'), platform: 'cli' }, new Date());
    expect(out.ok).toBe(true);
  }
}

/**
 * The fault tests pace at 50 ms to stay fast; the drain test uses the real 1 s. The client's timeout
 * is Slack's own 10 s except in the tests about a timeout, which give it SHORT_TIMEOUT_MS and hold
 * the fake's answer back far longer (SLOW_ANSWER_MS). A 300 ms timeout for every test made calls on
 * a loaded machine time out where the test expected an answer (a 500 read as "outcome unknown:
 * timeout", a reconciliation that never came back).
 */
function slackFan(store: OpenStore, { timeoutMs = 10_000, intervalMs = 50 } = {}): Deliverer {
  const client = deliveryClient(TOKEN, { apiUrl: fake.url, timeoutMs });
  const pacer = new Pacer({ intervalMs });
  return fanOut([slackDeliverer({ client, port: platformStore(store.db), pacer })], platformStore(store.db));
}

const SHORT_TIMEOUT_MS = 1000;
const SLOW_ANSWER_MS = 5000;

const toChannel = (key: string, text = key, card?: string): Notification => ({
  key,
  to: { kind: 'channel', channel: 'change-board' },
  text,
  ...(card ? { card: { key: card, title: text, fields: [], buttons: [] } } : {}),
});
const toPerson = (key: string, person: string, card?: string): Notification => ({
  key,
  to: { kind: 'person', person },
  text: key,
  ...(card ? { card: { key: card, title: key, fields: [], buttons: [] } } : {}),
});

/** Every fake message carrying this outbox key (exactly one means: posted once). */
const posted = (key: string) =>
  fake
    .allMessages()
    .filter((m) => m.metadata?.event_type === OUTBOX_EVENT && m.metadata.event_payload.key === key);
const callsOf = (method: string, since: number) => fake.calls.slice(since).filter((c) => c.method === method);

eachDatabase('Slack delivery', (h) => {
  let T = new Date();
  const at = (ms: number) => new Date(T.getTime() + ms);
  const enqueue = (notes: Notification[]) =>
    h.store.transaction((tx) => tx.enqueue(notes.map((n) => ({ note: n, at: T }))));
  const row = (key: string) =>
    query<{ status: string; platform_ref: string | null; last_error: string | null }>(
      h.store,
      `select status, platform_ref, last_error from outbox where key = '${key}'`,
    ).then((r) => r[0]);
  let fan: Deliverer;

  beforeEach(async () => {
    fake.reset();
    await setUp(h.store, WITH_SLACK, { 'change-board': 'C0CB', announcements: 'C0ANN' });
    fan = slackFan(h.store);
    T = new Date();
  });

  it('R46 R44: a channel message is posted to the registered channel once, as text, with its outbox key', async () => {
    await enqueue([toChannel('cb-1', 'DP001 raised by <!channel> & <@U1>')]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ sent: 1 });
    const [m] = posted('cb-1');
    expect(m).toMatchObject({ channel: 'C0CB', text: 'DP001 raised by &lt;!channel&gt; &amp; &lt;@U1&gt;' });
    expect(m?.metadata).toEqual({ event_type: OUTBOX_EVENT, event_payload: { key: 'cb-1' } });
    expect(await row('cb-1')).toMatchObject({ status: 'sent', platform_ref: `slack:C0CB/${m?.ts}` });
  });

  it('R46: a DM goes through conversations.open to the person linked Slack id', async () => {
    const since = fake.calls.length;
    await enqueue([toPerson('dm-1', id('alice')), toPerson('dm-2', id('alice'))]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ sent: 2 });
    expect(callsOf('conversations.open', since).map((c) => c.body.users)).toEqual([slackIdOf('alice')]);
    const [a, b] = [posted('dm-1')[0], posted('dm-2')[0]];
    expect(a?.channel).toMatch(/^D/);
    expect(b?.channel).toBe(a?.channel);
  });

  it('R46: a card posted before to the same audience is updated in place, in a channel and in a DM', async () => {
    await enqueue([
      toChannel('ballot-v1', '1 of 5 voted', 'ballot:7'),
      toPerson('dm-v1', id('cb1'), 'slots:3'),
    ]);
    await deliverDue(h.store, [fan], T);
    await enqueue([
      toChannel('ballot-v2', '2 of 5 voted', 'ballot:7'),
      toPerson('dm-v2', id('cb1'), 'slots:3'),
    ]);
    const since = fake.calls.length;
    expect(await deliverDue(h.store, [fan], at(1))).toMatchObject({ sent: 2 });
    expect(callsOf('chat.postMessage', since)).toHaveLength(0);
    expect(callsOf('chat.update', since)).toHaveLength(2);
    expect(fake.messages.get('C0CB')).toMatchObject([
      { text: '2 of 5 voted', edits: 1, blocks: [{ type: 'header', text: { text: '2 of 5 voted' } }] },
    ]);
    const [dm] = posted('dm-v1');
    expect(fake.messages.get(dm?.channel ?? '')).toMatchObject([{ text: 'dm-v2', edits: 1 }]);
    // The message was deleted in Slack: the next version is posted anew, then updated from there.
    fake.messages.set('C0CB', []);
    await enqueue([toChannel('ballot-v3', 'closed', 'ballot:7')]);
    expect(await deliverDue(h.store, [fan], at(2))).toMatchObject({ sent: 1 });
    expect(fake.messages.get('C0CB')).toMatchObject([{ text: 'closed', edits: 0 }]);
  });

  it('R46: a late older version of a card never overwrites a newer one (retried, or concurrent)', async () => {
    fake.setFault('chat.postMessage', { status: 500 });
    await enqueue([toChannel('old', 'v1', 'ballot:9'), toChannel('new', 'v2', 'ballot:9')]);
    // Only a card's newest version is claimed, and the older one is settled unsent (superseded);
    // v2 fails and is retried after its back-off.
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ claimed: 1, retried: 1 });
    expect(await row('old')).toMatchObject({ status: 'sent', last_error: SUPERSEDED });
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ claimed: 0 });
    expect(await deliverDue(h.store, [fan], at(5000))).toMatchObject({ claimed: 1, sent: 1 });
    expect(fake.messages.get('C0CB')).toMatchObject([{ text: 'v2', edits: 0 }]);
    // Two workers (or two replicas) claiming at once never hold two versions of one card (R48): one
    // claim gets the newest, the other nothing, and the older version is settled unsent.
    await enqueue([toChannel('race-1', 'w1', 'ballot:10'), toChannel('race-2', 'w2', 'ballot:10')]);
    const [first, second] = await Promise.all([
      h.store.claimOutbox(at(6000), 10),
      h.store.claimOutbox(at(6000), 10),
    ]);
    expect([first?.length, second?.length].sort()).toEqual([0, 1]);
    const claimed = [...(first ?? []), ...(second ?? [])];
    expect(claimed.map((m) => m.key)).toEqual(['race-2']);
    expect(await row('race-1')).toMatchObject({ status: 'sent', last_error: SUPERSEDED });
    expect(await h.store.claimOutbox(at(6000), 10)).toEqual([]);
    expect(await fan.deliver(claimed[0] as OutboxMessage)).toMatchObject({ status: 'sent' });
    await h.store.settleOutbox([{ id: claimed[0]?.id ?? 0, status: 'sent', at: at(6000) }]);
    expect(await deliverDue(h.store, [fan], at(6000))).toMatchObject({ claimed: 0 });
    expect(fake.messages.get('C0CB')).toMatchObject([
      { text: 'v2', edits: 0 },
      { text: 'w2', edits: 0 },
    ]);
  });

  it('R46: 25 waiting versions of one card never fill a claim: the newest is claimed, the rest superseded', async () => {
    const versions = Array.from({ length: 25 }, (_, i) => toChannel(`many-${i}`, `t${i}`, 'ballot:11'));
    await enqueue(versions);
    const claimed = await h.store.claimOutbox(at(7000), 5);
    expect(claimed.map((m) => m.key)).toEqual(['many-24']);
    expect(await row('many-0')).toMatchObject({ status: 'sent', last_error: SUPERSEDED });
    expect(await row('many-23')).toMatchObject({ status: 'sent', last_error: SUPERSEDED });
  });

  it('R46: a 429 is retried no sooner than Retry-After, on the outbox clock and the channel pacer', async () => {
    // The back-off is 100 ms here, so the 1 s wait can only come from Retry-After.
    const fast = { baseBackoffMs: 100 };
    fake.setFault('chat.postMessage', { status: 429, retryAfter: 1 });
    await enqueue([toChannel('limited')]);
    expect(await deliverDue(h.store, [fan], T, fast)).toMatchObject({ retried: 1 });
    expect(await row('limited')).toMatchObject({
      status: 'pending',
      last_error: 'slack: 429 rate limited, Retry-After 1 s',
    });
    expect(await deliverDue(h.store, [fan], at(999), fast)).toMatchObject({ claimed: 0 });
    expect(await deliverDue(h.store, [fan], at(1000), fast)).toMatchObject({ sent: 1 });
    const [first, second] = callsOf('chat.postMessage', 0);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
    // A 429 certainly posted nothing: no reconciliation call was needed.
    expect(callsOf('conversations.history', 0)).toHaveLength(0);
    expect(posted('limited')).toHaveLength(1);
  });

  it('R46: a 500 is retried with back-off after checking it was not posted; posted once', async () => {
    fake.setFault('chat.postMessage', { status: 500 });
    const since = fake.calls.length;
    await enqueue([toChannel('flaky')]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ retried: 1 });
    expect(await row('flaky')).toMatchObject({
      status: 'pending',
      last_error: 'slack: outcome unknown: HTTP 500',
    });
    expect(await deliverDue(h.store, [fan], at(4999))).toMatchObject({ claimed: 0 });
    expect(await deliverDue(h.store, [fan], at(5000))).toMatchObject({ sent: 1 });
    expect(callsOf('chat.postMessage', since)).toHaveLength(2);
    expect(callsOf('conversations.history', since).length).toBeGreaterThanOrEqual(1);
    expect(posted('flaky')).toHaveLength(1);
  });

  it('R46: an answer slower than the client timeout is reconciled from history, not posted again', async () => {
    fan = slackFan(h.store, { timeoutMs: SHORT_TIMEOUT_MS });
    fake.setFault('chat.postMessage', { delayMs: SLOW_ANSWER_MS });
    const since = fake.calls.length;
    await enqueue([toChannel('slow')]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ sent: 1 });
    expect(callsOf('chat.postMessage', since)).toHaveLength(1);
    expect(posted('slow')).toHaveLength(1);
    expect(await row('slow')).toMatchObject({
      status: 'sent',
      platform_ref: `slack:C0CB/${posted('slow')[0]?.ts}`,
    });
  });

  it('R46: a timeout whose reconciliation also fails is reconciled on the next attempt, posted once', async () => {
    fan = slackFan(h.store, { timeoutMs: SHORT_TIMEOUT_MS });
    fake.setFault('chat.postMessage', { delayMs: SLOW_ANSWER_MS });
    fake.setFault('conversations.history', { status: 500 });
    const since = fake.calls.length;
    await enqueue([toPerson('slow-dm', id('cb2'))]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ retried: 1 });
    expect(await row('slow-dm')).toMatchObject({
      status: 'pending',
      last_error: 'slack: outcome unknown: timeout',
    });
    expect(await deliverDue(h.store, [fan], at(5000))).toMatchObject({ sent: 1 });
    expect(callsOf('chat.postMessage', since)).toHaveLength(1);
    expect(posted('slow-dm')).toHaveLength(1);
  });

  it('R46: a connection reset after Slack posted is reconciled, posted once', async () => {
    fake.setFault('chat.postMessage', 'reset');
    await enqueue([toChannel('reset')]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ sent: 1 });
    expect(posted('reset')).toHaveLength(1);
  });

  it('R46: channel_not_found is a permanent failure, reported to the admins, who get it by DM', async () => {
    await setUp(h.store, WITH_SLACK, { 'change-board': 'C_GONE' });
    await enqueue([toChannel('lost')]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ failed: 1 });
    expect(await row('lost')).toMatchObject({ status: 'failed', last_error: 'slack: channel_not_found' });
    const reports = await query<{ key: string; audience: string }>(
      h.store,
      `select key, audience from outbox where key like 'outbox-failed:%'`,
    );
    expect(reports.map((r) => r.audience)).toEqual([`person:${id('ada')}`]);
    expect(await deliverDue(h.store, [fan], at(1))).toMatchObject({ sent: 1 });
    expect(posted(reports[0]?.key ?? '')[0]?.text).toContain(
      'could not be delivered (slack: channel_not_found)',
    );
  });
});

// P6 at test volume (the full volume is bench/outbox-drain.ts): on one database, PostgreSQL when
// reachable, with concurrent outbox workers as replicas would run them.
const [drainTarget] = databasesForThisFile().slice(-1);
describe(`R46 P6: outbox drain at the Slack rate limit on ${drainTarget?.name}`, () => {
  it('R46: 20 channel messages on 2 channels and 200 DMs: none lost, none twice, never above 1/s per channel', async () => {
    const store = await drainTarget!.store();
    fake.reset();
    const people: PersonInput[] = Array.from({ length: 200 }, (_, i) => ({
      email: `p${i}@example.org`,
      name: `P${i}`,
      roles: ['party'],
      slack: `U9${String(i).padStart(4, '0')}`,
    }));
    await setUp(store, [...WITH_SLACK, ...people], { 'change-board': 'C1CB', announcements: 'C1ANN' });
    const notes = [
      ...Array.from({ length: 20 }, (_, i): Notification => ({
        key: `ch-${i}`,
        to: { kind: 'channel', channel: i % 2 ? 'announcements' : 'change-board' },
        text: `channel ${i}`,
      })),
      ...people.map((p, i) => toPerson(`dm-${i}`, p.email)),
    ];
    const T = new Date();
    await store.transaction((tx) => tx.enqueue(notes.map((note) => ({ note, at: T }))));
    const fanned = slackFan(store, { timeoutMs: 5000, intervalMs: 1000 });
    let round = 0;
    const worker = async () => {
      for (;;) {
        const r = await deliverDue(store, [fanned], new Date(T.getTime() + ++round * 60_000), { limit: 5 });
        if (r.claimed === 0) return;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const fresh = fake.allMessages();
    const keys = fresh.map((m) => String(m.metadata?.event_payload.key));
    expect(keys).toHaveLength(220);
    expect(new Set(keys)).toEqual(new Set(notes.map((n) => n.key)));
    const rate = fake.perChannelPerSecond();
    expect([rate.get('C1CB'), rate.get('C1ANN'), Math.max(...rate.values())]).toEqual([1, 1, 1]);
    expect(await query(store, `select status, count(*)::int as n from outbox group by status`)).toEqual([
      { status: 'sent', n: 220 },
    ]);
  });
});
