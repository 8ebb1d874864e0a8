// Concurrency on a real PostgreSQL (PGlite is one session, so these belong here):
// concurrent votes on one ballot, a delivery storm, two scheduler replicas over 10,000 due
// deadlines, concurrent raises, and two replicas migrating a fresh database at once.
import { readMigrations } from '../../db/migrate.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, PersonInput } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { auditVerify } from '../../src/app/hash.ts';
import type { Deliverer, Envelope } from '../../src/app/ports.ts';
import { tallyAll } from '../../src/domain/ballots.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import type { OpenStore } from '../../db/open.ts';
import { openStore } from '../../db/open.ts';
import {
  POSTGRES,
  count,
  createPgDatabase,
  databasesForThisFile,
  pgUnreachable,
  query,
  resetStore,
} from '../support/databases.ts';
import { london } from '../support/directory.ts';

databasesForThisFile();
const T0 = london('2026-12-01T10:00');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const member = (i: number) => `m${i}@example.org`;

describe.skipIf(pgUnreachable !== undefined)('concurrency on PostgreSQL', () => {
  let store: OpenStore;
  let engine: Engine;
  const vote = (i: number, option: string, deliveryId?: string): Envelope => ({
    command: { type: 'vote', ref: 1, option },
    actor: member(i),
    platform: 'slack',
    ...(deliveryId ? { deliveryId } : {}),
  });

  beforeAll(async () => {
    store = await POSTGRES.store();
    await resetStore(store);
    engine = createEngine(store, { settings: DEFAULT_SETTINGS });
    const people: PersonInput[] = [
      { email: 'alice@example.org', name: 'Alice', roles: ['party'] },
      { email: 'chair@example.org', name: 'Chair', roles: ['panel_chair'] },
      ...Array.from({ length: 50 }, (_, i) => ({
        email: member(i),
        name: `Member ${i}`,
        roles: ['panel' as const],
      })),
    ];
    await engine.importPeople(people, { source: 'test', now: T0 });
    const raised = await engine.execute(
      {
        command: { type: 'raise', title: 'Typo', problem: 'A typo', fastTrack: true },
        actor: 'alice@example.org',
        platform: 'slack',
      },
      T0,
    );
    expect(raised.ok).toBe(true);
    const ballot = await engine.execute(
      { command: { type: 'panel-fasttrack', ref: 1 }, actor: 'chair@example.org', platform: 'slack' },
      at(1),
    );
    expect(ballot, ballot.reply).toMatchObject({ ok: true });
  }, 60_000);

  it('R36: 50 members vote at once on one ballot: 50 vote rows, 50 events in order, the exact tally', async () => {
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => engine.execute(vote(i, i < 30 ? 'approve' : 'reject'), at(10))),
    );
    console.log(`50 concurrent votes on one ballot: ${Date.now() - started} ms`);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(50);
    expect(await count(store, 'votes', 'stream = 1')).toBe(50);
    expect(await count(store, 'events', `type = 'VoteCast'`)).toBe(50);
    const [m] = await engine.modifications();
    const b = m?.ballots.find((x) => x.kind === 'fasttrack');
    const t = b ? tallyAll(b)[0] : undefined;
    expect(t).toMatchObject({ for: 30, against: 20, voted: 50, eligible: 51 });
    expect(await count(store, 'votes', `option = 'approve'`)).toBe(30);
    expect(await auditVerify(store)).toMatchObject({ ok: true });
  });

  it('R36: the same delivery 200 times at once is one vote and one event; every caller gets the first outcome', async () => {
    const before = await count(store, 'events');
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () => engine.execute(vote(7, 'reject', 'slack:storm-1'), at(20))),
    );
    console.log(`the same delivery 200 times at once: ${Date.now() - started} ms`);
    expect(await count(store, 'events')).toBe(before + 1);
    expect(await count(store, 'events', `delivery_id = 'slack:storm-1'`)).toBe(1);
    expect(await count(store, 'votes', `voter = '${member(7)}'`)).toBe(1);
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.reply)).size).toBe(1);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it('R4: concurrent raises get distinct, consecutive numbers', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        engine.execute(
          {
            command: { type: 'raise', title: `Raise ${i}`, problem: 'Concurrent', fastTrack: false },
            actor: 'alice@example.org',
            platform: 'teams',
          },
          at(30),
        ),
      ),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const numbers = (await engine.modifications()).map((m) => m.number);
    expect(numbers).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(await auditVerify(store)).toMatchObject({ ok: true });
  });

  it('deadlines are rows: two scheduler replicas over 10,000 due deadlines fire each exactly once', async () => {
    // 100 modifications with 100 reminders each (a modification's state grows with its deadlines).
    const first = (await engine.modifications()).length + 1;
    for (let i = 0; i < 100; i++) {
      const o = await engine.execute(
        {
          command: { type: 'raise', title: `Host ${i}`, problem: 'Holds deadlines', fastTrack: false },
          actor: 'alice@example.org',
          platform: 'cli',
        },
        at(40),
      );
      expect(o.ok).toBe(true);
    }
    await insertDueReminders(store, 10_000, first, 100);
    const other = await POSTGRES.another();
    const otherEngine = createEngine(other, { settings: DEFAULT_SETTINGS });
    const started = Date.now();
    const [a, b] = await Promise.all([engine.runDue(at(86_400)), otherEngine.runDue(at(86_400))]);
    const ms = Date.now() - started;
    console.log(`two runDue replicas: ${a.length} + ${b.length} deadlines in ${ms} ms`);
    expect(a.length + b.length).toBe(10_000);
    const ids = [...a, ...b].map((f) => f.deadline.id);
    expect(new Set(ids).size).toBe(10_000);
    expect(await count(store, 'deadlines', `id like 'bulk.%' and status = 'fired'`)).toBe(10_000);
    const [fired] = await query<{ n: string; d: string }>(
      store,
      `select count(*) as n, count(distinct payload->>'id') as d from events where type = 'DeadlineFired' and payload->>'id' like 'bulk.%'`,
    );
    expect([Number(fired?.n), Number(fired?.d)]).toEqual([10_000, 10_000]);
    expect(await auditVerify(store)).toMatchObject({ ok: true });
    expect(await engine.runDue(at(86_400))).toEqual([]);
  }, 120_000);

  it('R46: two delivery loops (two replicas) over 500 messages send each exactly once', async () => {
    const items = Array.from({ length: 500 }, (_, i) => ({
      note: {
        key: `bulk-msg-${i}`,
        to: { kind: 'channel' as const, channel: 'panel' as const },
        text: `m${i}`,
      },
      at: at(50),
    }));
    await store.transaction((tx) => tx.enqueue(items));
    const other = await POSTGRES.another();
    const sent: string[] = [];
    const deliverer: Deliverer = {
      platform: 'test',
      deliver: async (m) => {
        sent.push(m.key);
        await new Promise((r) => setTimeout(r, 0));
        return { status: 'sent' };
      },
    };
    const drain = async (s: OpenStore) => {
      while ((await deliverDue(s, [deliverer], at(60), { limit: 20 })).claimed > 0);
    };
    await Promise.all([drain(store), drain(other)]);
    const bulk = sent.filter((k) => k.startsWith('bulk-msg-'));
    expect(bulk).toHaveLength(500);
    expect(new Set(bulk).size).toBe(500);
    expect(await count(store, 'outbox', `key like 'bulk-msg-%' and status = 'sent'`)).toBe(500);
  });

  it('two replicas migrating a fresh database at once both start, and it is migrated once', async () => {
    const db = await createPgDatabase();
    try {
      const [s1, s2] = await Promise.all([
        openStore({ databaseUrl: db.url }),
        openStore({ databaseUrl: db.url }),
      ]);
      expect(await count(s1, 'secbot_migrations')).toBe(readMigrations().length);
      expect(await count(s2, 'events')).toBe(0);
      await Promise.all([s1.close(), s2.close()]);
    } finally {
      await db.drop();
    }
  });
});

/**
 * Inserts `n` pending reminders, already due, straight into the deadline rows and the projections
 * of `mods` modifications from number `first` (fast set-up; firing them goes through the real path).
 */
async function insertDueReminders(store: OpenStore, n: number, first: number, mods: number): Promise<void> {
  const per = Math.ceil(n / mods);
  await query(
    store,
    `insert into deadlines (id, stream, what, due, status, calendar_version, reminder, subject)
     select 'bulk.' || i, ${first} + (i / ${per}), 'reminder:views-close',
            timestamptz '${T0.toISOString()}' + make_interval(secs => i), 'pending', 'test', true, null
     from generate_series(0, ${n - 1}) as i`,
  );
  await query(
    store,
    `update modifications m set state = jsonb_set(m.state, '{deadlines}', (m.state->'deadlines') || (
       select jsonb_agg(jsonb_build_object('id', d.id, 'what', d.what,
                'due', to_char(d.due at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'calendarVersion', 'test', 'status', 'pending', 'reminder', true) order by d.created)
       from deadlines d where d.stream = m.number and d.id like 'bulk.%'))
     where m.number between ${first} and ${first + mods - 1}`,
  );
}
