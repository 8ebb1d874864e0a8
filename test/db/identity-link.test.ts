// R1 a platform id is one person's: the store's projection of IdentityLinked never moves an id from the
// person it is linked to (whichever caller emitted the link); such a link fails its transaction, which
// writes nothing, and says who has the id. Linking an id to its own person again changes nothing.
import { beforeAll, expect, it } from 'vitest';
import type { SystemEvent } from '../../src/domain/events.ts';
import { eachDatabase, query, resetStore } from '../support/databases.ts';

const link = (person: string, platform: 'slack' | 'teams', platformId: string): SystemEvent => ({
  type: 'IdentityLinked',
  person,
  platform,
  platformId,
});

eachDatabase('R1 IdentityLinked in the store', (h) => {
  const apply = (...events: SystemEvent[]) => h.store.transaction((tx) => tx.applySystemEvents(events));
  const rows = () =>
    query<{ platform: string; platform_id: string; person_id: string }>(
      h.store,
      'select platform, platform_id, person_id from identities order by platform, platform_id',
    );

  beforeAll(async () => {
    await resetStore(h.store);
  });

  it('links a new id, and again to the same person without change', async () => {
    await apply(link('sam@example.org', 'slack', 'U012345'), link('sam@example.org', 'teams', 'g-1'));
    await apply(link('sam@example.org', 'slack', 'U012345'));
    expect(await rows()).toEqual([
      { platform: 'slack', platform_id: 'U012345', person_id: 'sam@example.org' },
      { platform: 'teams', platform_id: 'g-1', person_id: 'sam@example.org' },
    ]);
  });

  it('refuses to move an id to another person (was: the upsert moved it), and writes nothing', async () => {
    await expect(
      apply(link('b@example.org', 'slack', 'U0NEW'), link('b@example.org', 'slack', 'U012345')),
    ).rejects.toThrow('slack id U012345 is already linked to sam@example.org');
    await expect(apply(link('b@example.org', 'teams', 'g-1'))).rejects.toThrow(
      'teams id g-1 is already linked to sam@example.org',
    );
    expect((await rows()).map((r) => `${r.platform}:${r.platform_id} ${r.person_id}`)).toEqual([
      'slack:U012345 sam@example.org',
      'teams:g-1 sam@example.org',
    ]);
  });
});
