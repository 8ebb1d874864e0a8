// The outbox delivery loop (R46) on both databases, against a recording Deliverer (a test double of
// a platform): each message sent once; retries wait for the back-off and the platform's
// Retry-After; a message that cannot be delivered is marked failed and reported to the admins; a
// send that threw is marked unknown, not blindly repeated.
import { beforeEach, expect, it } from 'vitest';
import { backoffMs, deliverDue } from '../../src/app/delivery.ts';
import { createEngine } from '../../src/app/engine.ts';
import type { Notification } from '../../src/app/notification.ts';
import type { Deliverer, DeliveryResult, OutboxMessage } from '../../src/app/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { count, eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const T0 = london('2026-12-01T10:00');
const plus = (ms: number) => new Date(T0.getTime() + ms);

class Recorder implements Deliverer {
  readonly platform = 'test';
  readonly calls: OutboxMessage[] = [];
  private readonly answer: (m: OutboxMessage) => DeliveryResult;
  constructor(answer: (m: OutboxMessage) => DeliveryResult = () => ({ status: 'sent' })) {
    this.answer = answer;
  }
  async deliver(m: OutboxMessage): Promise<DeliveryResult> {
    this.calls.push(m);
    return this.answer(m);
  }
}

const note = (key: string, text = key): Notification => ({
  key,
  to: { kind: 'channel', channel: 'change-board' },
  text,
  card: { key: `card:${key}`, title: text, fields: [{ label: 'Ref', value: 'DP001' }], buttons: [] },
});

eachDatabase('deliverDue', (h) => {
  const enqueue = (notes: Notification[], at = T0) =>
    h.store.transaction((tx) => tx.enqueue(notes.map((n) => ({ note: n, at }))));
  const status = async (key: string) =>
    (await query<{ status: string }>(h.store, `select status from outbox where key = '${key}'`))[0]?.status;

  beforeEach(async () => {
    await resetStore(h.store);
    await createEngine(h.store, { settings: DEFAULT_SETTINGS }).importPeople(PEOPLE, {
      source: 't',
      now: T0,
    });
  });

  it('R46: each due message is delivered once, in order, with its card; a key is enqueued once', async () => {
    await enqueue([note('a'), note('b')]);
    await enqueue([note('a', 'again'), note('c')], plus(1));
    expect(await count(h.store, 'outbox')).toBe(3);
    const rec = new Recorder((m) => ({ status: 'sent', platformRef: `ts-${m.key}` }));
    expect(await deliverDue(h.store, [rec], plus(5))).toMatchObject({ claimed: 3, sent: 3 });
    expect(rec.calls.map((m) => [m.key, m.text, m.attempts])).toEqual([
      ['a', 'a', 1],
      ['b', 'b', 1],
      ['c', 'c', 1],
    ]);
    expect(rec.calls[0]?.card?.fields).toEqual([{ label: 'Ref', value: 'DP001' }]);
    expect(await deliverDue(h.store, [rec], plus(10))).toMatchObject({ claimed: 0 });
    expect(rec.calls).toHaveLength(3);
    const [row] = await query<{ status: string; platform_ref: string }>(
      h.store,
      `select status, platform_ref from outbox where key = 'a'`,
    );
    expect(row).toEqual({ status: 'sent', platform_ref: 'ts-a' });
  });

  it('R46: a retry waits for the back-off and the platform Retry-After, then is sent', async () => {
    await enqueue([note('slow')]);
    let first = true;
    const rec = new Recorder(() => {
      if (!first) return { status: 'sent' };
      first = false;
      return { status: 'retry', afterMs: 30_000, error: '429 rate limited' };
    });
    expect(await deliverDue(h.store, [rec], T0)).toMatchObject({ retried: 1 });
    expect(await status('slow')).toBe('pending');
    expect(await deliverDue(h.store, [rec], plus(29_999))).toMatchObject({ claimed: 0 });
    expect(await deliverDue(h.store, [rec], plus(30_000))).toMatchObject({ sent: 1 });
    expect(rec.calls.map((m) => m.attempts)).toEqual([1, 2]);
    expect(backoffMs(1)).toBe(1000);
    expect(backoffMs(4)).toBe(8000);
    expect(backoffMs(40)).toBe(3_600_000);
  });

  it('R46: after the retry budget a message is failed and reported to the admins, once', async () => {
    await enqueue([note('doomed')]);
    const rec = new Recorder((m) =>
      m.key === 'doomed' ? { status: 'retry', afterMs: 0, error: '500 server error' } : { status: 'sent' },
    );
    let t = T0.getTime();
    for (let i = 0; i < 3; i++) {
      await deliverDue(h.store, [rec], new Date(t), { maxAttempts: 3, baseBackoffMs: 10 });
      t += 60_000;
    }
    expect(await status('doomed')).toBe('failed');
    const reports = await query<{ key: string; audience: string; text: string }>(
      h.store,
      `select key, audience, payload->>'text' as text from outbox where key like 'outbox-failed:%'`,
    );
    expect(reports.map((r) => r.audience)).toEqual([`person:${id('ada')}`]);
    expect(reports[0]?.text).toContain('gave up after 3 attempts: 500 server error');
    expect(await deliverDue(h.store, [rec], new Date(t))).toMatchObject({ sent: 1 });
    expect(rec.calls.filter((m) => m.key === 'doomed')).toHaveLength(3);
  });

  it('R46: a send that throws is marked unknown, not repeated, and the admins are told', async () => {
    await enqueue([note('lost')]);
    const rec = new Recorder(() => {
      throw new Error('socket hang up');
    });
    expect(await deliverDue(h.store, [rec], T0)).toMatchObject({ unknown: 1 });
    expect(await status('lost')).toBe('unknown');
    const sent = new Recorder();
    await deliverDue(h.store, [sent], plus(3_600_000));
    expect(sent.calls.map((m) => m.key)).toEqual([`outbox-failed:1:${id('ada')}`]);
    expect(sent.calls[0]?.text).toContain('outcome unknown: socket hang up');
  });

  it('R46: a message claimed by a process that died mid-send is sent after the lease, once', async () => {
    await enqueue([note('orphan')]);
    expect(await h.store.claimOutbox(T0, 10)).toHaveLength(1); // claimed, then the process dies
    expect(await status('orphan')).toBe('sending');
    const rec = new Recorder();
    // Still within the lease (database clock): another worker leaves it alone.
    expect(await deliverDue(h.store, [rec], plus(3_600_000))).toMatchObject({ claimed: 0 });
    await query(
      h.store,
      `update outbox set claimed_at = claimed_at - interval '301 seconds' where key = 'orphan'`,
    );
    expect(await deliverDue(h.store, [rec], plus(3_600_000))).toMatchObject({ claimed: 1, sent: 1 });
    expect(rec.calls.map((m) => [m.key, m.attempts])).toEqual([['orphan', 2]]);
    expect(await deliverDue(h.store, [rec], plus(7_200_000))).toMatchObject({ claimed: 0 });
  });
});
