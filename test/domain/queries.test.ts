// Read-only answers (R32, R34, R45, R50, R66): help by role, status with counts and deadlines, list
// filters, workdays in words, config and history. The world is built from events, as the store does.
import { USAGE, parse } from '../../src/domain/grammar/parse.ts';
import { exampleOf } from '../../src/domain/grammar/examples.ts';
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/domain/ballots.ts';
import type { DomainEvent } from '../../src/domain/events.ts';
import type { Deadline } from '../../src/domain/modification.ts';
import { emptyWorld } from '../../src/domain/modification.ts';
import { evolveAll } from '../../src/domain/evolve.ts';
import { answer, formatHistory, help as helpMarked, list, status } from '../../src/domain/queries.ts';
import type { Result } from '../../src/domain/stages/common.ts';
import type { Context } from '../../src/domain/types.ts';
import { isRefusal } from '../../src/domain/types.ts';
import { Scenario, londonTime } from '../support/scenario.ts';
import { commandsAs } from '../../src/views/hints.ts';

/** Help read bare, as in a Teams 1:1 chat (each command in it is marked). */
const help = (...args: Parameters<typeof helpMarked>): string => commandsAs(helpMarked(...args), undefined);

const AT = '2026-12-01T10:00:00.000Z';
const raised = (n: number, proposer: string, title: string): DomainEvent => ({
  type: 'Raised',
  n,
  title,
  problem: 'p',
  proposer,
  fastTrackRequested: false,
  at: AT,
});
const deadline = (id: string, what: string, due: string, reminder = false): DomainEvent => ({
  type: 'DeadlineSet',
  n: 7,
  deadline: { id, what, due, calendarVersion: 'test', status: 'pending', reminder } satisfies Deadline,
});
const seats = ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'].map((member) => ({
  member,
  ...(member === 'cb1' ? { alternate: 'alt1' } : {}),
}));
const ballot: Ballot = {
  id: 'decision-1',
  kind: 'decision',
  question: 'Approve?',
  options: ['approve', 'reject', 'abstain'],
  solutions: ['S0'],
  rule: 'simple_majority',
  seats,
  status: 'open',
  openedAt: AT,
  deadlineId: '7.9.0',
  due: '2026-12-08T17:00:00.000Z',
  votes: [],
};
const vote = (voter: string, option: string, seat = voter): DomainEvent => ({
  type: 'VoteCast',
  n: 7,
  ballotId: 'decision-1',
  voter,
  seat,
  option,
  solution: 'S0',
  at: AT,
});

/** MP007 (Alice) in the Report Stage with an open decision ballot; DP008 (Bob) with views open; DP009 withdrawn. */
function given(settings: Partial<Context['settings']> = {}) {
  const s = new Scenario('2026-12-02T10:00', { settings });
  s.world = evolveAll(
    emptyWorld(),
    [
      raised(7, 'alice', 'Fix the settlement typo'),
      { type: 'Promoted', n: 7 },
      { type: 'StatusChanged', n: 7, from: 'draft', to: 'report' },
      { type: 'DeterminationSet', n: 7, determination: 'self-governance' },
      { type: 'BallotOpened', n: 7, ballot },
      deadline('7.9.0', 'ballot-close:decision', '2026-12-08T17:00:00.000Z'),
      deadline('7.9.1', 'reminder:ballot-close:decision', '2026-12-07T17:00:00.000Z', true),
      vote('alt1', 'reject', 'cb1'),
      vote('cb1', 'approve'),
      vote('cb2', 'approve'),
      vote('cb3', 'reject'),
      raised(8, 'bob', 'Rename the Sub-Committee'),
      { type: 'StatusChanged', n: 8, from: 'draft', to: 'change_board_views' },
      { type: 'ViewsOpened', n: 8, due: '2026-12-08T17:00:00.000Z' },
      { type: 'ViewGiven', n: 8, view: { person: 'cb1', stance: 'support', at: AT } },
      raised(9, 'alice', 'Withdrawn idea'),
      { type: 'StatusChanged', n: 9, from: 'draft', to: 'withdrawn' },
    ],
    AT,
  );
  return s;
}
const reply = (r: Result): string => {
  if (isRefusal(r)) throw new Error(`refused ${r.code}: ${r.message}`);
  return r.reply;
};

describe('R45 help all lists what this person may do, by role', () => {
  const s = given();
  it('R43 help shows the typed twin of every kind of button, and each twin parses', () => {
    const h = help(s.ctx('cb1'), s.world, 'all');
    const twins = h
      .split('\n')
      .filter((l) => l.includes(' → '))
      .map((l) => l.split(' → ')[1] ?? '');
    expect(twins.map((t) => t.split(' ')[0])).toEqual([
      'vote',
      'view',
      'object',
      'respond',
      'available',
      'attend',
    ]);
    const examples = [
      'vote DP001 approve',
      'view DP001 support',
      'object DP001 no',
      'respond DP001 org="A" S0=support',
      'available DP001 1 yes',
      'attend DP001 no',
    ];
    for (const e of examples) expect(parse(e).ok, e).toBe(true);
  });
  it('R45 a party sees raise and object but not SECAS or Panel commands', () => {
    const h = help(s.ctx('alice'), s.world, 'all');
    expect(h).toContain('As an SEC Party:');
    expect(h).toContain('raise title="…" problem="…"');
    expect(h).toContain('object <ref> <reason>');
    expect(h).toContain('As the proposer of a modification:');
    expect(h).not.toContain('iar <ref>');
    expect(h).not.toContain('panel route');
  });
  it('R45 SECAS sees the SECAS commands, the chair the Panel ones, an admin the admin ones', () => {
    expect(help(s.ctx('sam'), s.world, 'all')).toContain('As SECAS:\n  comment <ref> <text>');
    expect(help(s.ctx('sam'), s.world, 'all')).not.toContain('panel route');
    const chair = help(s.ctx('chair'), s.world, 'all');
    expect(chair).toContain('As the Panel chair:');
    expect(chair).toContain('panel route <ref>');
    expect(chair).toContain('As a Panel member:\n  vote <ref> <option>');
    expect(chair.match(/^ {2}vote /gm)).toHaveLength(1);
    expect(help(s.ctx('ada'), s.world, 'all')).toContain('admin person add <email>');
    expect(help(s.ctx('cb4'), s.world, 'all')).toContain(
      'As a Change Board member:\n  view <ref> support|concerns|oppose',
    );
  });
  it('R45 the Working Group section appears only for someone who is in a Working Group now', () => {
    expect(help(s.ctx('cb4'), s.world, 'all')).not.toContain('As a Working Group member');
    const w = evolveAll(s.world, [
      {
        type: 'WorkingGroupFormed',
        n: 7,
        wgId: 'wg-7',
        members: ['alice', 'cb4'],
        torVersion: null,
        shared: [7],
      },
    ]);
    expect(help(s.ctx('cb4'), w, 'all')).toContain(
      'As a Working Group member:\n  available <ref> <slot n> yes|no',
    );
  });
  it('R66 a platform user with no person record sees only help and workdays', () => {
    const stranger: Context = {
      ...s.ctx('alice'),
      actor: { kind: 'person', person: { id: 'U-unknown', email: '', name: '?', roles: [] } },
    };
    const h = help(stranger);
    expect(h).toContain('workdays <date> <n>');
    expect(h).toContain('not registered');
    expect(h).not.toContain('status <ref>');
    // No vote command offered (the sentence saying what the bot is may speak of votes, R72).
    expect(h).not.toContain('vote <ref>');
    const r = answer(s.world, { kind: 'status', ref: 7 }, stranger);
    expect(isRefusal(r) && r.code).toBe('not_registered');
    expect(reply(answer(s.world, { kind: 'workdays', from: '2018-12-14', n: 15 }, stranger))).toMatch(
      /^15 Working Days/,
    );
  });
  it('R72 an unregistered person reads what the bot is and how to be added, in at most 12 lines', () => {
    const stranger: Context = { ...s.ctx('alice'), actor: { kind: 'system' } };
    for (const h of [help(stranger, s.world), help(stranger, s.world, 'all')]) {
      const lines = h.split('\n');
      expect(lines.length).toBeLessThanOrEqual(12);
      expect(lines[0]).toMatch(
        /^I am the SEC Change Bot: the Smart Energy Code Section D modification process/,
      );
      expect(lines[0]).toMatch(/raise modifications.*views.*vote.*meetings/);
      expect(h).toMatch(/not registered yet\. To be added, ask an admin/);
      expect(h).not.toMatch(/`|\bR\d+\b/);
    }
  });
  it('R45 R72 help <command> gives the usage line, who may run it and an example; help refinement the checklist', () => {
    expect(help(s.ctx('alice'), s.world, 'vote')).toBe(
      'vote <ref> <option> [S0|A1…]  (vote; for registered people)\n  e.g. vote MP001 approve',
    );
    expect(help(s.ctx('alice'), s.world, 'refinement')).toContain(
      'Form the Working Group, owed by SECAS: wg form <ref>',
    );
    expect(help(s.ctx('alice'), s.world, 'teleport')).toMatch(/no help on "teleport".*help voting/);
  });
});

describe('R66 status', () => {
  it('R66 R34 shows refs, title, status, proposer, determination, ballot counts without the split, deadlines', () => {
    const s = given();
    const text = status(s.world, 7, s.ctx('bob'));
    expect(text.split('\n')[0]).toBe('MP007 (was DP007): Fix the settlement typo');
    expect(text).toContain('Status: Report Stage. Proposer: Alice. Determination: Self-Governance.');
    // cb1 voted after their alternate alt1: one seat, the member's vote counts (R33, R62).
    expect(text).toContain(
      'Change Board decision ballot: 3 of 5 voted; waiting for Cb4, Cb5; closes Tue 8 Dec 2026, 17:00.',
    );
    expect(text).not.toContain('so far');
    expect(text).toContain('Deadlines: Change Board decision ballot closes: Tue 8 Dec 2026, 17:00.');
    expect(text).not.toContain('Mon 7 Dec'); // reminders are not listed
    expect(text).toContain('Stalled: no.');
  });
  it('R34 R50 SEC_SHOW_RUNNING_SPLIT shows the running split', () => {
    const s = given({ SEC_SHOW_RUNNING_SPLIT: true });
    // R71: each option as its button reads, as the card shows it, never its id ("2 approve").
    const text = status(s.world, 7, s.ctx('bob'));
    expect(text).toContain('so far 2 Approve, 1 Reject, 0 Abstain');
    expect(text).not.toMatch(/\d (approve|reject|abstain)\b/);
  });
  it('R66 R12 open views show how many Change Board members have given one', () => {
    const s = given();
    const text = status(s.world, 8, s.ctx('alice'));
    expect(text.split('\n')[0]).toBe('DP008: Rename the Sub-Committee');
    expect(text).toContain('Determination: not set yet.');
    expect(text).toContain('Change Board views: 1 of 5 given; close Tue 8 Dec 2026, 17:00.');
  });
  it('R28 R66 the stalled flag shows the criteria that hold', () => {
    const s = given();
    s.now = londonTime('2027-04-01T10:00');
    expect(status(s.world, 8, s.ctx('alice'))).toMatch(/Stalled: yes\. No progress for \d+ Working Days/);
  });
  it('R66 R16 a Refinement MP shows its checklist with owners', () => {
    const s = given();
    const w = evolveAll(s.world, [{ type: 'StatusChanged', n: 7, from: 'report', to: 'refinement' }]);
    const text = status(w, 7, s.ctx('alice'));
    expect(text).toContain('Refinement checklist:');
    expect(text).toContain('[ ] Working Group formed (owner: SECAS) ← now');
  });
  it('R66 an unknown number is not_found', () => {
    const s = given();
    const r = answer(s.world, { kind: 'status', ref: 99 }, s.ctx('alice'));
    expect(isRefusal(r) && r.code).toBe('not_found');
  });
});

describe('R66 list', () => {
  const s = given();
  it('R66 list defaults to open modifications', () => {
    expect(reply(answer(s.world, { kind: 'list', which: 'open' }, s.ctx('sam')))).toBe(
      'Open modifications (2):\nMP007 Fix the settlement typo — Report Stage\nDP008 Rename the Sub-Committee — Change Board views',
    );
  });
  it('R66 list all includes final ones', () => {
    expect(list(s.world, s.ctx('sam'), 'all')).toContain('DP009 Withdrawn idea — Withdrawn');
  });
  it('R66 mine = proposer, Working Group member, or owes a vote or view', () => {
    expect(list(s.world, s.ctx('alice'), 'mine')).toBe(
      'Your modifications (2):\nMP007 Fix the settlement typo — Report Stage (you proposed it)\nDP009 Withdrawn idea — Withdrawn (you proposed it)',
    );
    expect(list(s.world, s.ctx('cb4'), 'mine')).toBe(
      'Your modifications (2):\nMP007 Fix the settlement typo — Report Stage (you owe a vote)\nDP008 Rename the Sub-Committee — Change Board views (you owe a view)',
    );
    // cb1 voted and gave a view; alt1's seat (cb1) has voted too.
    expect(list(s.world, s.ctx('cb1'), 'mine')).toBe('Your modifications: none.');
    expect(list(s.world, s.ctx('alt1'), 'mine')).toBe('Your modifications: none.');
    expect(list(s.world, s.ctx('sam'), 'mine')).toBe('Your modifications: none.');
  });
});

describe('R32 workdays in words', () => {
  const s = given();
  it('R32 R31 N Working Days after D, at the cut-off, over Christmas', () => {
    expect(reply(answer(s.world, { kind: 'workdays', from: '2018-12-14', n: 15 }, s.ctx('alice')))).toBe(
      '15 Working Days after Fri 14 Dec 2018: Wed 9 Jan 2019, 17:00',
    );
    expect(reply(answer(s.world, { kind: 'workdays', from: '2018-12-14', n: 1 }, s.ctx('alice')))).toBe(
      '1 Working Day after Fri 14 Dec 2018: Mon 17 Dec 2018, 17:00',
    );
  });
  it('R50 the configured cut-off applies', () => {
    const c = given({ SEC_CUTOFF: '16:30' });
    expect(reply(answer(c.world, { kind: 'workdays', from: '2018-12-14', n: 15 }, c.ctx('alice')))).toMatch(
      /16:30$/,
    );
  });
  it('R32 Working Days between A and B count A < d <= B', () => {
    expect(
      reply(answer(s.world, { kind: 'workdays', from: '2018-12-14', to: '2019-01-09' }, s.ctx('alice'))),
    ).toBe('15 Working Days after Fri 14 Dec 2018 up to and including Wed 9 Jan 2019.');
    expect(
      reply(answer(s.world, { kind: 'workdays', from: '2018-12-14', to: '2018-12-14' }, s.ctx('alice'))),
    ).toBe('0 Working Days after Fri 14 Dec 2018 up to and including Fri 14 Dec 2018.');
  });
  it('R32 the dates the wrong way round are refused with the question put right, not answered 0', () => {
    const r = answer(s.world, { kind: 'workdays', from: '2027-01-04', to: '2026-12-01' }, s.ctx('alice'));
    expect(isRefusal(r) && r.code).toBe('bad_input');
    expect(isRefusal(r) && commandsAs(r.message, '/sec')).toBe(
      'The second date, Tue 1 Dec 2026, is before the first, Mon 4 Jan 2027: put the earlier date first: /sec workdays 2026-12-01 2027-01-04',
    );
  });
  it('R32 a date beyond the calendar is a bad_input refusal, not a crash', () => {
    const r = answer(s.world, { kind: 'workdays', from: '2299-12-30', n: 5 }, s.ctx('alice'));
    expect(isRefusal(r) && r.code).toBe('bad_input');
  });
});

describe('R50 config and R8 history', () => {
  it('R50 config shows every setting and marks the defaults', () => {
    const s = given({ SEC_VIEWS_WD: 3 });
    const text = reply(answer(s.world, { kind: 'config' }, s.ctx('alice')));
    expect(text).toContain('SEC_PANEL_QUORUM=5 (default)');
    expect(text).toContain('SEC_VIEWS_WD=3 (default 5)');
    expect(text.split('\n')).toHaveLength(14);
  });
  it('R8 R73 history formats the stored events in London time with names and values', () => {
    const s = given();
    const events = [
      {
        type: 'Raised',
        at: '2026-12-01T10:00:00.000Z',
        actor: 'alice',
        payload: { n: 7, title: 'Fix', problem: 'p', proposer: 'alice', fastTrackRequested: false, at: '' },
      },
      {
        type: 'DeadlineFired',
        at: '2026-12-08T17:00:00.000Z',
        actor: 'system',
        payload: { n: 7, id: '7.1.0' },
      },
      {
        type: 'StatusChanged',
        at: '2026-12-08T17:00:00.000Z',
        actor: 'system',
        payload: { n: 7, from: 'draft', to: 'initial_assessment' },
      },
    ];
    expect(formatHistory('MP007', events, s)).toBe(
      [
        'History of MP007 (2 changes):',
        'Tue 1 Dec 2026, 10:00 · Alice · Raised "Fix"',
        'Tue 8 Dec 2026, 17:00 · the bot · Draft Proposal → Initial assessment',
      ].join('\n'),
    );
    expect(
      reply(answer(s.world, { kind: 'history', ref: 7 }, s.ctx('bob'), { history: () => events })),
    ).toMatch(/^History of MP007 \(2 changes\):\n/);
    const r = answer(s.world, { kind: 'history', ref: 7 }, s.ctx('bob'));
    expect(isRefusal(r) && r.code).toBe('bad_input');
  });
});

describe('R72 help: what you owe now, then topics; help <command> with an example', () => {
  const s = given();
  it('R72 shows first what this person owes, each with its command, in at most 12 lines', () => {
    const h = help(s.ctx('cb4'), s.world);
    const lines = h.split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines[0]).toBe('You owe now:');
    expect(h).toContain(
      '  MP007: Vote on the Change Board decision ballot by Tue 8 Dec 2026, 17:00 → vote MP007 approve|reject|abstain',
    );
    expect(h).toMatch(
      / {2}DP008: Give your view by Tue 8 Dec 2026, 17:00 → view DP008 support\|concerns\|oppose/,
    );
    expect(h).toContain(
      'Topics: help voting · help views · help meetings · help panel · help secas · help admin · help all',
    );
    expect(h).not.toMatch(/`|\bR\d+\b/);
  });
  it('R42 R72 help marks every command it names, so each platform shows it as typed there, within 12 lines', () => {
    const h = helpMarked(s.ctx('cb4'), s.world);
    const slack = commandsAs(h, '/sec').split('\n');
    expect(slack.length).toBeLessThanOrEqual(12);
    expect(slack).toContain(
      'Topics: /sec help voting · /sec help views · /sec help meetings · /sec help panel · /sec help secas · /sec help admin · /sec help all',
    );
    expect(slack.some((l) => l.endsWith('→ /sec vote MP007 approve|reject|abstain'))).toBe(true);
    expect(commandsAs(helpMarked(s.ctx('alice'), s.world, 'vote'), '/sec').split('\n')[0]).toMatch(
      /^\/sec vote </,
    );
    // Elsewhere (a Teams 1:1 chat, the command line) the bare command is what is typed.
    expect(commandsAs(h, undefined)).not.toContain('/sec');
  });
  it('R72 says so when nothing is owed', () => {
    const h = help(s.ctx('cb1'), s.world);
    expect(h.split('\n')[0]).toBe('You owe nothing right now.');
    expect(h.split('\n').length).toBeLessThanOrEqual(12);
  });
  it('R72 each topic lists its commands; help all keeps the full list by role', () => {
    expect(help(s.ctx('alice'), s.world, 'voting')).toMatch(/^Voting:\n {2}vote <ref> <option>/);
    expect(help(s.ctx('alice'), s.world, 'meetings')).toContain('meeting propose <ref>');
    expect(help(s.ctx('alice'), s.world, 'panel')).toContain('panel route <ref>');
    expect(help(s.ctx('alice'), s.world, 'panel')).not.toContain('admin');
    expect(help(s.ctx('alice'), s.world, 'secas')).toContain('iar <ref>');
    expect(help(s.ctx('alice'), s.world, 'admin')).toContain('admin person add');
    expect(help(s.ctx('alice'), s.world, 'views')).toContain('views open <ref>');
    expect(help(s.ctx('alice'), s.world, 'all')).toContain('As an SEC Party:');
  });
  it('R72 the example of every command is read back by the grammar as that command', () => {
    for (const key of Object.keys(USAGE) as (keyof typeof USAGE)[]) {
      const example = exampleOf(key);
      const p = parse(example, key === 'admin-channel' ? { channel: { platform: 'slack', id: 'C1' } } : {});
      const got = p.ok ? (p.input.kind === 'command' ? p.input.command.type : p.input.query.kind) : p.message;
      expect(got, example).toBe(key);
    }
  });
});
