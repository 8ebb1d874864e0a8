import { describe, expect, it } from 'vitest';
import { parseScript, type Script } from '../../adapters/cli/script-file.ts';
import { isoLondon } from '../../src/domain/working-days.ts';

const PEOPLE = [
  'people:',
  'alice alice@example.org "Alice Party" party',
  'sam sam@example.org "Sam Secas" secas',
  'cb1 cb1@example.org "Carol \\"CB\\" One" change_board group=Suppliers alt=cb2',
  'cb2 CB2@Example.org "Cb Two" change_board,party group="Large Suppliers"',
  '',
];

const ok = (text: string): Script => {
  const r = parseScript(text);
  if (!r.ok) throw new Error(`line ${r.line}: ${r.message}`);
  return r.script;
};

const bad = (lines: string[]): { line: number; message: string } => {
  const r = parseScript(lines.join('\n'));
  if (r.ok) throw new Error('expected a malformed script');
  return { line: r.line, message: r.message };
};

describe('R68 the script file', () => {
  it('R68 reads the people block, config, advance and command lines with their physical line numbers', () => {
    const s = ok(
      [
        '# a demo',
        ...PEOPLE,
        'config SEC_PANEL_QUORUM=3',
        '',
        '2026-12-03T10:00 alice raise title="Fix it" problem="Broken"',
        '   # an indented comment',
        '2026-12-03T10:00:30 sam iar DP001 impacts="none" route=report',
        'advance 2027-01-04T00:00',
      ].join('\n'),
    );
    expect(s.people.map((p) => [p.line, p.handle, p.email, p.name, p.roles, p.group, p.alt])).toEqual([
      [3, 'alice', 'alice@example.org', 'Alice Party', ['party'], undefined, undefined],
      [4, 'sam', 'sam@example.org', 'Sam Secas', ['secas'], undefined, undefined],
      [5, 'cb1', 'cb1@example.org', 'Carol "CB" One', ['change_board'], 'Suppliers', 'cb2'],
      [6, 'cb2', 'CB2@Example.org', 'Cb Two', ['change_board', 'party'], 'Large Suppliers', undefined],
    ]);
    expect(s.peopleLine).toBe(2);
    expect(s.steps.map((st) => [st.kind, st.line])).toEqual([
      ['config', 8],
      ['command', 10],
      ['command', 12],
      ['advance', 13],
    ]);
    const [config, raise, iar, advance] = s.steps;
    expect(config).toMatchObject({ key: 'SEC_PANEL_QUORUM', patch: { SEC_PANEL_QUORUM: 3 } });
    expect(raise).toMatchObject({ handle: 'alice', text: 'raise title="Fix it" problem="Broken"' });
    expect(raise?.kind === 'command' && isoLondon(raise.at)).toBe('2026-12-03T10:00:00+00:00');
    expect(iar?.kind === 'command' && isoLondon(iar.at)).toBe('2026-12-03T10:00:30+00:00');
    expect(advance?.kind === 'advance' && isoLondon(advance.at)).toBe('2027-01-04T00:00:00+00:00');
  });

  it('R68 times are London wall-clock times, summer ones at +01:00', () => {
    const s = ok([...PEOPLE, '2026-07-01T09:30 alice status DP001'].join('\n'));
    const [step] = s.steps;
    expect(step?.kind === 'command' && isoLondon(step.at)).toBe('2026-07-01T09:30:00+01:00');
    expect(step?.kind === 'command' && step.at.toISOString()).toBe('2026-07-01T08:30:00.000Z');
  });

  it('R68 equal times are fine; CRLF line ends and a people block at the end of the file are accepted', () => {
    const s = ok(
      [
        ...PEOPLE,
        '2026-12-03T10:00 alice help',
        '2026-12-03T10:00 sam help',
        'advance 2026-12-03T10:00',
      ].join('\r\n'),
    );
    expect(s.steps).toHaveLength(3);
    expect(ok('people:\nzed zed@example.org "Zed" admin').people).toHaveLength(1);
    expect(ok('# nothing but a comment\n\n').steps).toEqual([]);
  });

  it('R68 config parses the value with the setting schema (booleans, enums, numbers)', () => {
    const s = ok(
      [
        'config SEC_SHOW_RUNNING_SPLIT=true',
        'config SEC_CB_RULE=voting_groups',
        'config SEC_CUTOFF=16:30',
      ].join('\n'),
    );
    expect(s.steps.map((st) => (st.kind === 'config' ? st.patch : null))).toEqual([
      { SEC_SHOW_RUNNING_SPLIT: true },
      { SEC_CB_RULE: 'voting_groups' },
      { SEC_CUTOFF: '16:30' },
    ]);
  });

  const cases: [string, string[], number, RegExp][] = [
    ['an unknown handle', [...PEOPLE, '2026-12-03T10:00 bob help'], 7, /unknown handle bob/],
    ['an unknown role', ['people:', 'a a@example.org "A" party,wizard', ''], 2, /unknown role "wizard"/],
    ['a missing role', ['people:', 'a a@example.org "A"', ''], 2, /missing roles/],
    ['a bad time', [...PEOPLE, '2026-13-03T10:00 alice help'], 7, /bad time "2026-13-03T10:00"/],
    ['a time without minutes', [...PEOPLE, '2026-12-03T10 alice help'], 7, /bad time/],
    ['a date with no time', [...PEOPLE, '2026-12-03 alice help'], 7, /bad time/],
    ['an impossible date', [...PEOPLE, '2026-02-30T10:00 alice help'], 7, /bad time/],
    [
      'a decreasing time',
      [...PEOPLE, '2026-12-03T10:00 alice help', '', '2026-12-03T09:59:59 alice help'],
      9,
      /before the time on line 7/,
    ],
    [
      'a decreasing advance',
      [...PEOPLE, 'advance 2026-12-04T00:00', '2026-12-03T10:00 alice help'],
      8,
      /before/,
    ],
    ['a bad advance time', [...PEOPLE, 'advance tomorrow'], 7, /bad time "tomorrow"/],
    [
      'advance with two times',
      [...PEOPLE, 'advance 2026-12-04T00:00 2026-12-05T00:00'],
      7,
      /expected: advance/,
    ],
    ['a command with no text', [...PEOPLE, '2026-12-03T10:00 alice'], 7, /expected: <time> <handle>/],
    ['a line that is none of the kinds', [...PEOPLE, 'alice raise'], 7, /expected a time, advance, config/],
    ['an unknown setting', [...PEOPLE, 'config SEC_NOPE=1'], 7, /unknown setting SEC_NOPE/],
    // R47, R68: the same line as a wrong value in the environment gets.
    [
      'a bad setting value',
      [...PEOPLE, 'config SEC_CB_RULE=dictator'],
      7,
      /^SEC_CB_RULE: must be simple_majority or voting_groups, not "dictator"$/,
    ],
    ['a bad cut-off', ['config SEC_CUTOFF=5pm'], 1, /^SEC_CUTOFF: must be a time HH:MM, 24-hour/],
    [
      'a bad flag',
      ['config SEC_SHOW_RUNNING_SPLIT=yes'],
      1,
      /^SEC_SHOW_RUNNING_SPLIT: must be true or false, not "yes"$/,
    ],
    [
      'a hexadecimal quorum',
      ['config SEC_PANEL_QUORUM=0x10'],
      1,
      /^SEC_PANEL_QUORUM: must be a whole number from 1 to 100/,
    ],
    [
      'an exponent',
      ['config SEC_VIEWS_WD=1e1'],
      1,
      /^SEC_VIEWS_WD: must be a whole number of working days from 1 to 260, not "1e1"$/,
    ],
    ['config without =', ['config SEC_CUTOFF'], 1, /expected: config KEY=value/],
    ['a malformed person line', ['people:', 'alice "Alice" party', ''], 2, /malformed person line/],
    ['a bad e-mail', ['people:', 'a not-an-email "A" party', ''], 2, /bad e-mail/],
    ['a bad handle', ['people:', '1a a@example.org "A" party', ''], 2, /bad handle/],
    ['an unterminated name', ['people:', 'a a@example.org "A party', ''], 2, /unterminated quote/],
    ['an empty name', ['people:', 'a a@example.org "" party', ''], 2, /empty name/],
    ['an unknown option', ['people:', 'a a@example.org "A" party team=x', ''], 2, /unexpected "team=x"/],
    [
      'a duplicate handle',
      ['people:', 'a a@example.org "A" party', 'A b@example.org "B" party', ''],
      3,
      /duplicate handle A \(first on line 2\)/,
    ],
    [
      'a duplicate e-mail',
      ['people:', 'a a@example.org "A" party', 'b A@example.org "B" party', ''],
      3,
      /duplicate e-mail/,
    ],
    [
      'an alternate who is not in the block',
      ['people:', 'a a@example.org "A" change_board alt=zed', ''],
      2,
      /unknown handle zed in alt=/,
    ],
    ['oneself as alternate', ['people:', 'a a@example.org "A" change_board alt=a', ''], 2, /own alternate/],
    [
      'one alternate for two members (R62)',
      [
        'people:',
        'a a@example.org "A" change_board alt=x',
        'b b@example.org "B" change_board alt=x',
        'x x@example.org "X" party',
        '',
      ],
      3,
      /x is already the alternate for a \(line 2\); a person can be the alternate for one member only/,
    ],
    [
      'a second Panel chair (R54)',
      ['people:', 'c1 c1@example.org "C1" panel_chair', 'c2 c2@example.org "C2" panel,panel_chair', ''],
      3,
      /second panel_chair .*first on line 2/,
    ],
    [
      'a second people block',
      [...PEOPLE, 'people:', 'x x@example.org "X" party', ''],
      7,
      /second people: block/,
    ],
    ['a people block after commands', ['config SEC_VIEWS_WD=3', 'people:', ''], 2, /must come before/],
    [
      'a handle used before the people block ends',
      ['people:', 'a a@example.org "A" party', '2026-12-03T10:00 a help'],
      3,
      /malformed person line/,
    ],
  ];
  for (const [what, lines, line, message] of cases) {
    it(`R68 ${what} is malformed, naming line ${line}`, () => {
      const r = bad(lines);
      expect(r.line).toBe(line);
      expect(r.message).toMatch(message);
    });
  }
});
