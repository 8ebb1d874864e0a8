// Group commit (src/app/group-commit.ts) while the transactions in flight are stuck: votes queued
// behind them must not wait for them (R87: a click is answered within Slack's 3 s even when the
// database is silent). A second pool holds one modification's row lock, so the two transactions of
// votes in flight wait on it; votes on another modification, queued behind them, run alone after
// STALLED_MS and are recorded while the lock is still held. PostgreSQL only: PGlite is one session.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { STALLED_MS } from '../../src/app/group-commit.ts';
import type { Envelope, Outcome } from '../../src/app/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import type { OpenStore } from '../../db/open.ts';
import { POSTGRES, count, databasesForThisFile, pgUnreachable, resetStore } from '../support/databases.ts';
import { PEOPLE, london } from '../support/directory.ts';
import { linkedSlack, voteClick } from '../support/votes.ts';

if (pgUnreachable) throw new Error(`this test needs PostgreSQL: ${pgUnreachable}`);
databasesForThisFile();

const T0 = london('2026-12-01T10:00');
const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];

describe('group commit behind stuck transactions (PostgreSQL)', () => {
  let store: OpenStore;
  let other: OpenStore;
  let engine: Engine;
  let stuck: number;
  let free: number;

  beforeAll(async () => {
    store = await POSTGRES.store();
    await resetStore(store);
    other = await POSTGRES.another();
    engine = createEngine(store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(
      PEOPLE.map((p) =>
        PANEL.includes(p.handle ?? '') ? { ...p, slack: `U${p.handle?.toUpperCase()}` } : p,
      ),
      { source: 'test', now: T0 },
    );
    const refs: number[] = [];
    for (const title of ['Stuck', 'Free']) {
      const raised = await engine.ask(
        `panel raise-fasttrack title="${title}" problem="p"`,
        'chair@example.org',
        T0,
      );
      refs.push(Number(/DP(\d+)/.exec(raised.reply)?.[1]));
    }
    [stuck, free] = refs as [number, number];
    expect(stuck).toBeGreaterThan(0);
    expect(free).toBeGreaterThan(0);
  }, 60_000);

  const vote = (handle: string, ref: number, deliveryId: string): Envelope =>
    voteClick(linkedSlack(handle), ref, 'approve', deliveryId);

  it(`R87: votes queued behind two stuck transactions run alone after ${STALLED_MS} ms and are recorded while those still wait`, async () => {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let locked = () => {};
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = other.transaction(async (tx) => {
      await tx.lockModifications([stuck]);
      locked();
      await held;
    });
    await isLocked;
    // Two votes on the locked modification take both slots and wait on its row lock.
    const waiting = [vote('pm1', stuck, 's1'), vote('pm2', stuck, 's2')].map((e) => engine.execute(e, T0));
    const started = performance.now();
    const queued = ['chair', 'pm3', 'pm4'].map((h, i) => engine.execute(vote(h, free, `f${i}`), T0));
    const done: Outcome[] = await Promise.all(queued);
    const took = performance.now() - started;
    expect(done.map((o) => [o.ok, o.duplicate])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(took).toBeGreaterThanOrEqual(STALLED_MS - 5);
    // Recorded while the other two still wait on the lock.
    expect(await count(other, 'events', `type = 'VoteCast' and stream = ${free}`)).toBe(3);
    expect(await count(other, 'events', `type = 'VoteCast' and stream = ${stuck}`)).toBe(0);
    release();
    await holder;
    expect((await Promise.all(waiting)).map((o) => o.ok)).toEqual([true, true]);
    expect(await count(other, 'events', `type = 'VoteCast' and stream = ${stuck}`)).toBe(2);
  });
});
