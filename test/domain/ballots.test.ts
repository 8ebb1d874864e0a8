// Ballots (R33–R36, R62): eligibility fixed at opening, vote changes, alternates, the three decision
// rules with exact tallies, and a click counted once however often it arrives.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/domain/ballots.ts';
import { BALLOT_OPTIONS, effectiveVotes, tally, waitingFor } from '../../src/domain/ballots.ts';
import { Scenario } from '../support/scenario.ts';
import { toDecision, toReport } from '../support/formal.ts';

function ballot(rule: Ballot['rule'], votes: [string, string][], seats = ['a', 'b', 'c', 'd', 'e']): Ballot {
  return {
    id: 'b1',
    kind: rule === 'unanimous' ? 'fasttrack' : 'decision',
    question: 'q',
    options: ['approve', 'reject', 'abstain'],
    solutions: ['S0'],
    rule,
    seats: seats.map((m, i) => ({ member: m, group: i < 2 ? 'g1' : i < 4 ? 'g2' : 'g3' })),
    ...(rule === 'unanimous' ? { quorum: 5 } : {}),
    status: 'open',
    openedAt: '2026-12-01T10:00:00.000Z',
    votes: votes.map(([voter, option]) => ({
      voter,
      seat: voter,
      option,
      solution: 'S0',
      at: '2026-12-01T10:00:00.000Z',
    })),
  };
}

describe('decision rules (R35)', () => {
  it('R35 simple majority: for > against passes, abstentions do not count', () => {
    const t = tally(
      ballot('simple_majority', [
        ['a', 'approve'],
        ['b', 'approve'],
        ['c', 'reject'],
        ['d', 'abstain'],
        ['e', 'abstain'],
      ]),
      'S0',
    );
    expect([t.for, t.against, t.counts.abstain, t.voted, t.eligible, t.passed]).toEqual([
      2,
      1,
      2,
      5,
      5,
      true,
    ]);
    // R71: each option in words with its count agreeing, never the option's id ("2 approve").
    expect(t.explanation).toBe(
      'simple majority: 2 votes to approve, 1 vote to reject, 2 abstentions — passed',
    );
  });
  it('R35 simple majority: a tie fails', () => {
    const t = tally(
      ballot('simple_majority', [
        ['a', 'approve'],
        ['b', 'reject'],
      ]),
      'S0',
    );
    expect([t.for, t.against, t.passed]).toEqual([1, 1, false]);
  });
  it('R35 R62 voting groups: each group majority is its vote; a tied group casts none', () => {
    // g1: a approve, b reject → tied; g2: c, d approve → for; g3: e reject → against. 1 for, 1 against → fails.
    const t = tally(
      ballot('voting_groups', [
        ['a', 'approve'],
        ['b', 'reject'],
        ['c', 'approve'],
        ['d', 'approve'],
        ['e', 'reject'],
      ]),
      'S0',
    );
    expect(t.groups).toEqual({ g1: 'tied', g2: 'for', g3: 'against' });
    expect(t.passed).toBe(false);
    // R71: each count agrees with its noun.
    expect(t.explanation).toBe(
      'voting groups: 1 group for, 1 group against (3 votes to approve, 2 votes to reject) — failed',
    );
    const t2 = tally(
      ballot('voting_groups', [
        ['a', 'approve'],
        ['c', 'approve'],
        ['e', 'reject'],
      ]),
      'S0',
    );
    expect(t2.groups).toEqual({ g1: 'for', g2: 'for', g3: 'against' });
    expect(t2.passed).toBe(true);
    expect(t2.explanation).toBe(
      'voting groups: 2 groups for, 1 group against (2 votes to approve, 1 vote to reject) — passed',
    );
  });
  it('R35 R22 unanimous: quorum and every vote approve; an abstention breaks it', () => {
    const all = (o: string): [string, string][] => ['a', 'b', 'c', 'd', 'e'].map((v) => [v, o]);
    expect(tally(ballot('unanimous', all('approve')), 'S0').passed).toBe(true);
    expect(tally(ballot('unanimous', all('approve').slice(0, 4)), 'S0').passed).toBe(false);
    const abst = all('approve');
    abst[4] = ['e', 'abstain'];
    expect(tally(ballot('unanimous', abst), 'S0').passed).toBe(false);
  });
  it('R35 R71 the explanation reads as plain English for every option set, with counts that agree', () => {
    const of = (kind: Ballot['kind'], rule: Ballot['rule'], votes: [string, string][], quorum?: number) =>
      tally(
        {
          ...ballot(rule, votes),
          kind,
          options: BALLOT_OPTIONS[kind],
          ...(quorum === undefined ? {} : { quorum }),
        },
        'S0',
      ).explanation;
    expect(
      of('decision', 'simple_majority', [
        ['a', 'approve'],
        ['b', 'reject'],
        ['c', 'abstain'],
      ]),
    ).toBe('simple majority: 1 vote to approve, 1 vote to reject, 1 abstention — failed');
    expect(
      of('sufficiency', 'simple_majority', [
        ['a', 'sufficient'],
        ['b', 'sufficient'],
        ['c', 'more-work'],
      ]),
    ).toBe(
      'simple majority: 2 votes that the report is sufficient, 1 vote that more work is needed — passed',
    );
    expect(
      of('ia', 'simple_majority', [
        ['a', 'proceed'],
        ['b', 'do-not-proceed'],
        ['c', 'do-not-proceed'],
      ]),
    ).toBe('simple majority: 1 vote to proceed, 2 votes not to proceed — failed');
    // Unanimity says what every vote was, in the words of the ballot's own question.
    const all = (o: string): [string, string][] => ['a', 'b', 'c'].map((v) => [v, o]);
    expect(of('fasttrack', 'unanimous', all('approve'), 3)).toBe(
      'unanimity: 3 votes to approve, 0 votes to reject; every vote cast was to approve — passed',
    );
    expect(of('fasttrack', 'unanimous', [...all('approve').slice(0, 2), ['c', 'abstain']], 3)).toBe(
      'unanimity: 2 votes to approve, 0 votes to reject, 1 abstention; not every vote cast was to approve — failed',
    );
    expect(of('fasttrack', 'unanimous', all('approve').slice(0, 2), 3)).toBe(
      'unanimity: 2 votes to approve, 0 votes to reject; only 2 voted and the quorum is 3 — failed',
    );
    expect(of('sufficiency', 'unanimous', all('sufficient'), 3)).toBe(
      'unanimity: 3 votes that the report is sufficient, 0 votes that more work is needed; every vote cast was that the report is sufficient — passed',
    );
    expect(of('ia', 'unanimous', [...all('proceed').slice(0, 2), ['c', 'do-not-proceed']], 3)).toBe(
      'unanimity: 2 votes to proceed, 1 vote not to proceed; not every vote cast was to proceed — failed',
    );
    // No option's id is a word of the explanation.
    for (const kind of ['fasttrack', 'decision', 'sufficiency', 'ia'] as const) {
      const text = of(
        kind,
        'voting_groups',
        BALLOT_OPTIONS[kind].map((o, i) => [['a', 'c', 'e'][i] ?? 'b', o]),
      );
      expect(text).not.toMatch(/\d (approve|sufficient|proceed|against|abstain)\b|more-work|do-not-proceed/);
    }
  });
  it('R33 the latest vote counts; R62 the member replaces the alternate; waitingFor lists the rest', () => {
    const b = ballot('simple_majority', [
      ['a', 'approve'],
      ['a', 'reject'],
    ]);
    b.seats[1] = { member: 'b', alternate: 'x' };
    b.votes.push({ voter: 'x', seat: 'b', option: 'approve', solution: 'S0', at: '' });
    expect(effectiveVotes(b, 'S0')).toEqual(
      new Map([
        ['a', 'reject'],
        ['b', 'approve'],
      ]),
    );
    b.votes.push({ voter: 'b', seat: 'b', option: 'reject', solution: 'S0', at: '' });
    b.votes.push({ voter: 'x', seat: 'b', option: 'approve', solution: 'S0', at: '' });
    expect(effectiveVotes(b, 'S0').get('b')).toBe('reject');
    expect(waitingFor(b).map((s) => s.member)).toEqual(['c', 'd', 'e']);
  });
});

describe('ballots through the decider (R33, R34, R36, R62)', () => {
  it('R33 R62 eligibility is fixed when the ballot opens; later role changes neither add nor remove voters', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    s.people.find((p) => p.id === 'bob')!.roles.push('change_board');
    s.people.find((p) => p.id === 'cb5')!.roles = [];
    s.refused('bob', { type: 'vote', ref: 1, option: 'approve' }, 'not_eligible');
    s.ok('cb5', { type: 'vote', ref: 1, option: 'approve' });
    expect(s.mod(1).ballots[0]!.seats.map((x) => x.member)).toEqual(['cb1', 'cb2', 'cb3', 'cb4', 'cb5']);
  });
  it('R36 a repeated click is counted once; a changed vote replaces the earlier one', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    s.ok('cb1', { type: 'vote', ref: 1, option: 'approve' });
    for (let i = 0; i < 4; i++) s.refused('cb1', { type: 'vote', ref: 1, option: 'approve' }, 'already_done');
    s.ok('cb1', { type: 'vote', ref: 1, option: 'reject' });
    const b = s.mod(1).ballots[0]!;
    // R33: every change is kept in the history, repeats are not; the ballot holds the latest.
    const cast = s.history.flatMap((h) => h.events).filter((e) => e.type === 'VoteCast');
    expect(cast.map((e) => (e.type === 'VoteCast' ? `${e.voter}:${e.option}` : ''))).toEqual([
      'cb1:approve',
      'cb1:reject',
    ]);
    expect(b.votes.map((v) => `${v.voter}:${v.option}`)).toEqual(['cb1:reject']);
    s.ok('cb1', { type: 'vote', ref: 1, option: 'approve' }); // changing back is a change
    const t = tally(b, 'S0');
    expect([t.voted, t.for, t.against]).toEqual([1, 0, 1]);
  });
  it('R62 an alternate votes only in the member’s seat, and the member’s own vote replaces it', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    s.ok('alt1', { type: 'vote', ref: 1, option: 'reject' });
    expect(effectiveVotes(s.mod(1).ballots[0]!, 'S0').get('cb1')).toBe('reject');
    const replaced = s.ok('cb1', { type: 'vote', ref: 1, option: 'approve' });
    expect(replaced.reply).toContain('it replaces the vote Alt1 cast for you');
    // R33: once the member has voted, the alternate is refused with the reason, whatever the option.
    s.refused('alt1', { type: 'vote', ref: 1, option: 'reject' }, 'member_voted');
    s.refused('alt1', { type: 'vote', ref: 1, option: 'approve' }, 'member_voted');
    expect(effectiveVotes(s.mod(1).ballots[0]!, 'S0').get('cb1')).toBe('approve');
    expect(s.mod(1).ballots[0]!.votes).toHaveLength(2);
  });
  it('R34 R36 it closes when every seat has voted; a vote after the close is refused', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    for (const v of ['cb1', 'cb2', 'cb3', 'cb4']) s.ok(v, { type: 'vote', ref: 1, option: 'approve' });
    expect(s.mod(1).ballots[0]!.status).toBe('open');
    s.ok('cb5', { type: 'vote', ref: 1, option: 'reject' });
    const b = s.mod(1).ballots[0]!;
    expect(b.status).toBe('closed');
    expect(b.tallies?.[0]).toMatchObject({ for: 4, against: 1, voted: 5, eligible: 5, passed: true });
    expect(s.mod(1).status).toBe('approved');
    s.refused('cb5', { type: 'vote', ref: 1, option: 'approve' }, 'ballot_closed');
  });
  it('R34 the ballot closes at its deadline, 5 Working Days after opening at 17:00, with a reminder the day before', () => {
    const s = toReport({ determination: 'authority' });
    toDecision(s);
    const b = s.mod(1).ballots[0]!;
    const [close, reminder] = s.pendingDeadlines(1).filter((d) => d.subject === b.id);
    expect(close?.what).toBe('ballot-close:decision');
    expect(new Date(close!.due).toISOString()).toBe('2026-12-08T17:00:00.000Z');
    expect(new Date(reminder!.due).toISOString()).toBe('2026-12-07T17:00:00.000Z');
    s.ok('cb1', { type: 'vote', ref: 1, option: 'approve' });
    s.at('2026-12-08T17:00');
    expect(s.mod(1).ballots[0]!.status).toBe('closed');
    expect(s.mod(1).status).toBe('awaiting_authority');
  });
  it('R36 R64 a vote at or after the deadline is refused, even before the scheduler closes the ballot', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    const b = s.mod(1).ballots[0]!;
    s.ok('cb1', { type: 'vote', ref: 1, option: 'approve' });
    s.now = new Date(new Date(b.due!).getTime() - 1000);
    s.ok('cb2', { type: 'vote', ref: 1, option: 'approve' });
    s.now = new Date(b.due!);
    const r = s.refused('cb3', { type: 'vote', ref: 1, option: 'reject' }, 'ballot_closed');
    expect(r.message).toBe(
      "The Change Board's decision ballot for MP001 closed at Tue 8 Dec 2026, 17:00; your vote was not counted.",
    );
    // A button made for this ballot is refused the same way.
    s.now = new Date(new Date(b.due!).getTime() + 30_000);
    s.refused('cb4', { type: 'vote', ref: 1, option: 'reject', ballot: b.id }, 'ballot_closed');
    s.fireDue(s.now);
    const closed = s.mod(1).ballots[0]!;
    expect(closed.status).toBe('closed');
    expect(closed.tallies?.[0]).toMatchObject({ for: 2, against: 0, voted: 2, passed: true });
  });
  it('R33 R22 an alternate stands in only on Change Board ballots, not for a Panel member who is also on the Change Board', () => {
    const s = new Scenario();
    const pm1 = s.people.find((p) => p.id === 'pm1')!;
    pm1.roles.push('change_board');
    pm1.votingGroup = 'suppliers';
    pm1.alternate = 'alt1';
    s.ok('alice', { type: 'raise', title: 't', problem: 'p' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    expect(s.mod(1).ballots[0]!.seats.every((seat) => seat.alternate === undefined)).toBe(true);
    s.refused('alt1', { type: 'vote', ref: 1, option: 'approve' }, 'not_eligible');
    expect(s.mod(1).ballots[0]!.votes).toHaveLength(0);
  });
  it('R36 a vote from someone not eligible is refused with the reason', () => {
    const s = new Scenario();
    s.ok('alice', { type: 'raise', title: 't', problem: 'p' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    const r = s.refused('cb1', { type: 'vote', ref: 1, option: 'approve' }, 'not_eligible');
    expect(r.message).toContain('Panel members');
  });
});
