// R42: `admin channel` through the engine and the store: the transaction reads the platform's
// registrations into the command's context, so a second registration of one name in one conversation
// writes nothing, a conversation that is two channels is told so, and a moved name says what it replaces.
import { expect, it } from 'vitest';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const NOW = london('2027-01-11T09:00');

eachDatabase('R42 admin channel registrations', (db) => {
  it('already done, also another channel, replaces the previous one; the channels table follows', async () => {
    await resetStore(db.store);
    const engine = createEngine(db.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(PEOPLE, { source: 'test', now: NOW });
    const channel = async (name: string, conversation: string) => {
      const r = await engine.ask(`admin channel ${name}`, id('ada'), NOW, {
        platform: 'slack',
        parse: { channel: { platform: 'slack', id: conversation } },
      });
      return { ok: r.ok, code: r.code, reply: commandsAs(r.reply, undefined) };
    };
    const events = async () =>
      (await query<{ n: number }>(db.store, 'select count(*)::int as n from events where stream = 0'))[0]?.n;

    expect((await channel('change-board', 'C0ROOM')).ok).toBe(true);
    const written = await events();
    expect(await channel('change-board', 'C0ROOM')).toEqual({
      ok: false,
      code: 'already_done',
      reply: 'This Slack channel is already the Change Board channel.',
    });
    expect(await events()).toBe(written);

    const both = await channel('panel', 'C0ROOM');
    expect(both.ok).toBe(true);
    expect(both.reply).toMatch(/ This channel is also the Change Board channel; it will get both\.$/);

    const moved = await channel('panel', 'C0PANEL');
    expect(moved.reply).toMatch(/; it replaces the previous Panel channel, which gets no more of them\.$/);
    expect(moved.reply).not.toContain('also');
    expect(
      await query(db.store, "select name, channel_id from channels where platform = 'slack' order by name"),
    ).toEqual([
      { name: 'change-board', channel_id: 'C0ROOM' },
      { name: 'panel', channel_id: 'C0PANEL' },
    ]);
  });
});
