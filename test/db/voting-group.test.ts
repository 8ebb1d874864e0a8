// R62 R67: a voting group set or cleared in chat (`admin group`) is a system event the store projects into
// the directory in the same transaction; the next command, and a fresh read of the directory, see it.
import { beforeAll, expect, it } from 'vitest';
import { createEngine } from '../../src/app/engine.ts';
import type { SystemEvent } from '../../src/domain/events.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const NOW = london('2027-01-11T09:00');

eachDatabase('R62 VotingGroupSet in the store', (h) => {
  const apply = (...events: SystemEvent[]) => h.store.transaction((tx) => tx.applySystemEvents(events));
  const groupOf = async (person: string) => {
    const people = await h.store.transaction((tx) => tx.people());
    const snapshot = await h.store.transaction((tx) => tx.sharedSnapshot());
    const read = people.find((p) => p.id === person)?.votingGroup;
    // The cached directory (one statement) reads the same column.
    expect(snapshot.people.find((p) => p.id === person)?.votingGroup).toBe(read);
    return read;
  };

  beforeAll(async () => {
    await resetStore(h.store);
  });

  it('sets, moves and clears a group; the other people keep theirs', async () => {
    const added = (email: string, votingGroup?: string): SystemEvent => ({
      type: 'PersonAdded',
      person: {
        id: email,
        email,
        name: email,
        roles: ['change_board'],
        ...(votingGroup ? { votingGroup } : {}),
      },
    });
    await apply(added('carys@example.org'), added('o@example.org', 'networks'));
    expect(await groupOf('carys@example.org')).toBeUndefined();
    await apply({ type: 'VotingGroupSet', person: 'carys@example.org', group: 'suppliers' });
    expect(await groupOf('carys@example.org')).toBe('suppliers');
    await apply({ type: 'VotingGroupSet', person: 'carys@example.org', group: 'consumers' });
    expect(await groupOf('carys@example.org')).toBe('consumers');
    await apply({ type: 'VotingGroupSet', person: 'carys@example.org', group: null });
    expect(await groupOf('carys@example.org')).toBeUndefined();
    expect(await query(h.store, "select voting_group from people where id = 'carys@example.org'")).toEqual([
      { voting_group: null },
    ]);
    expect(await groupOf('o@example.org')).toBe('networks');
  });

  it('admin group through the engine: recorded on the system stream, projected, seen by the next command', async () => {
    await resetStore(h.store);
    const engine = createEngine(h.store, { settings: { ...DEFAULT_SETTINGS, SEC_CB_RULE: 'voting_groups' } });
    await engine.importPeople(PEOPLE, { source: 'test', now: NOW });
    const r = await engine.ask('admin group cb2 networks', id('ada'), NOW);
    expect(r.ok, r.reply).toBe(true);
    expect((await engine.people()).find((p) => p.id === id('cb2'))?.votingGroup).toBe('networks');
    const again = await engine.ask('admin group cb2 networks', id('ada'), NOW);
    expect(again).toMatchObject({ ok: false, code: 'already_done' });
    expect((await engine.ask('admin group cb2 none', id('ada'), NOW)).ok).toBe(true);
    expect((await engine.people()).find((p) => p.id === id('cb2'))?.votingGroup).toBeUndefined();
    expect(
      await query(
        h.store,
        "select type, payload from events where stream = 0 and type = 'VotingGroupSet' order by seq",
      ),
    ).toEqual([
      { type: 'VotingGroupSet', payload: { person: id('cb2'), group: 'networks' } },
      { type: 'VotingGroupSet', payload: { person: id('cb2'), group: null } },
    ]);
  });
});
