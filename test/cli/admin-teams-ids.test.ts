// R1: a Teams id is an AAD object id, a GUID, which is case-insensitive. However it is typed (a CSV
// import, `admin link … teams:<id>`, or a Teams payload), it is stored and looked up lower-cased, so
// the same person is found; a Teams id that is not a GUID is refused in chat as the CSV refuses it.
import { beforeAll, describe, expect, it } from 'vitest';
import { readPeopleCsv } from '../../adapters/cli/people-csv.ts';
import { teamsUser } from '../../adapters/teams/identity.ts';
import { importPeople } from '../../src/app/people-import.ts';
import type { SystemEvent } from '../../src/domain/events.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import { eachDatabase, query, resetStore } from '../support/databases.ts';
import { Scenario } from '../support/scenario.ts';

const LOWER = '5f2b1c3d-0a1b-4c2d-9e8f-0123456789ab';
const UPPER = LOWER.toUpperCase();

eachDatabase('R1 Teams ids without case', (h) => {
  const teamsRows = () =>
    query<{ platform_id: string; person_id: string }>(
      h.store,
      `select platform_id, person_id from identities where platform = 'teams' order by platform_id`,
    );
  beforeAll(async () => {
    await resetStore(h.store);
  });

  it('R1 a Teams id imported in upper case is stored lower-cased and found however it is typed', async () => {
    const csv = readPeopleCsv(`email,name,roles,group,slack,teams\nsam@example.org,Sam,secas,,,${UPPER}\n`);
    expect(csv.errors).toEqual([]);
    const rows = csv.entries.map(({ row }) => ({
      email: row.email,
      name: row.name,
      roles: row.roles,
      ...(row.teams ? { teams: row.teams } : {}),
    }));
    await importPeople(h.store, rows, { source: 'test', now: new Date('2027-01-11T09:00:00Z') });
    expect(await teamsRows()).toEqual([{ platform_id: LOWER, person_id: 'sam@example.org' }]);
    expect(await h.store.personByIdentity('teams', LOWER)).toBe('sam@example.org');
    expect(await h.store.personByIdentity('teams', UPPER)).toBe('sam@example.org');
  });

  it('R1 the same import typed in upper case again links nothing new', async () => {
    await importPeople(h.store, [{ email: 'sam@example.org', name: 'Sam', roles: ['secas'], teams: UPPER }], {
      source: 'test',
      now: new Date('2027-01-11T09:01:00Z'),
    });
    expect(await teamsRows()).toEqual([{ platform_id: LOWER, person_id: 'sam@example.org' }]);
  });

  it('R1 an id linked in upper case before is found, and a later link puts it in lower case', async () => {
    const apply = (...events: SystemEvent[]) => h.store.transaction((tx) => tx.applySystemEvents(events));
    const OTHER = 'aaaaaaaa-0a1b-4c2d-9e8f-0123456789ab';
    await query(
      h.store,
      `insert into identities (platform, platform_id, person_id) values ('teams', '${OTHER.toUpperCase()}', 'sam@example.org')`,
    );
    expect(await h.store.personByIdentity('teams', OTHER)).toBe('sam@example.org');
    await apply({ type: 'IdentityLinked', person: 'sam@example.org', platform: 'teams', platformId: OTHER });
    expect((await teamsRows()).map((r) => r.platform_id)).toEqual([LOWER, OTHER].sort());
  });
});

describe('R1 Teams ids in chat and from Teams', () => {
  it('R1 admin link lower-cases a Teams id', () => {
    const r = parse(`admin link cb1 teams:${UPPER}`);
    expect(r.ok && r.input.kind === 'command' ? r.input.command : r).toEqual({
      type: 'admin-link',
      person: 'cb1',
      platform: 'teams',
      platformId: LOWER,
    });
    const s = new Scenario();
    const d = s.ok('ada', { type: 'admin-link', person: 'cb1', platform: 'teams', platformId: UPPER });
    expect(d.events).toEqual([
      { type: 'IdentityLinked', person: 'cb1', platform: 'teams', platformId: LOWER },
    ]);
  });

  it('R1 admin link refuses a Teams id that is not a GUID, as the CSV does', () => {
    const s = new Scenario();
    const r = s.refused(
      'ada',
      { type: 'admin-link', person: 'cb1', platform: 'teams', platformId: 'abc' },
      'bad_input',
    );
    expect(r.message).toBe(
      '"abc" is not a Teams user id: give the person\'s AAD object id, a GUID such as 5f2b1c3d-0a1b-4c2d-9e8f-0123456789ab.',
    );
    // A Slack id keeps its case and its looser check.
    s.ok('ada', { type: 'admin-link', person: 'cb1', platform: 'slack', platformId: 'U0CB1' });
  });

  it('R1 the Teams adapter looks a user up by the lower-cased AAD id', () => {
    expect(teamsUser({ id: '29:x', aadObjectId: UPPER }).platformId).toBe(LOWER);
  });
});
