// R81 preferences in the person_prefs table (migration 0005), on PGlite and PostgreSQL: nobody has a row
// until they switch something (the defaults: digest on, Home tab never opened); `notify digest off|on`
// through the engine stores the switch; the first Home tab opening is kept; the personal Monday digest
// skips those who switched it off and is written once per date however often it runs (R48).
import { beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { count, eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

eachDatabase('R81 person preferences', (h) => {
  let engine: Engine;
  const prefs = () => h.store.transaction((tx) => tx.prefs());
  const T = london('2027-01-04T09:00');

  beforeAll(async () => {
    await resetStore(h.store);
    engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(
      PEOPLE.map((p) => ({ ...p, slack: `U${(p.handle ?? '').toUpperCase()}` })),
      { source: 'test', now: T },
    );
  });

  it('has no row for anyone until they switch something', async () => {
    expect(await prefs()).toEqual([]);
    expect(await count(h.store, 'person_prefs')).toBe(0);
  });

  it('notify digest off|on is stored per person, and answered in words', async () => {
    const off = await engine.ask('notify digest off', id('cb1'), T);
    expect(off).toMatchObject({ ok: true, code: null });
    expect(off.reply).toMatch(/Monday digest is off/);
    expect(await prefs()).toEqual([{ person: id('cb1'), digest: false, slackHomeAt: null }]);
    const on = await engine.ask('notify digest on', id('cb1'), new Date(T.getTime() + 1000));
    expect(on.reply).toMatch(/Monday digest is on/);
    expect((await prefs())[0]?.digest).toBe(true);
    const bad = await engine.ask('notify digest maybe', id('cb1'), T);
    expect(bad).toMatchObject({ ok: false, code: 'bad_input' });
    expect(bad.reply).toContain('notify digest off|on');
  });

  it('someone not in the directory switches nothing', async () => {
    const r = await engine.ask('notify digest off', 'nobody@example.org', T);
    expect(r.ok).toBe(false);
    expect(await count(h.store, 'person_prefs', `person_id = 'nobody@example.org'`)).toBe(0);
  });

  it('the first Home tab opening is kept; a later one changes nothing but draws the tab again', async () => {
    const first = london('2027-01-04T10:00');
    expect(await engine.homeOpened({ platform: 'slack', platformId: 'UCB2' }, first)).toBe(id('cb2'));
    expect(
      await engine.homeOpened({ platform: 'slack', platformId: 'UCB2' }, london('2027-01-05T10:00')),
    ).toBe(id('cb2'));
    const row = (await prefs()).find((p) => p.person === id('cb2'));
    expect(row).toEqual({ person: id('cb2'), digest: true, slackHomeAt: first });
    expect(await count(h.store, 'outbox', `key like 'home:${id('cb2')}:%'`)).toBe(2);
    expect(await engine.homeOpened({ platform: 'slack', platformId: 'UGHOST' }, first)).toBeNull();
    expect(await count(h.store, 'person_prefs')).toBe(2);
  });

  it('the personal Monday digest skips those who switched it off and is written once per date', async () => {
    for (const [who, line] of [
      ['alice', 'raise title="Faster switching" problem="Too slow"'],
      ['sam', 'iar DP001 impacts="Suppliers" route=refinement'],
      ['sam', 'views open DP001'],
    ] as const) {
      const r = await engine.ask(line, id(who), T);
      expect(r.ok, `${line}: ${r.reply}`).toBe(true);
    }
    await engine.ask('notify digest off', id('cb3'), T);
    // Views close Mon 11 Jan at 17:00: in the week that starts that Monday at 09:00, not the one before.
    expect(await engine.weekDigest(london('2027-01-04T09:00'))).toEqual([]);
    const monday = london('2027-01-11T09:00');
    const notes = await engine.weekDigest(monday);
    const to = notes.map((n) => (n.to.kind === 'person' ? n.to.person : ''));
    expect(to).toEqual([id('cb1'), id('cb2'), id('cb4'), id('cb5')]);
    await engine.weekDigest(monday);
    const rows = await query<{ key: string }>(
      h.store,
      `select key from outbox where key like 'week-digest:%' order by key`,
    );
    expect(rows.map((r) => r.key)).toEqual(to.map((p) => `week-digest:2027-01-11:${p}`));
  });
});
