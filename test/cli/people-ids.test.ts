// R1 R49 `secbot people import` against the directory, through the CLI on an embedded PGlite
// (--data-dir) and on PostgreSQL (--database-url): a Slack or Teams id is one person's, so a file that
// would give it to someone else, or to two rows, is refused with the line and nothing is applied; an
// unknown alternate is named with its line in the same pass as the other row errors; only a Change
// Board member has an alternate (R33, R62).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPeople, withEngine } from '../../adapters/cli/people.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';

const HEADER = 'email,name,roles,group,slack,teams';
const GUID = '5f2b1c3d-0a1b-4c2d-9e8f-0123456789ab';
const NOTE =
  'secbot people import: an import never moves a Slack or Teams id from one person to another (an empty slack or teams field does not unlink it either)';

type Where = { name: string; args(): Promise<string[]>; done(): Promise<void> };

const dir = mkdtempSync(join(tmpdir(), 'secbot-people-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let pg: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
const WHERE: Where[] = [
  { name: 'PGlite', args: async () => ['--data-dir', join(dir, 'data')], done: async () => {} },
];
if (pgUnreachable === undefined) {
  WHERE.push({
    name: 'PostgreSQL',
    args: async () => ['--database-url', (pg ??= await createPgDatabase()).url],
    done: async () => pg?.drop(),
  });
}

// An embedded database is opened by each run (seconds each on a busy machine).
describe.each(WHERE)('R1 R49 people import and the directory on $name', { timeout: 240_000 }, (where) => {
  let args: string[];
  beforeAll(async () => {
    args = await where.args();
  }, 60_000);
  afterAll(() => where.done());

  let n = 0;
  const file = (lines: string[]): string => {
    const path = join(dir, `${where.name}-${++n}.csv`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const run = (path: string) => runPeople(['import', path, ...args], {});
  const open = async <T>(fn: Parameters<typeof withEngine<T>>[2]): Promise<T> => {
    const open = args[0] === '--data-dir' ? { dataDir: args[1] } : { databaseUrl: args[1] };
    const r = await withEngine(open, {}, fn);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  /** Who has the ids the tests use, and who is in the directory: one opening of the database. */
  const state = () =>
    open(async (e) => ({
      slack: await e.whoIs('slack', 'U012345'),
      teams: await e.whoIs('teams', GUID),
      pair: await e.whoIs('slack', 'U0AAAA'),
      people: (await e.people()).map((p) => p.id).sort(),
    }));
  const SAM_ONLY = {
    slack: 'sam@example.org',
    teams: 'sam@example.org',
    pair: null,
    people: ['sam@example.org'],
  };
  const refused = (path: string, lines: string[]) => ({
    code: 2,
    stdout: '',
    stderr: `${[...lines, `secbot people import: ${path} not imported; nothing was applied`].join('\n')}\n`,
  });

  it('R1 an id linked to another person is refused with its line (was: moved to the new row)', async () => {
    const sam = file([
      `${HEADER},alternate`,
      `sam@example.org,Sam Smith,party;change_board,Beta Supply,U012345,${GUID},`,
    ]);
    expect(await run(sam)).toEqual({
      code: 0,
      stdout: `Added Sam Smith (sam@example.org): SEC Party, Change Board member; voting group Beta Supply; Slack id U012345; Teams id ${GUID}.\nadded 1, updated 0, unchanged 0\n`,
      stderr: '',
    });

    const steal = file([
      HEADER,
      'ok@example.org,Fine,party,G,,',
      'b@example.org,B,admin,G,U012345,',
      `t@example.org,T,party,G,,${GUID.toUpperCase()}`,
    ]);
    expect(await run(steal)).toEqual(
      refused(steal, [
        'line 3: slack id U012345 is already linked to sam@example.org',
        `line 4: teams id ${GUID.toUpperCase()} is already linked to sam@example.org`,
        NOTE,
      ]),
    );
    expect(await state()).toEqual(SAM_ONLY);

    // Sam's own ids again, or Sam with the fields empty: nothing changes, the ids stay Sam's.
    expect((await run(sam)).stdout).toBe('added 0, updated 0, unchanged 1\n');
    const empty = file([HEADER, 'sam@example.org,Sam Smith,party;change_board,Beta Supply,,']);
    expect(await run(empty)).toEqual({ code: 0, stdout: 'added 0, updated 0, unchanged 1\n', stderr: '' });
    // So the id still cannot go to B.
    expect((await run(steal)).code).toBe(2);
    expect(await state()).toEqual(SAM_ONLY);
  });

  it('R1 two rows of one file with the same id are refused: line N: … is also on line M (was: last row won)', async () => {
    const two = file([
      HEADER,
      'e1@example.org,E1,party,G,U0AAAA,',
      `e2@example.org,E2,party,G,,${GUID.replace('5f', '6f')}`,
      'e3@example.org,E3,party,G,U0AAAA,',
      `e4@example.org,E4,party,G,,${GUID.replace('5f', '6f').toUpperCase()}`,
    ]);
    expect(await run(two)).toEqual(
      refused(two, [
        'line 4: slack id U0AAAA is also on line 2',
        `line 5: teams id ${GUID.replace('5f', '6f').toUpperCase()} is also on line 3`,
      ]),
    );
    expect(await state()).toEqual(SAM_ONLY);
  });

  it('R49 R62 an unknown alternate has its line and comes with the other row errors in one pass', async () => {
    const bad = file([
      `${HEADER},alternate`,
      'kim@example.org,Kim,change_board,G,,,',
      'kim2@example.org,Kim Two,change_board,G,,,nobody@example.org',
      'x@example.org,,party,G,,,',
      'kim3@example.org,Kim Three,change_board,G,,,sam@example.org',
      'kim4@example.org,Kim Four,change_board,G,,,y@example.org',
      'y@example.org,Y,wizard,G,,,',
    ]);
    expect(await run(bad)).toEqual(
      refused(bad, [
        'line 3: alternate nobody@example.org is not in the file or the directory',
        'line 4: name is empty',
        // R62: Sam is on the Change Board (above), so votes in his own seat.
        'line 5: sam@example.org is a Change Board member and votes in their own seat, so cannot be an alternate',
        'line 7: roles: unknown role "wizard" (roles: party, secas, change_board, panel, panel_chair, admin)',
      ]),
    );
    expect(await state()).toEqual(SAM_ONLY);
  });

  it('R62 a voting group spelt like another but for capitals or spaces is refused with its line, as in chat', async () => {
    const bad = file([
      HEADER,
      'kim@example.org,Kim,change_board,Suppliers,,',
      'pat@example.org,Pat,change_board,suppliers,,',
      // Sam (in the directory) is in "Beta Supply"; a row spelling it otherwise is refused too.
      'lee@example.org,Lee,change_board,beta  supply,,',
    ]);
    const r = await run(bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'line 2: voting group "Suppliers" differs from "suppliers" (pat@example.org) only in capitals or spaces; groups are counted by their exact name',
    );
    expect(r.stderr).toContain(
      'line 4: voting group "beta  supply" differs from "Beta Supply" (sam@example.org)',
    );
    expect(await state()).toEqual(SAM_ONLY);
  });

  it('R33 R62 only a Change Board member has an alternate', async () => {
    const bad = file([
      `${HEADER},alternate`,
      'kim@example.org,Kim,change_board,G,,,',
      'pat@example.org,Pat,party;panel,G,,,kim@example.org',
    ]);
    expect(await run(bad)).toEqual(refused(bad, ['line 3: only a Change Board member has an alternate']));
    expect(await state()).toEqual(SAM_ONLY);
    // R62: nor is a Change Board member anyone's alternate, as `admin alternate` refuses it; nor do two
    // members stand in for each other.
    const board = file([
      `${HEADER},alternate`,
      'kim@example.org,Kim,change_board,G,,,',
      'pat@example.org,Pat,party;change_board,G,,,kim@example.org',
    ]);
    expect(await run(board)).toEqual(
      refused(board, [
        'line 3: kim@example.org is a Change Board member and votes in their own seat, so cannot be an alternate',
      ]),
    );
    const mutual = file([
      `${HEADER},alternate`,
      'kim@example.org,Kim,change_board,G,,,pat@example.org',
      'pat@example.org,Pat,party;change_board,G,,,kim@example.org',
    ]);
    expect((await run(mutual)).stderr).toContain(
      'line 2: pat@example.org is a Change Board member and votes in their own seat',
    );
    expect(await state()).toEqual(SAM_ONLY);
    const good = file([
      `${HEADER},alternate`,
      'kim@example.org,Kim,party,G,,,',
      'pat@example.org,Pat,party;change_board,G,,,kim@example.org',
    ]);
    expect((await run(good)).stdout).toBe(
      [
        'Added Kim (kim@example.org): SEC Party; voting group G.',
        'Added Pat (pat@example.org): SEC Party, Change Board member; voting group G; alternate Kim.',
        'added 2, updated 0, unchanged 0',
        '',
      ].join('\n'),
    );
  });
});
