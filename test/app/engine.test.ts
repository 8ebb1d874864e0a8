// The engine's other doors on both databases: importPeople (R1, R67: upsert by e-mail as system
// events, never duplicates, all or nothing) and ask (R42, R45, R66: one grammar for queries and
// commands).
import { beforeEach, expect, it } from 'vitest';
import type { Engine, PersonInput } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { auditVerify } from '../../src/app/hash.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { count, eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import { commandsAs } from '../../src/views/hints.ts';

const T0 = london('2026-12-01T10:00');

eachDatabase('engine', (h) => {
  let engine: Engine;
  beforeEach(async () => {
    await resetStore(h.store);
    engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
  });

  it('R1: importing people adds them as system events; re-importing the same rows writes nothing', async () => {
    const rows: PersonInput[] = [
      ...PEOPLE,
      { email: 'Tess@Example.org', name: 'Tess', roles: ['party'], slack: 'U123', teams: 'aad-9' },
    ];
    expect(await engine.importPeople(rows, { source: 'people.csv', now: T0 })).toMatchObject({
      added: PEOPLE.length + 1,
      updated: 0,
      unchanged: 0,
    });
    const events = await count(h.store, 'events');
    expect(await engine.importPeople(rows, { source: 'people.csv', now: T0 })).toEqual({
      added: 0,
      updated: 0,
      unchanged: PEOPLE.length + 1,
      changes: [],
    });
    expect(await count(h.store, 'events')).toBe(events);
    const tess = (await engine.people()).find((p) => p.id === 'tess@example.org');
    expect(tess).toEqual({
      id: 'tess@example.org',
      email: 'Tess@Example.org',
      name: 'Tess',
      roles: ['party'],
    });
    expect(await engine.whoIs('slack', 'U123')).toBe('tess@example.org');
    expect(await engine.whoIs('teams', 'aad-9')).toBe('tess@example.org');
    expect((await engine.people()).find((p) => p.id === id('cb1'))?.alternate).toBe(id('alt1'));
    const [row] = await query<{ actor: string; platform: string; command_text: string }>(
      h.store,
      `select actor, platform, command_text from events where stream = 0 and seq = 1`,
    );
    expect(row).toEqual({ actor: 'system', platform: 'cli', command_text: 'people.csv' });
  });

  it('R1, R67: re-importing a changed row updates the person, one event per change, never a duplicate', async () => {
    await engine.importPeople(PEOPLE, { source: 'v1', now: T0 });
    const before = await count(h.store, 'events');
    const changed = PEOPLE.map((p) =>
      p.email === 'bob@example.org'
        ? { ...p, name: 'Robert', roles: ['party' as const, 'secas' as const] }
        : p,
    );
    // R71: what changed, for the CLI to say in words.
    expect(await engine.importPeople(changed, { source: 'v2', now: T0 })).toEqual({
      added: 0,
      updated: 1,
      unchanged: PEOPLE.length - 1,
      changes: [
        {
          kind: 'updated',
          person: id('bob'),
          name: 'Robert',
          email: 'bob@example.org',
          fields: [
            { field: 'name', from: 'Bob', to: 'Robert' },
            { field: 'roles', from: ['party'], to: ['party', 'secas'] },
          ],
        },
      ],
    });
    expect(await count(h.store, 'people')).toBe(PEOPLE.length);
    const bob = (await engine.people()).find((p) => p.id === id('bob'));
    expect(bob).toMatchObject({ name: 'Robert', roles: ['party', 'secas'] });
    const types = await query<{ type: string }>(
      h.store,
      `select type from events where seq > ${before} order by seq`,
    );
    expect(types.map((t) => t.type)).toEqual(['PersonAdded', 'RoleChanged']);
    expect(await auditVerify(h.store)).toMatchObject({ ok: true });
  });

  it('R1: a row without a handle (the CSV has no handle column) keeps the handle a script gave', async () => {
    await engine.importPeople(PEOPLE, { source: 'script', now: T0 });
    const events = await count(h.store, 'events');
    const csv = PEOPLE.map(({ handle: _handle, ...p }) => p);
    expect(await engine.importPeople(csv, { source: 'people.csv', now: T0 })).toMatchObject({
      updated: 0,
      unchanged: PEOPLE.length,
    });
    expect(await count(h.store, 'events')).toBe(events);
    expect((await engine.people()).find((p) => p.id === id('bob'))?.handle).toBe('bob');
  });

  it('R1, R62: a bad row (unknown alternate, an alternate for two members, second chair, duplicate e-mail) applies nothing', async () => {
    const bad: PersonInput[][] = [
      [...PEOPLE, { email: 'x@example.org', name: 'X', roles: ['party'], alternate: 'ghost' }],
      [...PEOPLE, { email: 'y@example.org', name: 'Y', roles: ['panel_chair'] }],
      [...PEOPLE, { ...PEOPLE[0]!, name: 'Alice again' }],
      [{ email: 'not-an-email', name: 'Z', roles: [] }],
      // R62: alt1 already stands in for cb1; a person is the alternate for one member only.
      [
        ...PEOPLE,
        { email: 'x@example.org', name: 'X', roles: ['change_board'], alternate: 'alt1@example.org' },
      ],
    ];
    for (const rows of bad)
      await expect(engine.importPeople(rows, { source: 'bad', now: T0 })).rejects.toThrow();
    expect(await count(h.store, 'events')).toBe(0);
    expect(await count(h.store, 'people')).toBe(0);
  });

  it('R42, R45, R66: ask answers queries read-only, executes commands, and gives usage for nonsense', async () => {
    await engine.importPeople(PEOPLE, { source: 't', now: T0 });
    const raised = await engine.ask('raise title="Faster switching" problem="Too slow"', id('alice'), T0);
    expect(raised).toMatchObject({ ok: true, code: null });
    const [ev] = await query<{ platform: string; command_text: string }>(
      h.store,
      `select platform, command_text from events where stream = 1 and seq = 1`,
    );
    expect(ev).toEqual({
      platform: 'cli',
      command_text: 'raise title="Faster switching" problem="Too slow"',
    });
    const events = await count(h.store, 'events');
    const status = await engine.ask('status DP001', id('sam'), T0);
    expect(status).toMatchObject({ ok: true, duplicate: false, notifications: [] });
    expect(status.reply).toContain('Faster switching');
    expect((await engine.ask('history DP1', id('sam'), T0)).reply).toContain('History of DP001');
    expect(await engine.ask('list', null, T0)).toMatchObject({ ok: false, code: 'not_registered' });
    expect(await engine.ask('comment DP001 hello', null, T0)).toMatchObject({
      ok: false,
      code: 'not_registered',
    });
    expect(await engine.ask('frobnicate', id('sam'), T0)).toMatchObject({ ok: false, code: 'bad_input' });
    expect(await count(h.store, 'events')).toBe(events);
  });

  it('R45: a malformed line answers with the reason and the usage line, and writes nothing', async () => {
    await engine.importPeople(PEOPLE, { source: 'people.csv', now: T0 });
    const r = await engine.ask('vote DP1', id('cb1'), T0);
    expect(r).toMatchObject({ ok: false, code: 'bad_input' });
    expect(r.reply).toMatch(/Usage: \u2063vote <ref> <option>/);
    // R42, R77: the usage line is a marked command, so each platform shows it as people type it there.
    expect(commandsAs(r.reply, '/sec')).toMatch(/Usage: \/sec vote <ref> <option>/);
    expect(commandsAs(r.reply, undefined)).toMatch(/Usage: vote <ref> <option>/);
  });

  it('R28 R58 R48: the weekly digest lists what awaits the Panel, once per day however often it runs', async () => {
    await engine.importPeople(PEOPLE, { source: 'people.csv', now: T0 });
    expect(await engine.digest(T0)).toEqual([]); // nothing awaits the Panel: nothing is sent
    await engine.ask('raise title="Faster switching" problem="Too slow"', id('alice'), T0);
    await engine.ask('iar DP1 impacts="Suppliers" route=refinement', id('sam'), T0);
    await engine.ask('views open DP1', id('sam'), T0);
    await engine.ask('views close DP1', id('sam'), T0);
    const monday = london('2026-12-07T09:00');
    const notes = await engine.digest(monday);
    expect(notes.map((n) => n.to)).toEqual([{ kind: 'person', person: id('chair') }]);
    expect(notes[0]?.text).toContain('DP001');
    await engine.digest(monday);
    expect(await count(h.store, 'outbox', "key like 'digest:%'")).toBe(1);
  });
});
