// R86 on PostgreSQL: a command whose transaction lost its connection is run once more on a fresh
// connection before anyone is told, when its delivery id makes that safe. The store reaches the
// server through a TCP proxy (test/ops/tcp-proxy.ts) whose open connections are reset at a chosen
// moment: inside the transaction, after every write and before COMMIT (the store's fault hook), so
// the first attempt certainly committed nothing. The retry window (RETRY_LOST_WITHIN_MS) is timed
// with performance.now(), which stands still here unless a test moves it: a loaded machine must not
// decide whether a retry happens.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type OpenStore } from '../../db/open.ts';
import { createEngine, type Engine } from '../../src/app/engine.ts';
import { RETRY_LOST_WITHIN_MS } from '../../src/app/execute.ts';
import { ConnectionLost } from '../../src/app/store.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { proxyDatabase, type TcpProxy } from '../ops/tcp-proxy.ts';
import { count, createPgDatabase, pgUnreachable } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import { countTransactions, linkedSlack, voteClick } from '../support/votes.ts';

if (pgUnreachable) throw new Error(`R86 is about PostgreSQL, which is needed here: ${pgUnreachable}`);

describe('R86: a transaction that lost its connection (PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> };
  let proxy: TcpProxy;
  let store: OpenStore;
  let direct: OpenStore;
  let engine: Engine;
  const now = london('2027-03-01T09:00');
  let n = 0;

  /** Resets the store's connections before the next `times` commits, `afterMs` into the command. */
  const resetBeforeCommit = (times: number, afterMs = 0) => {
    let left = times;
    store.faults = {
      beforeCommit: () => {
        if (left-- <= 0) return;
        vi.advanceTimersByTime(afterMs);
        proxy.reset();
      },
    };
  };
  const raise = (deliveryId?: string) =>
    engine.execute(
      {
        command: { type: 'raise', title: `Blip ${++n}`, problem: 'A reset mid-commit', fastTrack: false },
        actor: id('alice'),
        platform: 'slack',
        ...(deliveryId ? { deliveryId } : {}),
      },
      now,
    );
  const raised = () => count(direct, 'modifications');

  beforeAll(async () => {
    database = await createPgDatabase();
    const proxied = await proxyDatabase(database.url);
    proxy = proxied.proxy;
    store = await openStore({ databaseUrl: proxied.url });
    direct = await openStore({ databaseUrl: database.url });
    engine = createEngine(store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(PEOPLE, { source: 'test', now });
  }, 60_000);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
  });
  afterEach(() => {
    store.faults = undefined;
    vi.useRealTimers();
  });
  afterAll(async () => {
    await store?.close();
    await direct?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('lost once: run again on a fresh connection, and the person gets the outcome (no apology)', async () => {
    const before = await raised();
    resetBeforeCommit(1);
    const out = await raise('slack:UALICE:1.000001');
    expect(out).toMatchObject({ ok: true, duplicate: false });
    expect(out.reply).toMatch(/DP\d{3}/);
    expect(await raised()).toBe(before + 1);
  });

  it('lost twice: the error reaches the adapter (which apologises), and nothing is written', async () => {
    const before = await raised();
    resetBeforeCommit(2);
    await expect(raise('slack:UALICE:1.000002')).rejects.toBeInstanceOf(ConnectionLost);
    expect(await raised()).toBe(before);
    // The pool is whole again: the same delivery, sent again by the platform, is recorded once.
    expect(await raise('slack:UALICE:1.000002')).toMatchObject({ ok: true, duplicate: false });
    expect(await raised()).toBe(before + 1);
  });

  it('lost later than the retry window (a silent database timed out): not run again, nothing written', async () => {
    const before = await raised();
    resetBeforeCommit(1, RETRY_LOST_WITHIN_MS + 1);
    await expect(raise('slack:UALICE:1.000003')).rejects.toBeInstanceOf(ConnectionLost);
    expect(await raised()).toBe(before);
  });

  it('a burst of button votes grouped in one transaction (group commit), lost before COMMIT: each vote is run again alone and recorded once, nobody gets an apology', async () => {
    // The Panel, linked to Slack as a click brings them (R1), and a Fast Track ballot to vote on.
    const panel = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];
    await engine.importPeople(
      PEOPLE.filter((p) => panel.includes(p.handle ?? '')).map((p) => ({
        ...p,
        slack: `U${p.handle?.toUpperCase()}`,
      })),
      { source: 'test', now },
    );
    const raised = await engine.ask('panel raise-fasttrack title="Burst" problem="p"', id('chair'), now);
    const ref = Number(/DP(\d+)/.exec(raised.reply)?.[1]);
    expect(ref, raised.reply).toBeGreaterThan(0);
    const votes = () => count(direct, 'events', `type = 'VoteCast' and stream = ${ref}`);
    // One transaction of votes at a time: the first vote runs alone and the other four wait for it
    // and go together, so the second commit is the group's: every connection is reset just before it.
    let commits = 0;
    store.faults = { beforeCommit: () => void (++commits === 2 && proxy.reset()) };
    const transactions = countTransactions(store);
    const oneAtATime = createEngine(store, { settings: DEFAULT_SETTINGS, voteSlots: 1 });
    const clicks = panel.map((handle, i) =>
      oneAtATime.execute(voteClick(linkedSlack(handle), ref, 'approve', `slack:burst:${i}`), now),
    );
    const outcomes = await Promise.all(clicks).finally(() => transactions.stop());
    // One alone, the group, then its four votes again, each alone.
    expect(transactions.n).toBe(6);
    expect(outcomes.map((o) => [o.ok, o.duplicate])).toEqual(panel.map(() => [true, false]));
    expect(await votes()).toBe(panel.length);
    expect(
      await count(direct, 'deliveries', `delivery_id like 'slack:burst:%' and outcome is not null`),
    ).toBe(5);
  });

  it('without a delivery id nothing is run twice: the error is reported, nothing written', async () => {
    const before = await raised();
    resetBeforeCommit(1);
    await expect(raise()).rejects.toBeInstanceOf(ConnectionLost);
    expect(await raised()).toBe(before);
  });
});
