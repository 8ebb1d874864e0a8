// The states a process holds (P1; SharedCache.states, src/app/load.ts): a transaction that locks a
// modification still at the head its state was cached at is not sent that state again. The head is
// the hash of the whole stream (R8), so the held state is used only while no one has written since;
// a modification changed by another replica must be read again, or its votes would be lost (R33).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { json } from '../../db/directory-store.ts';
import { sharedCacheOf } from '../../src/app/load.ts';
import type { LockedModification } from '../../src/app/store.ts';
import type { Modification } from '../../src/domain/modification.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { eachDatabase, pgUnreachable, query, resetStore } from '../support/databases.ts';
import { twoReplicas } from '../support/replicas.ts';
import { london } from '../support/directory.ts';

const T0 = london('2026-12-01T10:00');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const people = [
  { email: 'chair@example.org', name: 'Chair', roles: ['panel_chair' as const] },
  ...[0, 1, 2].map((i) => ({ email: `m${i}@example.org`, name: `Member ${i}`, roles: ['panel' as const] })),
];

async function raise(engine: Engine): Promise<number> {
  const raised = await engine.ask('panel raise-fasttrack title="Held" problem="p"', 'chair@example.org', T0);
  const ref = /DP(\d+)/.exec(raised.reply)?.[1];
  expect(ref, raised.reply).toBeDefined();
  return Number(ref);
}

const vote = (engine: Engine, member: number, n: number, option: string, s: number) =>
  engine.ask(`vote DP${String(n).padStart(3, '0')} ${option}`, `m${member}@example.org`, at(s));

/** The voters on the modification's open ballot, as its stored projection has them. */
async function votersStored(store: Parameters<typeof query>[0], n: number): Promise<string[]> {
  const [row] = await query<{ state: unknown }>(store, `select state from modifications where number = ${n}`);
  const state = json<Modification>(row?.state);
  return (state.ballots[0]?.votes ?? []).map((v) => v.voter).sort();
}

eachDatabase('held states', (h) => {
  let engine: Engine;
  let n: number;

  beforeEach(async () => {
    h.store.faults = undefined;
    await resetStore(h.store);
    engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(people, { source: 'test', now: T0 });
    n = await raise(engine);
  }, 60_000);

  it('P1: a locked row still at the held head comes back with the held state, by sharedVersion and by batchVersion; at any other head it is read', async () => {
    const [current] = await h.store.transaction((tx) => tx.lockModifications([n]));
    const real = current as LockedModification;
    // A stand-in the database cannot have produced: seeing it back proves the state was not read.
    const standIn = { ...real.state, title: 'held, not read' };
    const heldAtHead = new Map([[n, { state: standIn, head: real.head }]]);
    const heldStale = new Map([
      [n, { state: standIn, head: { seq: real.head.seq - 1, hash: 'f'.repeat(64) } }],
    ]);
    const claim = (id: string) => [{ id, at: T0 }];
    const [viaShared, viaBatch, staleShared, staleBatch] = await h.store.transaction(async (tx) => [
      await tx.sharedVersion([n], undefined, undefined, heldAtHead),
      await tx.batchVersion([n], claim('held-1'), [], heldAtHead),
      await tx.sharedVersion([n], undefined, undefined, heldStale),
      await tx.batchVersion([n], claim('held-2'), [], heldStale),
    ]);
    for (const v of [viaShared, viaBatch]) {
      expect(v.locked).toHaveLength(1);
      expect(v.locked[0]?.state).toBe(standIn);
      expect(v.locked[0]?.head).toEqual(real.head);
    }
    for (const v of [staleShared, staleBatch]) {
      expect(v.locked[0]?.state.title).toBe('Held');
      expect(v.locked[0]?.state).toEqual(real.state);
      expect(v.locked[0]?.head).toEqual(real.head);
    }
  });

  it('P1: after a vote commits, the next vote on the modification decides on the held state, which is frozen; the projection is as the votes make it', async () => {
    expect(await vote(engine, 0, n, 'approve', 1)).toMatchObject({ ok: true });
    const held = sharedCacheOf(h.store).states?.get(n);
    expect(held).toBeDefined();
    expect(Object.isFrozen(held?.state)).toBe(true);
    expect(Object.isFrozen(held?.state.ballots[0]?.votes)).toBe(true);
    // The next vote's lock reads no state: it is given the held one.
    const given: unknown[] = [];
    const real = h.store.transaction;
    h.store.transaction = (fn) =>
      real.call(h.store, (tx) =>
        fn({
          ...tx,
          sharedVersion: async (...args) => {
            const v = await tx.sharedVersion(...args);
            given.push(...v.locked.map((x) => x.state));
            return v;
          },
        }),
      ) as never;
    try {
      expect(await vote(engine, 1, n, 'reject', 2)).toMatchObject({ ok: true });
    } finally {
      h.store.transaction = real;
    }
    expect(given).toContain(held?.state);
    // R8: the projection written from the held state is the one the history makes: both votes.
    const cast = await query<{ voter: string }>(
      h.store,
      `select payload->>'voter' as voter from events where stream = ${n} and type = 'VoteCast' order by voter`,
    );
    expect(cast).toHaveLength(2);
    expect(await votersStored(h.store, n)).toEqual(cast.map((c) => c.voter));
  });
});

describe.skipIf(pgUnreachable !== undefined)('held states with two replicas on PostgreSQL', () => {
  it('R8, R33: a modification changed through the other replica is read again, so no vote is lost or refused', async () => {
    const { a, ea, eb } = await twoReplicas(people, T0);
    const n = await raise(ea);
    // A holds the state after its own vote; B then votes, moving the head past what A holds.
    expect(await vote(ea, 0, n, 'approve', 1)).toMatchObject({ ok: true });
    expect(sharedCacheOf(a).states?.get(n)).toBeDefined();
    expect(await vote(eb, 1, n, 'reject', 2)).toMatchObject({ ok: true });
    // A's next vote must decide on B's state: with A's stale state its event would collide with B's.
    expect(await vote(ea, 2, n, 'approve', 3)).toMatchObject({ ok: true });
    expect((await votersStored(a, n)).length).toBe(3);
    const status = await ea.ask(`status DP${String(n).padStart(3, '0')}`, 'chair@example.org', at(4));
    expect(status.reply).toMatch(/3 of \d+ voted/);
  });
});
