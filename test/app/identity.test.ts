// R1, R2 inside the command's transaction, on both databases: someone on a platform is found by their
// linked id, else by the e-mail the platform holds (then linked, in the same transaction as the
// command), else nobody, with nothing written. The e-mail that costs a platform call (Slack's
// users.info) is asked for only when the id is not linked, so a linked user's command is one
// transaction and a first contact two.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { withEmail } from '../../src/app/identity.ts';
import type { PlatformUser } from '../../src/app/ports.ts';
import type { Store } from '../../src/app/store.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { count, eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const T0 = london('2026-12-01T10:00');
const NOT_REGISTERED = 'You are not registered; ask an admin.';
const raise = { type: 'raise' as const, title: 'Found', problem: 'By identity', fastTrack: false };

/** A Slack user whose e-mail costs a users.info call: the calls are counted. */
function slackUser(platformId: string, email: string | undefined) {
  const asked: string[] = [];
  const user: PlatformUser = {
    platform: 'slack',
    platformId,
    email: async () => {
      asked.push(platformId);
      return email;
    },
  };
  return { user, asked };
}

eachDatabase('identity in the transaction', (h) => {
  let engine: Engine;
  let transactions: number;
  /** The last event of the import: what a test writes comes after it. */
  let imported: number;
  beforeEach(async () => {
    await resetStore(h.store);
    transactions = 0;
    // The same store, counting its transactions.
    const counting: Store = Object.create(h.store, {
      transaction: {
        value: (fn: Parameters<Store['transaction']>[0]) => {
          transactions++;
          return h.store.transaction(fn);
        },
      },
    });
    engine = createEngine(counting, { settings: DEFAULT_SETTINGS });
    const rows = PEOPLE.map((p) => (p.handle === 'alice' ? { ...p, slack: 'UALICE' } : p));
    await engine.importPeople(rows, { source: 't', now: T0 });
    imported = Number((await query<{ id: number }>(h.store, 'select max(id) as id from events'))[0]?.id);
    transactions = 0;
  });
  const links = () => count(h.store, 'events', `type = 'IdentityLinked' and id > ${imported}`);

  const events = (where: string) =>
    query<{ type: string; actor: string; platform: string; stream: number }>(
      h.store,
      `select type, actor, platform, stream from events where ${where} order by id`,
    );

  it('R1: a linked user is one transaction and no platform call', async () => {
    const { user, asked } = slackUser('UALICE', 'alice@example.org');
    const out = await engine.execute(
      { command: raise, actor: user, platform: 'slack', deliveryId: 'd1' },
      T0,
    );
    expect(out).toMatchObject({ ok: true, code: null });
    expect(transactions).toBe(1);
    expect(asked).toEqual([]);
    expect(await events(`type = 'Raised'`)).toEqual([
      { type: 'Raised', actor: id('alice'), platform: 'slack', stream: 1 },
    ]);
  });

  it('R1: an unlinked user is found by e-mail and linked in the transaction of their command (two on first contact)', async () => {
    const { user, asked } = slackUser('UBOB', ' Bob@Example.org ');
    const out = await engine.execute(
      { command: raise, actor: user, platform: 'slack', deliveryId: 'd1' },
      T0,
    );
    expect(out).toMatchObject({ ok: true });
    expect(asked).toEqual(['UBOB']);
    expect(transactions).toBe(2);
    // The link comes first in the command's transaction, then the command's own events.
    const written = await events(`id > ${imported}`);
    expect(written.slice(0, 2)).toEqual([
      { type: 'IdentityLinked', actor: 'system', platform: 'slack', stream: 0 },
      { type: 'Raised', actor: id('bob'), platform: 'slack', stream: 1 },
    ]);
    expect(await engine.whoIs('slack', 'UBOB')).toBe(id('bob'));
    // Known by id from now on: no platform call, one transaction.
    transactions = 0;
    await engine.execute({ command: { ...raise, title: 'Again' }, actor: user, platform: 'slack' }, T0);
    expect([asked.length, transactions]).toEqual([1, 1]);
  });

  it('R1: an e-mail the platform gives with the request (Teams) links in one transaction', async () => {
    const user: PlatformUser = { platform: 'teams', platformId: 'aad-bob', email: 'bob@example.org' };
    expect(await engine.execute({ command: raise, actor: user, platform: 'teams' }, T0)).toMatchObject({
      ok: true,
    });
    expect(transactions).toBe(1);
    expect(await engine.whoIs('teams', 'aad-bob')).toBe(id('bob'));
  });

  it('R1: without a platform id the e-mail answers this request alone: nothing is linked', async () => {
    const user: PlatformUser = { platform: 'teams', email: 'bob@example.org' };
    expect(await engine.execute({ command: raise, actor: user, platform: 'teams' }, T0)).toMatchObject({
      ok: true,
    });
    expect(await links()).toBe(0);
    expect(await events(`type = 'Raised'`)).toEqual([
      { type: 'Raised', actor: id('bob'), platform: 'teams', stream: 1 },
    ]);
  });

  it('R1, R2: nobody the directory knows is refused and nothing is written, not even the delivery', async () => {
    const before = [await count(h.store, 'events'), await count(h.store, 'deliveries')];
    for (const email of ['nobody@elsewhere.org', undefined]) {
      const { user, asked } = slackUser('UGHOST', email);
      const out = await engine.execute(
        { command: raise, actor: user, platform: 'slack', deliveryId: 'g1' },
        T0,
      );
      expect(out).toEqual({
        ok: false,
        code: 'not_registered',
        reply: NOT_REGISTERED,
        duplicate: false,
        notifications: [],
      });
      expect(asked).toEqual(['UGHOST']);
    }
    expect([await count(h.store, 'events'), await count(h.store, 'deliveries')]).toEqual(before);
  });

  it('R1: a link made by e-mail stays when the command itself is refused (R2)', async () => {
    const { user } = slackUser('UBOB', 'bob@example.org');
    const out = await engine.execute(
      {
        command: { type: 'panel-close', ref: 1, reason: 'no' },
        actor: user,
        platform: 'slack',
        deliveryId: 'x',
      },
      T0,
    );
    expect(out.ok).toBe(false);
    expect(out.code).not.toBe('not_registered');
    expect(await engine.whoIs('slack', 'UBOB')).toBe(id('bob'));
    expect(
      await query(h.store, `select outcome->>'code' as code from deliveries where delivery_id = 'x'`),
    ).toEqual([{ code: out.code }]);
  });

  it('R1, R66: a query links a first contact too; a stranger gets help but not status', async () => {
    const { user } = slackUser('UBOB', 'bob@example.org');
    expect((await engine.ask('list', user, T0, { platform: 'slack' })).ok).toBe(true);
    expect(await engine.whoIs('slack', 'UBOB')).toBe(id('bob'));
    const ghost = slackUser('UGHOST', undefined);
    expect((await engine.ask('help', ghost.user, T0, { platform: 'slack' })).reply).toMatch(/workdays/);
    expect(await engine.ask('status DP001', ghost.user, T0, { platform: 'slack' })).toMatchObject({
      code: 'not_registered',
      reply: NOT_REGISTERED,
    });
    expect(await engine.ask('frobnicate', ghost.user, T0, { platform: 'slack' })).toMatchObject({
      reply: NOT_REGISTERED,
    });
  });

  it('R1: identify on its own links by e-mail and answers null for nobody', async () => {
    expect(await engine.identify(slackUser('UBOB', 'bob@example.org').user, T0)).toBe(id('bob'));
    expect(await engine.identify(slackUser('UBOB', undefined).user, T0)).toBe(id('bob'));
    expect(await engine.identify(slackUser('UGHOST', 'x@y.org').user, T0)).toBeNull();
    expect(await links()).toBe(1);
  });
});

describe('withEmail', () => {
  it('asks for the e-mail only when the first attempt found nobody, and says which attempt is the last', async () => {
    const calls: string[] = [];
    const attempt = async (u: { email?: string | undefined }, last: boolean) => {
      calls.push(`${u.email ?? '-'} ${last}`);
      return u.email === 'b@x.org' ? 'found' : undefined;
    };
    let asked = 0;
    const lazy = async () => (asked++, 'b@x.org');
    expect(await withEmail({ platform: 'slack', platformId: 'U', email: lazy }, attempt)).toBe('found');
    expect([calls, asked]).toEqual([['- false', 'b@x.org true'], 1]);
    calls.length = 0;
    expect(await withEmail({ platform: 'teams', platformId: 'A', email: 'b@x.org' }, attempt)).toBe('found');
    expect(await withEmail({ platform: 'teams', platformId: 'A' }, attempt)).toBeUndefined();
    expect(calls).toEqual(['b@x.org true', '- true']);
  });
});
