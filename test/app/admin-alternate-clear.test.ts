// R62: an admin clears a member's alternate with `admin alternate <member> none`; before, nothing in
// chat could, and an alternate who had left kept standing in on every new Change Board ballot.
import { expect, it } from 'vitest';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { eachDatabase } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const NOW = london('2027-01-11T09:00');

eachDatabase('R62 clearing an alternate', (db) => {
  it('admin alternate cb1 none clears it, once; the directory keeps no alternate; a non-admin is refused', async () => {
    const engine = createEngine(db.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(PEOPLE, { source: 'test', now: NOW });
    const alternateOf = async (who: string) =>
      (await engine.people()).find((p) => p.id === id(who))?.alternate;
    expect(await alternateOf('cb1')).toBe(id('alt1'));

    const refused = await engine.ask('admin alternate cb1 none', id('cb2'), NOW);
    expect(refused.ok).toBe(false);
    expect(await alternateOf('cb1')).toBe(id('alt1'));

    const r = await engine.ask('admin alternate cb1 none', id('ada'), NOW);
    expect(r.ok, r.reply).toBe(true);
    expect(commandsAs(r.reply, undefined)).toBe(
      "Alt1 is no longer Cb1's alternate: from the next ballot nobody stands in for Cb1. Ballots already open keep their seats.",
    );
    expect(await alternateOf('cb1')).toBeFalsy();

    const again = await engine.ask('admin alternate cb1 NONE', id('ada'), NOW);
    expect(again).toMatchObject({ ok: false, code: 'already_done', reply: 'Cb1 has no alternate.' });

    // And one can be named again.
    expect((await engine.ask('admin alternate cb1 alt1', id('ada'), NOW)).ok).toBe(true);
    expect(await alternateOf('cb1')).toBe(id('alt1'));
  });
});
