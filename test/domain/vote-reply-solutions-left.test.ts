// R34 R74: the vote handler's own reply, on a decision ballot voted solution by solution, names the
// solutions the voter's seat has still to vote on (the words are voteConfirmation's; the handler must
// give it the seat, or it says nothing of them), and a repeated vote says so too.
import { describe, expect, it } from 'vitest';
import { commandsAs } from '../../src/views/hints.ts';
import { toDecision, toReport } from '../support/formal.ts';

describe('R34 R74 a vote on one solution of several', () => {
  it('the reply names the solutions still owed, by name, with their command; none once all are voted', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper', 'Faster'] });
    toDecision(s);
    const first = s.ok('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'S0' });
    expect(commandsAs(first.reply, undefined)).toMatch(
      / You have not voted on Alternative Solution A1 "Cheaper" and Alternative Solution A2 "Faster" yet: vote MP001 approve\|reject\|abstain A1\|A2\.$/,
    );
    const second = s.ok('cb1', { type: 'vote', ref: 1, option: 'reject', solution: 'A1' });
    expect(commandsAs(second.reply, undefined)).toMatch(
      / You have not voted on Alternative Solution A2 "Faster" yet: vote MP001 approve\|reject\|abstain A2\.$/,
    );
    const last = s.ok('cb1', { type: 'vote', ref: 1, option: 'reject', solution: 'A2' });
    expect(last.reply).not.toContain('You have not voted');
  });
});
