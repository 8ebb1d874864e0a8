// Fan-out (R46) through the real outbox loop and store: one outbox row reaches every
// connected platform exactly once, a retry on one platform never re-sends on another, a platform
// with no address for the audience is skipped, and a failure is reported to the admins.
import { beforeEach, expect, it } from 'vitest';
import { platformStore } from '../../db/platform-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { createEngine } from '../../src/app/engine.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Notification } from '../../src/app/notification.ts';
import type { PlatformDeliverer, PlatformResult } from '../../src/app/platform-port.ts';
import type { OutboxMessage } from '../../src/app/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const T0 = london('2026-12-01T10:00');
const plus = (ms: number) => new Date(T0.getTime() + ms);

class Platform implements PlatformDeliverer {
  readonly received: string[] = [];
  readonly calls: OutboxMessage[] = [];
  readonly platform: string;
  private readonly answer: (m: OutboxMessage, call: number) => PlatformResult | 'ok';
  constructor(
    platform: string,
    answer: (m: OutboxMessage, call: number) => PlatformResult | 'ok' = () => 'ok',
  ) {
    this.platform = platform;
    this.answer = answer;
  }
  async deliver(m: OutboxMessage): Promise<PlatformResult> {
    this.calls.push(m);
    const r = this.answer(m, this.calls.filter((c) => c.key === m.key).length);
    if (r !== 'ok') return r;
    this.received.push(m.key);
    return { status: 'sent', channel: `${this.platform}-chan`, ts: `${this.received.length}` };
  }
}

const note = (key: string, person?: string): Notification => ({
  key,
  to: person ? { kind: 'person', person } : { kind: 'channel', channel: 'change-board' },
  text: key,
  card: { key: `card:${key}`, title: key, fields: [], buttons: [] },
});

eachDatabase('fanOut', (h) => {
  const enqueue = (notes: Notification[]) =>
    h.store.transaction((tx) => tx.enqueue(notes.map((n) => ({ note: n, at: T0 }))));
  const outbox = (key: string) =>
    query<{ status: string; platform_ref: string | null; last_error: string | null }>(
      h.store,
      `select status, platform_ref, last_error from outbox where key = '${key}'`,
    ).then((r) => r[0]);

  beforeEach(async () => {
    await resetStore(h.store);
    await query(h.store, 'truncate platform_messages');
    await createEngine(h.store, { settings: DEFAULT_SETTINGS }).importPeople(PEOPLE, {
      source: 't',
      now: T0,
    });
  });

  it('R46: each platform receives the message exactly once though one platform retried', async () => {
    await enqueue([note('m1')]);
    const a = new Platform('a');
    const b = new Platform('b', (_m, call) =>
      call === 1 ? { status: 'retry', afterMs: 2000, error: 'busy' } : 'ok',
    );
    const fan = fanOut([a, b], platformStore(h.store.db), { now: () => T0 });
    expect(await deliverDue(h.store, [fan], T0)).toMatchObject({ retried: 1 });
    expect(await outbox('m1')).toMatchObject({ status: 'pending', last_error: 'b: busy' });
    expect(await deliverDue(h.store, [fan], plus(1999))).toMatchObject({ claimed: 0 });
    expect(await deliverDue(h.store, [fan], plus(2000))).toMatchObject({ sent: 1 });
    expect([a.received, b.received]).toEqual([['m1'], ['m1']]);
    expect(a.calls).toHaveLength(1);
    expect(await outbox('m1')).toMatchObject({ status: 'sent', platform_ref: 'b:b-chan/1' });
    const rows = await query(
      h.store,
      `select outbox_key, platform, channel, ts, card_key, audience from platform_messages order by platform`,
    );
    expect(rows).toEqual([
      {
        outbox_key: 'm1',
        platform: 'a',
        channel: 'a-chan',
        ts: '1',
        card_key: 'card:m1',
        audience: 'channel:change-board',
      },
      {
        outbox_key: 'm1',
        platform: 'b',
        channel: 'b-chan',
        ts: '1',
        card_key: 'card:m1',
        audience: 'channel:change-board',
      },
    ]);
    expect(await deliverDue(h.store, [fan], plus(60_000))).toMatchObject({ claimed: 0 });
  });

  it('R46: a platform with no address for the audience is skipped; the others deliver', async () => {
    await enqueue([note('dm', id('alice'))]);
    const slack = new Platform('slack', () => ({
      status: 'no-address',
      reason: 'alice has no linked Slack id',
    }));
    const teams = new Platform('teams');
    expect(await deliverDue(h.store, [fanOut([slack, teams], platformStore(h.store.db))], T0)).toMatchObject({
      sent: 1,
    });
    expect(teams.received).toEqual(['dm']);
    expect(await query(h.store, `select platform, audience from platform_messages`)).toEqual([
      { platform: 'teams', audience: `person:${id('alice')}` },
    ]);
  });

  it('R46: a message no platform can address is failed and reported to the admins', async () => {
    await enqueue([note('nowhere', id('bob'))]);
    const none = new Platform('slack', () => ({
      status: 'no-address',
      reason: 'bob has no linked Slack id',
    }));
    expect(await deliverDue(h.store, [fanOut([none], platformStore(h.store.db))], T0)).toMatchObject({
      failed: 1,
    });
    expect((await outbox('nowhere'))?.last_error).toBe(
      'no address on any platform (slack: bob has no linked Slack id)',
    );
    expect(await query(h.store, `select audience from outbox where key like 'outbox-failed:%'`)).toEqual([
      { audience: `person:${id('ada')}` },
    ]);
  });

  it('R46: a permanent failure on one platform fails the row, reported once; the other platform got it once', async () => {
    await enqueue([note('half')]);
    const good = new Platform('teams');
    const bad = new Platform('slack', () => ({ status: 'failed', error: 'channel_not_found' }));
    const fan = fanOut([good, bad], platformStore(h.store.db));
    expect(await deliverDue(h.store, [fan], T0)).toMatchObject({ failed: 1 });
    expect(await outbox('half')).toMatchObject({ status: 'failed', last_error: 'slack: channel_not_found' });
    const reports = await query<{ text: string }>(
      h.store,
      `select payload->>'text' as text from outbox where key like 'outbox-failed:%'`,
    );
    expect(reports.map((r) => r.text)).toEqual([
      'A message to channel:change-board could not be delivered (slack: channel_not_found): half',
    ]);
    expect(good.received).toEqual(['half']);
  });

  it('R46: a delivery that could not be recorded is retried, not left unknown', async () => {
    await enqueue([note('unrecorded')]);
    const real = platformStore(h.store.db);
    let failures = 1;
    const flaky = {
      ...real,
      recordSent: async (row: Parameters<typeof real.recordSent>[0]) => {
        if (failures-- > 0) throw new Error('database gone');
        await real.recordSent(row);
      },
    };
    const a = new Platform('a');
    const fan = fanOut([a], flaky);
    expect(await deliverDue(h.store, [fan], T0)).toMatchObject({ retried: 1 });
    expect(await outbox('unrecorded')).toMatchObject({
      status: 'pending',
      last_error: 'a: sent but not recorded (database gone)',
    });
    expect(await deliverDue(h.store, [fan], plus(1000))).toMatchObject({ sent: 1 });
    expect(await real.deliveredTo('unrecorded')).toEqual(new Set(['a']));
  });

  it('R46: a platform that throws leaves the row unknown; the platform done before is not resent', async () => {
    await enqueue([note('odd')]);
    const good = new Platform('a');
    const broken = new Platform('b', () => {
      throw new Error('bug');
    });
    expect(await deliverDue(h.store, [fanOut([good, broken], platformStore(h.store.db))], T0)).toMatchObject({
      unknown: 1,
    });
    expect(await outbox('odd')).toMatchObject({ status: 'unknown', last_error: 'b: bug' });
    expect(await platformStore(h.store.db).deliveredTo('odd')).toEqual(new Set(['a']));
  });
});
