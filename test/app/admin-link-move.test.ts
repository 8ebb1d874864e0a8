// R1 R49: `admin link <person> slack:<id>` for an id linked to someone else is the admin putting a
// wrong link right: the id moves to the person named, the reply says from whom, and the old owner no
// longer acts through it (an import never moves an id: test/cli/people-ids.test.ts). Linking an id to
// the person who has it is refused as already done, and nothing is written.
import { beforeEach, expect, it } from 'vitest';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { count, eachDatabase, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const T0 = london('2026-12-01T10:00');

eachDatabase('admin link of an id linked to someone else', (h) => {
  let engine: Engine;
  beforeEach(async () => {
    await resetStore(h.store);
    engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(
      PEOPLE.map((p) => (p.handle === 'bob' ? { ...p, slack: 'U0BOB1' } : p)),
      { source: 't', now: T0 },
    );
  });

  it('moves it to the person named and says from whom', async () => {
    const before = await count(h.store, 'events');
    const out = await engine.ask('admin link alice slack:U0BOB1', id('ada'), T0);
    expect(out.ok, out.reply).toBe(true);
    const bob = PEOPLE.find((p) => p.handle === 'bob');
    const alice = PEOPLE.find((p) => p.handle === 'alice');
    expect(commandsAs(out.reply, undefined)).toBe(
      `Linked slack:U0BOB1 to ${alice?.name}; it now acts as ${alice?.name} on slack. It was linked to ${bob?.name} (${bob?.email}), who no longer acts through it.`,
    );
    expect(await count(h.store, 'events')).toBe(before + 1);
    expect(await engine.whoIs('slack', 'U0BOB1')).toBe(id('alice'));
  });

  it('to the person who has it is refused as already done, and nothing is written', async () => {
    const before = await count(h.store, 'events');
    const out = await engine.ask('admin link bob slack:U0BOB1', id('ada'), T0);
    expect(out.ok).toBe(false);
    expect(out.code).toBe('already_done');
    expect(await count(h.store, 'events')).toBe(before);
    expect(await engine.whoIs('slack', 'U0BOB1')).toBe(id('bob'));
  });

  it('a free id is linked', async () => {
    const out = await engine.ask('admin link alice slack:U0ALICE', id('ada'), T0);
    expect(out.ok).toBe(true);
    expect(await engine.whoIs('slack', 'U0ALICE')).toBe(id('alice'));
  });
});
