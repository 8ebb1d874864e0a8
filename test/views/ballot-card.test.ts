// The ballot card says honestly where a ballot stands (R34, R57) and the reminder DM card says, on its
// own, that it is a reminder, when the ballot closes, that this person has not voted and, for an
// alternate, whose seat they vote in (R34, R62, R75): neither Slack (blocks shown) nor Teams shows the
// notification's fallback text.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/domain/ballots.ts';
import type { Card } from '../../src/views/card.ts';
import {
  ballotCard,
  ballotEndedText,
  ballotReminderCard,
  progressText,
} from '../../src/views/ballot-card.ts';
import { BOARD, toDecision, toDraftReport, toRefinement, toReport } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';

const field = (card: Card, label: string) => card.fields.find((f) => f.label === label)?.value;
const ballot = (s: Scenario): Ballot => {
  const b = s.mod(1).ballots.at(-1);
  if (!b) throw new Error('no ballot');
  return b;
};
/** Everything a person reads on the card, as one text. */
const shown = (c: Card) =>
  [c.title, c.notice, c.text, ...c.fields.map((f) => `${f.label}: ${f.value}`), c.context].join('\n');

/** A decision ballot on S0, A1 and A2. */
function perSolution(): Scenario {
  const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper', 'Faster'] });
  toDecision(s);
  return s;
}

function sufficiency(): Scenario {
  const s = toRefinement();
  toDraftReport(s);
  s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
  return s;
}

describe('R35 R71 the closed per-solution decision card names each solution in words', () => {
  it('Outcome: which solutions passed, by name; the ending line says the same', () => {
    const s = perSolution();
    for (const [sol, option] of [
      ['S0', 'approve'],
      ['A1', 'reject'],
      ['A2', 'approve'],
    ] as const)
      for (const cb of ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'])
        s.ok(cb, { type: 'vote', ref: 1, option, solution: sol });
    const closed = ballot(s);
    expect(closed.status).toBe('closed');
    const card = ballotCard(s.mod(1), closed, s.ctx('sam'));
    expect(field(card, 'Outcome')).toBe(
      'Passed: the Proposed Solution passed, Alternative Solution A1 "Cheaper" failed, Alternative Solution A2 "Faster" passed under simple majority. ' +
        // R18: what it means for the modification; of the two that passed equally, the Proposed Solution (R55).
        'Self-Governance, so this decision is final: the Change Board approved MP001, with the Proposed Solution.',
    );
    expect(ballotEndedText(s.mod(1), closed)).toContain('Alternative Solution A1 "Cheaper" failed');
  });
});

describe('R34 progress on a per-solution decision ballot', () => {
  it('a vote on one solution shows: nobody has voted on every solution yet, one has on some, and what each is owed', () => {
    const s = perSolution();
    s.ok('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    const card = ballotCard(s.mod(1), ballot(s), s.ctx('sam'));
    expect(field(card, 'Progress')).toBe(
      '0 of 5 voted on every solution, 1 on some; waiting for Cb1 (on the Proposed Solution and Alternative Solution A2 "Faster"), Cb2, Cb3, Cb4, Cb5',
    );
    expect(shown(card)).not.toContain('0 of 5 voted;');
  });

  it('a seat that voted on every solution counts; the others are still named with what they owe', () => {
    const s = perSolution();
    for (const sol of ['S0', 'A1', 'A2'])
      s.ok('cb2', { type: 'vote', ref: 1, option: 'reject', solution: sol });
    s.ok('alt1', { type: 'vote', ref: 1, option: 'approve', solution: 'S0' });
    expect(progressText(ballot(s), s.ctx('sam'), s.mod(1))).toBe(
      '1 of 5 voted on every solution, 1 on some; waiting for Cb1 (on Alternative Solution A1 "Cheaper" and Alternative Solution A2 "Faster"), Cb3, Cb4, Cb5',
    );
  });

  it('a single-question ballot keeps its wording', () => {
    const s = sufficiency();
    s.ok('cb1', { type: 'vote', ref: 1, option: 'sufficient' });
    expect(progressText(ballot(s), s.ctx('sam'))).toBe('1 of 5 voted; waiting for Cb2, Cb3, Cb4, Cb5');
  });

  it('a ballot on several solutions asks about each one; a ballot on one asks about it', () => {
    const s = perSolution();
    expect(ballotCard(s.mod(1), ballot(s), s.ctx('sam')).text).toBe('Should each solution be approved?');
    const one = toReport({ determination: 'self-governance' });
    toDecision(one);
    expect(ballotCard(one.mod(1), ballot(one), one.ctx('sam')).text).toBe(
      'Should this solution be approved?',
    );
  });
});

describe('R57 a cancelled per-solution ballot counts the votes actually cast', () => {
  it('a member who voted on some solutions counts as having voted', () => {
    const s = perSolution();
    s.ok('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    s.ok('cb1', { type: 'vote', ref: 1, option: 'reject', solution: 'A2' });
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'changed my mind' });
    const card = ballotCard(s.mod(1), ballot(s), s.ctx('sam'));
    expect(card.buttons).toEqual([]);
    expect(card.text).toContain('Should each solution be approved?');
    expect(field(card, 'Votes cast before it was cancelled')).toBe(
      '1 of 5 voted on at least one solution (2 votes)',
    );
  });

  it('a cancelled single-question ballot keeps "k of N"', () => {
    const s = sufficiency();
    s.ok('cb1', { type: 'vote', ref: 1, option: 'sufficient' });
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'no longer needed' });
    expect(field(ballotCard(s.mod(1), ballot(s), s.ctx('sam')), 'Votes cast before it was cancelled')).toBe(
      '1 of 5',
    );
  });
});

describe('R34 R62 the reminder card says on its own what the reminder says', () => {
  it('a member: a reminder, not voted yet, when it closes (London), the solutions, the buttons', () => {
    const s = perSolution();
    const card = ballotReminderCard(s.mod(1), ballot(s), s.ctx('sam'), 'cb2');
    expect(card.title).toBe('Reminder: Change Board decision ballot: MP001 "Faster switching"');
    expect(card.text).toBe(
      'You have not voted on this ballot yet. It closes Tue 8 Dec 2026, 17:00 (London time).\nShould each solution be approved?',
    );
    expect(field(card, 'Solutions')).toBe('S0 Proposed Solution; A1 Cheaper; A2 Faster');
    expect(card.buttons.map((b) => b.action)).toContain('vote');
  });

  it('an alternate is told whose seat they vote in, and that the member’s own vote replaces theirs', () => {
    const s = perSolution();
    const card = ballotReminderCard(s.mod(1), ballot(s), s.ctx('sam'), 'alt1');
    expect(card.text?.split('\n')).toEqual([
      'You have not voted on this ballot yet, as alternate for Cb1. It closes Tue 8 Dec 2026, 17:00 (London time).',
      'Your vote counts only while Cb1 has not voted; Cb1’s own vote replaces it.',
      'Should each solution be approved?',
    ]);
  });

  it('a voter who voted on some solutions is told which are left', () => {
    const s = perSolution();
    s.ok('cb3', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    const card = ballotReminderCard(s.mod(1), ballot(s), s.ctx('sam'), 'cb3');
    expect(card.text?.split('\n')[0]).toBe(
      'You have not voted on the Proposed Solution and Alternative Solution A2 "Faster" yet. It closes Tue 8 Dec 2026, 17:00 (London time).',
    );
  });

  it('without the person (as the retired card is rendered) it still says it is a reminder and when it closes', () => {
    const s = sufficiency();
    const card = ballotReminderCard(s.mod(1), ballot(s));
    expect(card.text).toBe(
      'You have not voted on this ballot yet. It closes Tue 8 Dec 2026, 17:00 (London time).\nIs the Modification Report sufficient for the Change Board to vote on?',
    );
    expect(card.context).toContain('vote MP001 sufficient|more-work');
  });

  it('R75 once closed, the reminder has no buttons and says why', () => {
    const s = perSolution();
    for (const cb of BOARD)
      for (const sol of ['S0', 'A1', 'A2'])
        s.ok(cb, { type: 'vote', ref: 1, option: 'approve', solution: sol });
    const card = ballotReminderCard(s.mod(1), ballot(s), s.ctx('sam'), 'alt1');
    expect(card.buttons).toEqual([]);
    expect(card.text).toContain('This ballot closed');
    expect(card.text).not.toContain('have not voted');
  });
});
