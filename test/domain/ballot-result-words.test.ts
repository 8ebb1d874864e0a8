// R35 R55 R71: a ballot's result as a person reads it where the ballot closes (the close command's reply,
// its deadline) and in the history: each solution by its name in words, never by its id alone ("S0:").
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/domain/history.ts';
import { historyLines } from '../../src/domain/history.ts';
import { toDecision, toReport, vote } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';

const S0_PASSED = 'simple majority: 3 votes to approve, 2 votes to reject — passed';
const A1_FAILED = 'simple majority: 1 vote to approve, 3 votes to reject, 1 abstention — failed';

function decisionOnTwo(): Scenario {
  const s = toReport({ determination: 'self-governance', alternatives: ['Phase it in'] });
  toDecision(s);
  vote(s, ['approve', 'approve', 'approve', 'reject', 'reject'], 'S0');
  vote(s, ['approve', 'reject', 'reject', 'reject'], 'A1');
  return s;
}

describe('R35 R71 a closed ballot names each solution in words', () => {
  it('SECAS closing the ballot reads each tally with the solution it is for', () => {
    const s = decisionOnTwo();
    const reply = s.ok('sam', { type: 'ballot-close', ref: 1 }).reply;
    // cb5 has not voted on A1: the close counts the four votes cast.
    expect(reply).toBe(
      `Closed the Change Board decision ballot on MP001. On the Proposed Solution, ${S0_PASSED}; on Alternative Solution A1 "Phase it in", simple majority: 1 vote to approve, 3 votes to reject — failed.`,
    );
  });

  it('the ballot closing at its deadline says which ballot, and each tally with its solution', () => {
    // cb5 votes on neither solution, so the ballot waits for its deadline.
    const t = toReport({ determination: 'self-governance', alternatives: ['Phase it in'] });
    toDecision(t);
    vote(t, ['approve', 'approve', 'approve', 'reject'], 'S0');
    vote(t, ['approve', 'reject', 'reject', 'abstain'], 'A1');
    const due = t.mod(1).ballots[0]?.due as string;
    const fired = t.fireDue(new Date(due)).pop();
    expect(t.mod(1).ballots[0]?.status).toBe('closed');
    expect(fired?.reply).toBe(
      'The Change Board decision ballot on MP001 closed at its deadline. On the Proposed Solution, simple majority: 3 votes to approve, 1 vote to reject — passed; on Alternative Solution A1 "Phase it in", simple majority: 1 vote to approve, 2 votes to reject, 1 abstention — failed.',
    );
  });

  it('the history names the solution a vote was for and each solution of the result', () => {
    const s = decisionOnTwo();
    s.ok('cb5', { type: 'vote', ref: 1, option: 'abstain', solution: 'A1' });
    const entries: HistoryEntry[] = s.history.flatMap((h) =>
      h.events.map((ev) => ({ type: ev.type, at: h.at, actor: 'sam', payload: { ...ev } })),
    );
    const lines = historyLines(entries, s.ctx('sam'), 1).map((l) => l.split(' · ').slice(2).join(' · '));
    expect(lines).toContain(
      'Voted Abstain for Alternative Solution A1 "Phase it in" on the Change Board decision ballot',
    );
    expect(lines).toContain(
      `The Change Board decision ballot closed: the Proposed Solution passed, under ${S0_PASSED.replace(' — passed', '')}; Alternative Solution A1 "Phase it in" failed, under ${A1_FAILED.replace(' — failed', '')}`,
    );
  });
});
