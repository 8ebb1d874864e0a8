// QUALITY.md "Two replicas against one PostgreSQL": two bot processes (`src/main.ts`, as
// `npm start` runs it) on one throwaway PostgreSQL database, both running the scheduler and the
// outbox, Slack pointed at the fake Web API in this process (each replica with its own bot token, so
// the fake can tell who sent what). 10,000 due deadlines and 1,000 outbox messages are planted before
// they start; the replicas' first claims are held until both are up (a table lock), then released
// together. Every deadline must fire exactly once and every message go out exactly once, with both
// replicas having done part of each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStore } from '../../db/open.ts';
import { openStore } from '../../db/open.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { until } from '../start/spawn.ts';
import {
  ADMIN,
  PROPOSER,
  deadlineCounts,
  engineOf,
  firedLogged,
  healthy,
  holdTables,
  num,
  plantDeadlines,
  plantOutbox,
  postsByKey,
  recipients,
  registerChannels,
  running,
  startBot,
  stopBot,
  type Bot,
} from './support-replicas.ts';

const DEADLINES = 10_000;
const MODS = 2_000;
const DMS = 970;
const POSTS = 30;
const MESSAGES = DMS + POSTS;
const PEOPLE = 250;
type Meta = { event_payload?: { key?: unknown } } | undefined;

describe.skipIf(Boolean(pgUnreachable))('two replicas on one PostgreSQL', () => {
  let fake: FakeSlack;
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let store: OpenStore;
  let bots: Bot[] = [];
  let drainedMs = 0;
  /** Outbox rows written by the set-up's own commands (the raise), before the planted ones. */
  let before = 0;

  beforeAll(async () => {
    // The fake answers 429 above one post per channel per second, as Slack does: two replicas pace
    // each channel separately, so a 429 is possible and must cost nothing but a retry.
    fake = await startFakeSlack({ limitPerChannelPerSecond: 1 });
    db = await createPgDatabase();
    store = await openStore({ databaseUrl: db.url });
    const engine = engineOf(store);
    const now = new Date();
    await engine.importPeople([ADMIN, PROPOSER, ...recipients(PEOPLE)], { source: 'load', now });
    await registerChannels(engine, now);
    await plantDeadlines(store, {
      mods: MODS,
      due: DEADLINES,
      firstDue: new Date(now.getTime() - 3_600_000),
    });
    before = await num(store, 'select count(*) as n from outbox');
    await plantOutbox(store, { dms: DMS, posts: POSTS, people: PEOPLE, at: now });

    const gate = await holdTables(db.url, ['deadlines', 'outbox']);
    bots = await Promise.all(
      ['replica-a', 'replica-b'].map((name) =>
        startBot(name, { databaseUrl: db.url, fake, token: `xoxb-${name}`, wait: false }),
      ),
    );
    await Promise.all(bots.map((b) => healthy(b)));
    await new Promise((r) => setTimeout(r, 500)); // both are now blocked in their first claims
    const t0 = Date.now();
    await gate.release();
    await until(
      () => bots.every((b) => b.process.output().includes('SEC Change Bot running')),
      90_000,
      'both replicas to finish their start-up sweep',
    );
    await Promise.all(bots.map((b) => running(b)));
    // The outbox drains at the platform's pace: wait until nothing is left to send.
    const end = Date.now() + 90_000;
    while ((await num(store, `select count(*) as n from outbox where status <> 'sent'`)) > 0) {
      if (Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    drainedMs = Date.now() - t0;
  }, 170_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => stopBot(b)));
    await store?.close();
    await fake?.close();
    await db?.drop();
  });

  it(`R48 every one of ${DEADLINES} due deadlines fired exactly once across both replicas, each doing part`, async () => {
    const c = await deadlineCounts(store);
    expect(c).toEqual({ fired: DEADLINES, notFired: 0, events: DEADLINES, distinct: DEADLINES, twice: 0 });
    // Each replica logs how many it fired in its tick ("deadlines fired", { fired }).
    const byReplica = bots.map((b) => firedLogged(b));
    console.log(
      `deadlines fired per replica: ${byReplica.join(' + ')}; everything drained in ${drainedMs} ms`,
    );
    expect(byReplica.reduce((a, b) => a + b, 0)).toBe(DEADLINES);
    for (const n of byReplica) expect(n).toBeGreaterThan(0);
  });

  it('R48 R8 each fired deadline wrote one DeadlineFired and one ReminderSent, and nothing to the outbox', async () => {
    expect(await num(store, `select count(*) as n from events where type = 'ReminderSent'`)).toBe(DEADLINES);
    expect(await num(store, 'select count(*) as n from outbox')).toBe(before + MESSAGES);
  });

  it(`R48 R46 every one of ${MESSAGES} outbox messages was posted exactly once, by one replica or the other`, async () => {
    const sent = `select count(*) as n from outbox where status = 'sent' and key like 'load:%'`;
    expect(await num(store, sent)).toBe(MESSAGES);
    const posted = postsByKey(fake);
    const keys = [...posted.keys()];
    expect(keys.filter((k) => k.startsWith('load:dm:'))).toHaveLength(DMS);
    expect(keys.filter((k) => k.startsWith('load:post:'))).toHaveLength(POSTS);
    expect([...posted].filter(([, n]) => n !== 1)).toEqual([]);
    // The DMs went to the people's DM channels (one each), the posts to the three channels.
    const where = (prefix: string) =>
      new Set(
        fake
          .allMessages()
          .filter((m) => String(m.metadata?.event_payload.key).startsWith(prefix))
          .map((m) => m.channel),
      );
    const dmChannels = where('load:dm:');
    expect(dmChannels.size).toBe(PEOPLE);
    expect([...dmChannels].every((c) => c.startsWith('D'))).toBe(true);
    expect([...where('load:post:')].sort()).toEqual(['C0ANNOUNCE', 'C0BOARD', 'C0PANEL']);
    expect(
      await num(store, `select count(*) as n from platform_messages where outbox_key like 'load:%'`),
    ).toBe(MESSAGES);
    // Who posted: the token each successful chat.postMessage carried.
    const ok = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200);
    const load = ok.filter((c) => /^load:/.test(String((c.body.metadata as Meta)?.event_payload?.key)));
    const by = bots.map((b) => load.filter((c) => c.token === `xoxb-${b.name}`).length);
    const limited = fake.calls.filter((c) => c.status === 429).length;
    console.log(`messages posted per replica: ${by.join(' + ')}; 429 answers (retried): ${limited}`);
    expect(by.reduce((a, b) => a + b, 0)).toBe(MESSAGES);
    for (const n of by) expect(n).toBeGreaterThan(0);
  });

  it('R46 no message was left unknown or failed, and no replica logged an error', async () => {
    expect(await num(store, `select count(*) as n from outbox where status in ('unknown', 'failed')`)).toBe(
      0,
    );
    for (const b of bots) {
      const errors = b.process
        .output()
        .split('\n')
        .filter((l) => /"level":(50|60)/.test(l));
      expect(errors, b.name).toEqual([]);
    }
  });
});
