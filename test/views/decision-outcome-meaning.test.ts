// R18 R35 R55: the closed Change Board decision ballot card's Outcome says what the result means for the
// modification, not only "Passed under simple majority": under Self-Governance the Change Board's
// decision is final (approved or rejected); on the Authority route it is a recommendation that is now
// with the Authority (and, once the Authority has decided, what it decided). Other ballots keep theirs.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/domain/ballots.ts';
import type { Card } from '../../src/views/card.ts';
import { ballotCard } from '../../src/views/ballot-card.ts';
import { BOARD, toDecision, toReport } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';

const outcome = (card: Card) => card.fields.find((f) => f.label === 'Outcome')?.value;
const decision = (s: Scenario): Ballot => {
  const b = s.mod(1).ballots.find((x) => x.kind === 'decision');
  if (!b) throw new Error('no decision ballot');
  return b;
};
const card = (s: Scenario) => ballotCard(s.mod(1), decision(s), s.ctx('sam'));
/** Every Change Board member votes `option` on each solution; the last vote closes the ballot (R34). */
function allVote(s: Scenario, option: string, solutions = ['S0']) {
  for (const sol of solutions)
    for (const cb of BOARD) s.ok(cb, { type: 'vote', ref: 1, option, solution: sol });
  expect(decision(s).status).toBe('closed');
}

describe('R18 R35 the closed decision card says what its outcome means', () => {
  it('Self-Governance, passed: final, the Change Board approved it', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    allVote(s, 'approve');
    expect(outcome(card(s))).toBe(
      'Passed under simple majority. Self-Governance, so this decision is final: the Change Board approved MP001.',
    );
  });

  it('Self-Governance, failed: final, the Change Board rejected it', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    allVote(s, 'reject');
    expect(outcome(card(s))).toBe(
      'Failed under simple majority. Self-Governance, so this decision is final: the Change Board rejected MP001.',
    );
  });

  it('Self-Governance, several solutions: the one approved, by name', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper'] });
    toDecision(s);
    for (const cb of BOARD) s.ok(cb, { type: 'vote', ref: 1, option: 'reject', solution: 'S0' });
    for (const cb of BOARD) s.ok(cb, { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    expect(outcome(card(s))).toBe(
      'Passed: the Proposed Solution failed, Alternative Solution A1 "Cheaper" passed under simple majority. ' +
        'Self-Governance, so this decision is final: the Change Board approved MP001, with Alternative Solution A1 "Cheaper".',
    );
  });

  it('Authority route: a recommendation, now with the Authority; once it decides, what it decided', () => {
    const s = toReport({ determination: 'authority' });
    toDecision(s);
    allVote(s, 'approve');
    expect(s.mod(1).status).toBe('awaiting_authority');
    expect(outcome(card(s))).toBe(
      "Passed under simple majority. Authority route, so this is the Change Board's recommendation to approve MP001; it is now with the Authority to decide.",
    );
    s.ok('sam', { type: 'authority', ref: 1, decision: 'rejected', note: 'Not in consumers’ interest' });
    expect(outcome(card(s))).toBe(
      "Passed under simple majority. Authority route, so this is the Change Board's recommendation to approve MP001; the Authority rejected it.",
    );
  });

  it('a void decision ballot says it no longer decides anything, with no meaning added', () => {
    const s = toReport({ determination: 'authority' });
    toDecision(s);
    allVote(s, 'approve');
    s.ok('sam', { type: 'authority', ref: 1, decision: 'sent-back', stage: 'report', note: 'Consult again' });
    expect(outcome(card(s))).toMatch(/^Void: the Authority sent it back \(Consult again\)/);
    expect(outcome(card(s))).not.toContain('Authority route');
  });
});
