import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPeople, withEngine } from '../../adapters/cli/people.ts';
import { csvRecords, parsePeopleCsv, type PersonRow } from '../../adapters/cli/people-csv.ts';

const HEADER = 'email,name,roles,group,slack,teams';
const GUID = '5f2b1c3d-0a1b-4c2d-9e8f-0123456789ab';

/** The CLI's output: one line each. */
const lines = (...out: string[]): string => `${out.join('\n')}\n`;
const rows = (text: string): PersonRow[] => {
  const r = parsePeopleCsv(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `line ${e.line}: ${e.message}`).join('\n'));
  return r.rows;
};
const errors = (text: string): string[] => {
  const r = parsePeopleCsv(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => `line ${e.line}: ${e.message}`);
};

describe('R49 people CSV', () => {
  it('R1 R49 reads people with roles split on ; and platform identities', () => {
    expect(
      rows(
        [
          HEADER,
          `ann@example.org,Ann Smith,change_board;party,Suppliers,U024BE7LH,${GUID}`,
          'sam@example.org,Sam Secas,secas,,,',
          'res@example.org,Resp Ondent,,,,',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      {
        email: 'ann@example.org',
        name: 'Ann Smith',
        roles: ['change_board', 'party'],
        group: 'Suppliers',
        slack: 'U024BE7LH',
        teams: GUID,
      },
      { email: 'sam@example.org', name: 'Sam Secas', roles: ['secas'] },
      // R61: a consultation respondent needs no role.
      { email: 'res@example.org', name: 'Resp Ondent', roles: [] },
    ]);
  });

  it('R49 quoted fields keep commas, doubled quotes and line breaks; CRLF and a BOM are accepted', () => {
    const text = `\uFEFF${HEADER}\r\na@example.org,"Smith, ""Al""",party,"Group, North",,\r\nb@example.org,"Two\nLines",party,,,\r\n`;
    expect(rows(text).map((r) => [r.name, r.group])).toEqual([
      ['Smith, "Al"', 'Group, North'],
      ['Two\nLines', undefined],
    ]);
  });

  it('R62 an optional trailing alternate column names the alternate by e-mail', () => {
    const text = [
      `${HEADER},alternate`,
      'm@example.org,Member,change_board,G1,,,alt@example.org',
      'alt@example.org,Alt,change_board,G1,,,',
    ].join('\n');
    // An empty cell under the column is null: the import clears that alternate; no column, no value.
    expect(rows(text).map((r) => r.alternate)).toEqual(['alt@example.org', null]);
    expect(rows(`${HEADER}\nm@example.org,Member,change_board,G1,,`)[0]).not.toHaveProperty('alternate');
    expect(errors(`${HEADER},alternate\nm@example.org,M,change_board,,,,M@example.org`)).toEqual([
      'line 2: alternate: a person cannot be their own alternate',
    ]);
  });

  it('R49 the header must be exactly email,name,roles,group,slack,teams', () => {
    for (const header of [
      'email,name,roles,group,slack',
      'name,email,roles,group,slack,teams',
      `${HEADER},extra`,
      '',
    ]) {
      expect(errors(`${header}\na@example.org,A,party,,,`)[0]).toMatch(/^line 1: the header must be/);
    }
  });

  it('R49 every bad row is reported with its 1-based line, and no row is returned', () => {
    const text = [
      HEADER,
      'good@example.org,Good,party,,,',
      'not-an-email,Bad,party,,,',
      'c@example.org,,party,,,',
      'd@example.org,D,party;wizard,,,',
      'e@example.org,E,party,,slack-user,',
      'f@example.org,F,party,,,not-a-guid',
      'g@example.org,G,party,,',
      '',
      'GOOD@example.org,Again,party,,,',
    ].join('\n');
    const r = parsePeopleCsv(text);
    expect(r.ok).toBe(false);
    expect(errors(text)).toEqual([
      'line 3: email: not an e-mail address',
      'line 4: name is empty',
      'line 5: roles: unknown role "wizard" (roles: party, secas, change_board, panel, panel_chair, admin)',
      'line 6: slack must be a Slack user id such as U024BE7LH',
      'line 7: teams must be an AAD object id (a GUID)',
      'line 8: expected 6 fields, got 5',
      'line 10: duplicate e-mail good@example.org (first on line 2)',
    ]);
  });

  it('R49 a record spanning lines reports its first line; an unterminated quote is reported where it opened', () => {
    expect(errors(`${HEADER}\na@example.org,"A\nB",wizard,,,\nb@example.org,B,nope,,,`)).toEqual([
      'line 2: roles: unknown role "wizard" (roles: party, secas, change_board, panel, panel_chair, admin)',
      'line 4: roles: unknown role "nope" (roles: party, secas, change_board, panel, panel_chair, admin)',
    ]);
    expect(errors(`${HEADER}\na@example.org,A,party,,,\nb@example.org,"B,party,,,\n`)).toEqual([
      'line 3: unterminated quoted field',
    ]);
    expect(errors(`${HEADER}\na@example.org,A "x",party,,,`)).toEqual([
      'line 2: a quote in the middle of an unquoted field',
    ]);
  });

  it('csvRecords keeps empty fields and quoted empty records', () => {
    expect(csvRecords('a,,b\n""\n\n,').records).toEqual([
      { line: 1, fields: ['a', '', 'b'] },
      { line: 2, fields: [''] },
      { line: 4, fields: ['', ''] },
    ]);
  });
});

describe('R1 R49 secbot people import (embedded database)', () => {
  let dir: string;
  let data: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'secbot-people-'));
    data = join(dir, 'data');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, lines: string[]): string => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n'));
    return path;
  };
  const people = async (dataDir = data) => {
    const r = await withEngine({ dataDir }, {}, (engine) => engine.people());
    if (!r.ok) throw new Error(r.error);
    return r.value
      .map(
        (p) =>
          `${p.id} ${p.name} ${[...p.roles].sort().join(';')}${p.alternate ? ` alt=${p.alternate}` : ''}`,
      )
      .sort();
  };

  it('R1 imports, re-imports without duplicates, updates; a bad file applies nothing (exit 2, line N: …)', async () => {
    const first = file('first.csv', [
      `${HEADER},alternate`,
      'Ann@Example.org,Ann Smith,change_board,G1,U024BE7LH,,alt@example.org',
      // R62: an alternate is not on the Change Board (a member votes in their own seat).
      'alt@example.org,Al Ternate,party,G1,,,',
      'sam@example.org,Sam Secas,secas,,,,',
    ]);
    expect(await runPeople(['import', first, '--data-dir', data], {})).toEqual({
      code: 0,
      stdout: lines(
        'Added Ann Smith (Ann@Example.org): Change Board member; voting group G1; Slack id U024BE7LH; alternate Al Ternate.',
        'Added Al Ternate (alt@example.org): SEC Party; voting group G1.',
        'Added Sam Secas (sam@example.org): SECAS.',
        'added 3, updated 0, unchanged 0',
      ),
      stderr: '',
    });
    expect((await runPeople(['import', first, '--data-dir', data], {})).stdout).toBe(
      'added 0, updated 0, unchanged 3\n',
    );
    const changed = file('changed.csv', [
      HEADER,
      'ann@example.org,Ann Jones,change_board;party,G1,U024BE7LH,',
      'new@example.org,New Person,party,,,',
    ]);
    // No alternate column: Ann keeps hers.
    expect((await runPeople(['import', changed, '--data-dir', data], {})).stdout).toBe(
      lines(
        'Updated Ann Jones (ann@example.org): name Ann Smith → Ann Jones; e-mail Ann@Example.org → ann@example.org; roles Change Board member → Change Board member, SEC Party.',
        'Added New Person (new@example.org): SEC Party.',
        'added 1, updated 1, unchanged 0',
      ),
    );
    const before = await people();
    expect(before).toEqual([
      'alt@example.org Al Ternate party',
      'ann@example.org Ann Jones change_board;party alt=alt@example.org',
      'new@example.org New Person party',
      'sam@example.org Sam Secas secas',
    ]);

    const bad = file('bad.csv', [
      HEADER,
      'ok@example.org,Fine,party,,,',
      'broken,Bad,wizard,,,',
      'sam@example.org,Sam Renamed,secas,,,',
    ]);
    const r = await runPeople(['import', bad, '--data-dir', data], {});
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      'line 3: email: not an e-mail address',
      'line 3: roles: unknown role "wizard" (roles: party, secas, change_board, panel, panel_chair, admin)',
    ]);
    expect(r.stderr).toContain('nothing was applied');
    // The directory refusing a row (an alternate nobody knows) also applies nothing.
    const orphan = file('orphan.csv', [
      `${HEADER},alternate`,
      'ok@example.org,Fine,party,,,,',
      'sam@example.org,Sam,secas;change_board,,,,ghost@example.org',
    ]);
    const o = await runPeople(['import', orphan, '--data-dir', data], {});
    expect(o.code).toBe(2);
    expect(o.stderr).toBe(
      `line 3: alternate ghost@example.org is not in the file or the directory\nsecbot people import: ${orphan} not imported; nothing was applied\n`,
    );
    expect(await people()).toEqual(before);
  }, 120_000); // each run opens the embedded database: seconds on a busy machine

  // Each of these starts from an empty directory of its own.
  let n = 0;
  const fresh = (): string => join(dir, `data-${++n}`);
  const run = async (path: string, dataDir: string): Promise<string> => {
    const r = await runPeople(['import', path, '--data-dir', dataDir], {});
    expect(r).toMatchObject({ code: 0, stderr: '' });
    return r.stdout;
  };

  it('R1 R71 a re-import names each person it updated and what changed, in words, and counts the rest', async () => {
    const d = fresh();
    await run(
      file('say-1.csv', [
        `${HEADER},alternate`,
        'carys@example.org,Carys Board,change_board,suppliers,,,dan@example.org',
        'dan@example.org,Dan Alt,party,,,,',
        'eve@example.org,Eve Secas,secas,,,,',
        'fay@example.org,Fay Party,party,,,,',
      ]),
      d,
    );
    const again = file('say-2.csv', [
      HEADER,
      'carys@example.org,Carys Board,change_board,,,',
      'dan@example.org,Dan Alt,party;panel,networks,U0DAN1,',
      `eve@example.org,Eve Secas,secas,,,${GUID}`,
      'fay@example.org,Fay Party,party,,,',
    ]);
    expect(await run(again, d)).toBe(
      lines(
        'Updated Carys Board (carys@example.org): voting group suppliers → none.',
        'Updated Dan Alt (dan@example.org): roles SEC Party → SEC Party, Panel member; voting group none → networks; Slack id U0DAN1 linked.',
        `Updated Eve Secas (eve@example.org): Teams id ${GUID} linked.`,
        'added 0, updated 3, unchanged 1',
      ),
    );
    expect(await run(again, d)).toBe('added 0, updated 0, unchanged 4\n');
  }, 120_000);

  it('R62 an empty cell under the alternate column clears the alternate, which may go to another member in the same file', async () => {
    const d = fresh();
    const header = `${HEADER},alternate`;
    await run(
      file('alt-1.csv', [
        header,
        'mia@example.org,Mia Member,change_board,G,,,al@example.org',
        'ned@example.org,Ned Member,change_board,G,,,',
        'al@example.org,Al Stand,party,,,,',
      ]),
      d,
    );
    const moved = file('alt-2.csv', [
      header,
      'mia@example.org,Mia Member,change_board,G,,,',
      'ned@example.org,Ned Member,change_board,G,,,al@example.org',
      'al@example.org,Al Stand,party,,,,',
    ]);
    expect(await run(moved, d)).toBe(
      lines(
        'Updated Mia Member (mia@example.org): alternate Al Stand → none.',
        'Updated Ned Member (ned@example.org): alternate none → Al Stand.',
        'added 0, updated 2, unchanged 1',
      ),
    );
    expect(await people(d)).toEqual([
      'al@example.org Al Stand party',
      'mia@example.org Mia Member change_board',
      'ned@example.org Ned Member change_board alt=al@example.org',
    ]);
  }, 120_000);

  it('R62 a file without the alternate column leaves every alternate as it is', async () => {
    const d = fresh();
    await run(
      file('keep-1.csv', [
        `${HEADER},alternate`,
        'mia@example.org,Mia Member,change_board,G,,,al@example.org',
        'al@example.org,Al Stand,party,,,,',
      ]),
      d,
    );
    const without = file('keep-2.csv', [
      HEADER,
      'mia@example.org,Mia Member,change_board,G,,',
      'al@example.org,Al Stand,party,,,',
    ]);
    expect(await run(without, d)).toBe('added 0, updated 0, unchanged 2\n');
    expect(await people(d)).toEqual([
      'al@example.org Al Stand party',
      'mia@example.org Mia Member change_board alt=al@example.org',
    ]);
  }, 120_000);

  it('R49 usage errors exit 2 without opening the database', async () => {
    expect((await runPeople([], {})).code).toBe(2);
    expect((await runPeople(['export', 'x.csv'], {})).stderr).toMatch(/expected import/);
    expect((await runPeople(['import'], {})).stderr).toMatch(/expected one CSV file/);
    expect((await runPeople(['import', join(dir, 'nope.csv')], {})).stderr).toMatch(/cannot read/);
  });
});

describe("R49 the README's sample directory, examples/people.csv", () => {
  it('R1 R49 imports as it is: an admin, SECAS, the Panel chair, a Change Board of five with an alternate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secbot-people-sample-'));
    try {
      const file = join(import.meta.dirname, '..', '..', 'examples', 'people.csv');
      const r = await runPeople(['import', file, '--data-dir', join(dir, 'data')], {});
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Added Olive Operator (olive.ops@example.org): admin.');
      expect(r.stdout).toContain('Added Pat Chair (pat.chair@example.org): Panel chair, Panel member.');
      expect(r.stdout).toMatch(
        /Added Carys Board \(carys\.board@example\.org\): Change Board member; voting group Large Suppliers; alternate Dan Alt\./,
      );
      expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('added 11, updated 0, unchanged 0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
