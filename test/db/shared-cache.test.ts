// The directory cache of execute (src/app/execute.ts loadShared): people, calendar and Terms of
// Reference are read again only when the system stream's head moved. Every change to them is a
// system event (R1, R30, R67), so a change made by another store on the same PostgreSQL (a second
// replica) or a rolled-back change must show, or not show, exactly as without the cache.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import type { Command } from '../../src/domain/commands.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { eachDatabase, pgUnreachable, resetStore } from '../support/databases.ts';
import { twoReplicas } from '../support/replicas.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const T0 = london('2026-12-01T10:00');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const raise: Command = { type: 'raise', title: 'Faster switching', problem: 'Too slow', fastTrack: false };
const newcomer = { email: 'newcomer@example.org', name: 'Newcomer', roles: ['party' as const] };

const run = (engine: Engine, actor: string, command: Command, minutes = 0) =>
  engine.execute({ command, actor, platform: 'slack' }, later(minutes));

eachDatabase('directory cache', (h) => {
  let engine: Engine;
  beforeEach(async () => {
    h.store.faults = undefined;
    await resetStore(h.store);
    engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(PEOPLE, { source: 'test', now: T0 });
  });

  it('R1: one snapshot statement reads what the separate directory reads read', async () => {
    await run(engine, id('ada'), { type: 'admin-holiday', op: 'add', date: '2026-12-29', name: 'Extra' });
    await run(engine, id('ada'), { type: 'admin-holiday', op: 'remove', date: '2026-12-28' });
    await run(engine, id('chair'), { type: 'panel-tor', link: 'https://example.org/tor' });
    const [snap, people, changes, system] = await h.store.transaction(async (tx) => [
      await tx.sharedSnapshot(),
      await tx.people(),
      await tx.calendarChanges(),
      await tx.systemState(),
    ]);
    expect(snap.people).toEqual(people);
    expect(people.find((p) => p.id === id('cb1'))).toMatchObject({
      votingGroup: 'suppliers',
      alternate: id('alt1'),
    });
    expect(snap.changes).toEqual(changes);
    expect(changes.added?.length).toBeGreaterThan(0);
    expect(snap.system).toEqual(system);
    expect(system.torVersion).not.toBeNull();
    const version = await h.store.transaction((tx) => tx.sharedVersion());
    expect(version.head).toEqual(snap.head);
  });

  it('R1: a person imported after the directory was cached can act at once', async () => {
    expect(await run(engine, id('alice'), raise)).toMatchObject({ ok: true });
    expect(await run(engine, newcomer.email, raise)).toMatchObject({ code: 'not_registered' });
    await engine.importPeople([newcomer], { source: 'test', now: later(1) });
    expect(await run(engine, newcomer.email, raise, 2)).toMatchObject({ ok: true });
  });

  it('R1, R67: a directory change that rolled back is never served from the cache', async () => {
    expect(await run(engine, id('alice'), raise)).toMatchObject({ ok: true });
    const add: Command = {
      type: 'admin-person-add',
      email: newcomer.email,
      name: 'Newcomer',
      roles: ['party'],
    };
    h.store.faults = {
      beforeCommit: () => {
        throw new Error('fault beforeCommit');
      },
    };
    await expect(run(engine, id('ada'), add, 1)).rejects.toThrow('fault beforeCommit');
    h.store.faults = undefined;
    expect(await run(engine, newcomer.email, raise, 2)).toMatchObject({ code: 'not_registered' });
    expect(await run(engine, id('ada'), add, 3)).toMatchObject({ ok: true });
    expect(await run(engine, newcomer.email, raise, 4)).toMatchObject({ ok: true });
  });
});

describe.skipIf(pgUnreachable !== undefined)('directory cache with two replicas on PostgreSQL', () => {
  it('R1, R8: a person imported and a role removed through one store are seen by the other at once', async () => {
    const { ea, eb } = await twoReplicas(PEOPLE, T0);
    // Both replicas cache the directory.
    expect(await run(ea, id('alice'), raise)).toMatchObject({ ok: true });
    expect(await run(eb, id('bob'), raise, 1)).toMatchObject({ ok: true });
    expect(await run(ea, newcomer.email, raise, 2)).toMatchObject({ code: 'not_registered' });
    await eb.importPeople([newcomer], { source: 'test', now: later(3) });
    expect(await run(ea, newcomer.email, raise, 4)).toMatchObject({ ok: true });
    // A role taken away through A: B must refuse what it allowed a moment ago (R2 on a fresh directory).
    expect(
      await run(ea, id('ada'), { type: 'admin-role', op: 'remove', person: id('bob'), role: 'party' }, 5),
    ).toMatchObject({
      ok: true,
    });
    const refused = await run(eb, id('bob'), raise, 6);
    expect(refused.ok).toBe(false);
  });
});
