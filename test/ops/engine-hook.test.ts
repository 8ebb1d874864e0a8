// The engine's onOutcome hook (the only metrics code near the core): one call per command,
// with the outcome or 'error' when the command threw; none for queries; a hook that throws cannot
// fail a command that has committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open.ts';
import type { OpenStore } from '../../db/open.ts';
import type { Outcome, Platform } from '../../src/app/ports.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { count } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const now = london('2027-01-11T09:00');
type Seen = [Platform, 'error' | { ok: boolean; code: string | null; duplicate: boolean }];
const brief = (p: Platform, o: Outcome | 'error'): Seen => [
  p,
  o === 'error' ? o : { ok: o.ok, code: o.code, duplicate: o.duplicate },
];

describe('createEngine({ onOutcome })', () => {
  let store: OpenStore;
  beforeAll(async () => {
    store = await openStore({ memory: true });
    await createEngine(store, { settings: DEFAULT_SETTINGS }).importPeople(PEOPLE, { source: 'test', now });
  }, 60_000);
  afterAll(() => store?.close());

  it('is told every command once, with its platform, and no query', async () => {
    const seen: Seen[] = [];
    const engine = createEngine(store, {
      settings: DEFAULT_SETTINGS,
      onOutcome: (p, o) => void seen.push(brief(p, o)),
    });
    await engine.ask('raise title="Hooked" problem="Once"', id('alice'), now, {
      platform: 'teams',
      deliveryId: 'd1',
    });
    await engine.ask('raise title="Hooked" problem="Once"', id('alice'), now, {
      platform: 'teams',
      deliveryId: 'd1',
    });
    await engine.ask('withdraw DP999 gone', id('alice'), now, { platform: 'slack' });
    await engine.ask('raise title="x"', id('alice'), now, { platform: 'slack' });
    await engine.ask('raise title="A" problem="B"', null, now, { platform: 'slack' });
    await engine.ask('help', id('alice'), now, { platform: 'slack' });
    await engine.ask('status DP001', id('alice'), now, { platform: 'slack' });
    await engine.execute(
      { command: { type: 'withdraw', ref: 1, reason: 'done' }, actor: id('alice'), platform: 'cli' },
      now,
    );
    expect(seen).toEqual([
      ['teams', { ok: true, code: null, duplicate: false }],
      ['teams', { ok: true, code: null, duplicate: true }],
      ['slack', { ok: false, code: 'not_found', duplicate: false }],
      ['slack', { ok: false, code: 'bad_input', duplicate: false }],
      ['slack', { ok: false, code: 'not_registered', duplicate: false }],
      ['cli', { ok: true, code: null, duplicate: false }],
    ]);
  });

  it("reports 'error' when the command throws, and the error still reaches the caller", async () => {
    const broken = await openStore({ memory: true });
    const seen: Seen[] = [];
    const engine = createEngine(broken, {
      settings: DEFAULT_SETTINGS,
      onOutcome: (p, o) => void seen.push(brief(p, o)),
    });
    await broken.close();
    await expect(
      engine.ask('raise title="A" problem="B"', id('alice'), now, { platform: 'slack' }),
    ).rejects.toThrow();
    expect(seen).toEqual([['slack', 'error']]);
  }, 60_000);

  it('a hook that throws does not turn a committed command into an error', async () => {
    const engine = createEngine(store, {
      settings: DEFAULT_SETTINGS,
      onOutcome: () => {
        throw new Error('counter broke');
      },
    });
    const before = await count(store, 'events');
    const o = await engine.ask('raise title="Still" problem="Committed"', id('bob'), now, {
      platform: 'slack',
    });
    expect(o.ok).toBe(true);
    expect(await count(store, 'events')).toBeGreaterThan(before);
  });
});
