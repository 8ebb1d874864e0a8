// P1: a command's last write goes out with its COMMIT (StoreTx.writeLast, db/client.ts), so a vote on
// PostgreSQL costs two round trips: BEGIN with the read, the write with COMMIT. What must not change:
// a last write that fails fails the transaction with its own error (a concurrent writer is still a
// StoreConflict, R8, and is retried), and nothing of it, or of anything before it, is committed. On
// both databases: PGlite awaits the last write like any other, and must not let a failed one commit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app/engine.ts';
import type { EventRow } from '../../src/app/store.ts';
import { NO_WRITES, StoreConflict } from '../../src/app/store.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { POSTGRES, count, eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import { countRoundTrips, type RoundTrips } from '../support/round-trips.ts';

const now = london('2027-03-01T09:00');

eachDatabase('the last write of a transaction', (h) => {
  const engine = () => createEngine(h.store, { settings: DEFAULT_SETTINGS });

  beforeAll(async () => {
    await engine().importPeople(PEOPLE, { source: 'test', now });
  });

  /** The system stream's first event, as a row the history already holds (its key is taken). */
  const takenRow = async (): Promise<EventRow> => {
    const [e] = await h.store.eventsAfter(null, 1);
    if (!e) throw new Error('no event to collide with');
    return { ...e, hash: 'f'.repeat(64) };
  };
  const delivery = (deliveryId: string) => ({
    deliveryId,
    outcome: { ok: true, code: null, reply: 'done' },
  });

  it('R8: a last write that meets a concurrent writer is a StoreConflict, and nothing is committed', async () => {
    const taken = await takenRow();
    const before = await count(h.store, 'events');
    const attempt = h.store.transaction(async (tx) => {
      for (const d of ['earlier', 'last']) await tx.claimDelivery(d, now);
      // An earlier write in the same transaction: it must go too.
      await tx.write({ ...NO_WRITES, deliveries: [delivery('earlier')] });
      await tx.writeLast({ ...NO_WRITES, events: [taken], deliveries: [delivery('last')] });
      return 'committed';
    });
    await expect(attempt).rejects.toBeInstanceOf(StoreConflict);
    expect(await count(h.store, 'events')).toBe(before);
    expect(await count(h.store, 'deliveries', `delivery_id in ('earlier', 'last')`)).toBe(0);
  });

  it('a last write that fails for another reason fails with its own error, and nothing is committed', async () => {
    // PostgreSQL's jsonb cannot hold NUL: the statement fails on the server, not in this process.
    const bad = { deliveryId: 'nul', outcome: { ok: true, code: null, reply: 'a\u0000b' } };
    const attempt = h.store.transaction(async (tx) => {
      for (const d of ['before-nul', 'nul']) await tx.claimDelivery(d, now);
      await tx.write({ ...NO_WRITES, deliveries: [delivery('before-nul')] });
      await tx.writeLast({ ...NO_WRITES, deliveries: [bad] });
    });
    await expect(attempt).rejects.toThrow(/\\u0000|unicode|null character|0x00/i);
    expect(await count(h.store, 'deliveries', `delivery_id in ('before-nul', 'nul')`)).toBe(0);
  });

  it('a last write that succeeds is committed with everything before it', async () => {
    const done = await h.store.transaction(async (tx) => {
      for (const d of ['first', 'second']) await tx.claimDelivery(d, now);
      await tx.write({ ...NO_WRITES, deliveries: [delivery('first')] });
      await tx.writeLast({ ...NO_WRITES, deliveries: [delivery('second')] });
      return 'committed';
    });
    expect(done).toBe('committed');
    const rows = await query<{ delivery_id: string; outcome: unknown }>(
      h.store,
      `select delivery_id, outcome from deliveries where delivery_id in ('first', 'second') order by delivery_id`,
    );
    expect(rows.map((r) => r.delivery_id)).toEqual(['first', 'second']);
    expect(rows.map((r) => r.outcome)).toEqual([delivery('').outcome, delivery('').outcome]);
  });

  it('R36: votes racing on one ballot still each count once (the last write retried on a conflict)', async () => {
    const e = engine();
    const raised = await e.ask('panel raise-fasttrack title="Race" problem="p"', id('chair'), now);
    expect(raised.ok).toBe(true);
    const voters = PEOPLE.filter((p) => p.roles?.includes('panel')).map((p) => p.email);
    expect(voters.length).toBeGreaterThan(2);
    const ref = Number(/DP(\d+)/.exec(raised.reply)?.[1]);
    const outcomes = await Promise.all(
      voters.map((v, i) =>
        e.execute(
          {
            command: { type: 'vote', ref, option: 'approve' },
            actor: v,
            platform: 'slack',
            deliveryId: `race-${i}`,
          },
          now,
        ),
      ),
    );
    expect(outcomes.map((o) => o.code)).toEqual(voters.map(() => null));
    expect(await count(h.store, 'votes', `stream = ${ref}`)).toBe(voters.length);
  });
});

describe('P1: a vote on PostgreSQL costs two round trips', () => {
  let trips: RoundTrips | undefined;
  afterAll(() => trips?.stop());

  it('BEGIN goes with the read, the write with COMMIT', async () => {
    const store = await POSTGRES.store();
    await resetStore(store);
    await createEngine(store, { settings: DEFAULT_SETTINGS }).importPeople(PEOPLE, { source: 'test', now });
    const e = createEngine(store, { settings: DEFAULT_SETTINGS });
    const raised = await e.ask('panel raise-fasttrack title="Trips" problem="p"', id('chair'), now);
    const ref = Number(/DP(\d+)/.exec(raised.reply)?.[1]);
    const voters = PEOPLE.filter((p) => p.roles?.includes('panel')).map((p) => p.email);
    const vote = (i: number) =>
      e.execute(
        {
          // Two of the seats, each changing their vote: the ballot stays open.
          command: { type: 'vote', ref, option: Math.floor(i / 2) % 2 ? 'reject' : 'approve' },
          actor: voters[i % 2] as string,
          platform: 'slack',
          deliveryId: `trips-${i}`,
        },
        now,
      );
    // The first votes prepare the statements on the pool's connections (a describe each).
    for (let i = 0; i < 20; i++) await vote(i);
    trips = countRoundTrips();
    const outcome = await vote(20);
    expect(outcome).toMatchObject({ ok: true, code: null });
    expect(trips.n).toBe(2);
  });
});
