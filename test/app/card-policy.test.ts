// The card policy (R46), written once in src/app/fanout.ts for every platform: the newest version of
// a card wins, it is updated in place where it was shown before (posted anew when the platform lost
// it), each send is recorded exactly once, and an address the database cannot read is retried. The
// platform is a recording sender speaking the primitives (find, post, update); the store is real.
import { beforeEach, expect, it } from 'vitest';
import { platformStore } from '../../db/platform-store.ts';
import { createEngine } from '../../src/app/engine.ts';
import { cardPolicy, fanOut } from '../../src/app/fanout.ts';
import type { Notification } from '../../src/app/notification.ts';
import type { PlatformPort, PlatformSender, SendResult } from '../../src/app/platform-port.ts';
import type { OutboxMessage } from '../../src/app/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const T0 = london('2026-12-01T10:00');

/** A platform that keeps its messages in memory; `lost` makes it forget a message (update → gone). */
class Recorder implements PlatformSender<{ conversation: string }> {
  readonly platform = 'fake';
  readonly label = 'Fake';
  readonly calls: string[] = [];
  readonly shown = new Map<string, string>();
  readonly lost = new Set<string>();
  private next = 0;
  readonly pace = {
    run: async <R>(_c: string, send: () => Promise<R>, used?: (r: R) => boolean) => {
      const r = await send();
      this.calls.push(used === undefined || used(r) ? 'slot used' : 'slot free');
      return r;
    },
  };
  async find(to: { kind: 'channel' | 'user'; id: string }) {
    return { conversation: to.kind === 'channel' ? to.id : `dm-${to.id}` };
  }
  async post(m: OutboxMessage, to: { conversation: string }): Promise<SendResult> {
    const ts = `${++this.next}`;
    this.calls.push(`post ${m.key}`);
    this.shown.set(ts, m.text);
    return { status: 'sent', channel: to.conversation, ts };
  }
  async update(m: OutboxMessage, at: { channel: string; ts: string }): Promise<SendResult | 'gone'> {
    if (this.lost.has(at.ts)) return 'gone';
    this.calls.push(`update ${m.key}`);
    this.shown.set(at.ts, m.text);
    return { status: 'sent', channel: at.channel, ts: at.ts };
  }
}

const version = (key: string, text: string): Notification => ({
  key,
  to: { kind: 'channel', channel: 'change-board' },
  text,
  card: { key: 'ballot:1:b1', title: text, fields: [], buttons: [] },
});

eachDatabase('card policy', (h) => {
  let port: PlatformPort;
  let records: string[];

  beforeEach(async () => {
    await resetStore(h.store);
    await query(h.store, 'truncate platform_messages');
    const engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(PEOPLE, { source: 't', now: T0 });
    await engine.execute(
      {
        command: { type: 'admin-channel', channel: 'change-board', platform: 'fake', channelId: 'C1' },
        actor: id('ada'),
        platform: 'cli',
      },
      T0,
    );
    const real = platformStore(h.store.db);
    records = [];
    port = {
      ...real,
      recordSent: async (row) => {
        records.push(`${row.outboxKey} ${row.channel}/${row.ts}`);
        await real.recordSent(row);
      },
    };
  });

  /** Writes the versions to the outbox and returns them as the delivery loop would see them. */
  async function outbox(...notes: Notification[]): Promise<OutboxMessage[]> {
    await h.store.transaction((tx) => tx.enqueue(notes.map((note) => ({ note, at: T0 }))));
    const rows = await query<{ id: number; key: string }>(h.store, 'select id, key from outbox order by id');
    return notes.map((n) => ({
      ...n,
      id: Number(rows.find((r) => r.key === n.key)?.id),
      attempts: 1,
      createdAt: T0,
    }));
  }

  it('R46: the next version of a card updates the message in place; each send is recorded once', async () => {
    const [v1, v2] = await outbox(version('v1', '1 of 5 voted'), version('v2', '2 of 5 voted'));
    const fake = new Recorder();
    const fan = fanOut([cardPolicy(fake, port)], port);
    expect(await fan.deliver(v1 as OutboxMessage)).toMatchObject({
      status: 'sent',
      platformRef: 'fake:C1/1',
    });
    expect(await fan.deliver(v2 as OutboxMessage)).toMatchObject({
      status: 'sent',
      platformRef: 'fake:C1/1',
    });
    expect(fake.calls).toEqual(['post v1', 'slot used', 'update v2', 'slot used']);
    expect([...fake.shown.values()]).toEqual(['2 of 5 voted']);
    expect(records).toEqual(['v1 C1/1', 'v2 C1/1']);
  });

  it('R46: an older version arriving late is superseded: nothing is sent, the slot stays free, recorded once', async () => {
    const [v1, v2] = await outbox(version('v1', '1 of 5 voted'), version('v2', '2 of 5 voted'));
    const fake = new Recorder();
    const deliverer = cardPolicy(fake, port);
    expect(await deliverer.deliver(v2 as OutboxMessage)).toMatchObject({ status: 'sent', recorded: true });
    expect(await deliverer.deliver(v1 as OutboxMessage)).toMatchObject({
      status: 'sent',
      channel: 'C1',
      ts: '1',
      recorded: true,
    });
    expect(fake.calls).toEqual(['post v2', 'slot used', 'slot free']);
    expect([...fake.shown.values()]).toEqual(['2 of 5 voted']);
    expect(records).toEqual(['v2 C1/1', 'v1 C1/1']);
  });

  it('R46: a message the platform no longer has is posted anew rather than lost', async () => {
    const [v1, v2] = await outbox(version('v1', 'first'), version('v2', 'second'));
    const fake = new Recorder();
    const deliverer = cardPolicy(fake, port);
    await deliverer.deliver(v1 as OutboxMessage);
    fake.lost.add('1');
    expect(await deliverer.deliver(v2 as OutboxMessage)).toMatchObject({ status: 'sent', ts: '2' });
    expect(fake.calls.filter((c) => c !== 'slot used')).toEqual(['post v1', 'post v2']);
  });

  it('R46: an audience with no address on the platform is named; a database fault reading it is retried', async () => {
    const fake = new Recorder();
    const [dm] = await outbox({ key: 'dm', to: { kind: 'person', person: id('bob') }, text: 'hi' });
    expect(await cardPolicy(fake, port).deliver(dm as OutboxMessage)).toEqual({
      status: 'no-address',
      reason: `${id('bob')} has no linked Fake id`,
    });
    const broken: PlatformPort = {
      ...port,
      channelId: () => Promise.reject(new Error('connection reset')),
    };
    const [note] = await outbox(version('v9', 'nine'));
    expect(await cardPolicy(fake, broken).deliver(note as OutboxMessage)).toEqual({
      status: 'retry',
      afterMs: 0,
      error: 'cannot read the address: connection reset',
    });
    expect(fake.calls).toEqual([]);
  });

  it('R46: a record that fails after the send is retried as "sent but not recorded", never written twice', async () => {
    const [v1] = await outbox(version('v1', 'first'));
    const fake = new Recorder();
    const failing: PlatformPort = { ...port, recordSent: () => Promise.reject(new Error('database gone')) };
    const fan = fanOut([cardPolicy(fake, failing)], failing);
    expect(await fan.deliver(v1 as OutboxMessage)).toEqual({
      status: 'retry',
      afterMs: 0,
      error: 'fake: sent but not recorded (database gone)',
    });
    expect(records).toEqual([]);
  });
});
