// R34 R55: `status` on a decision ballot per solution says who has voted on every solution and what
// each voter has left, as the ballot card does: a member who voted on one solution has not "not voted".
import { describe, expect, it } from 'vitest';
import { status } from '../../src/domain/query-status.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { toDecision, toReport } from '../support/formal.ts';

describe('R34 status on a decision ballot per solution', () => {
  it('counts a part vote and names the solutions each voter has left', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper', 'Faster'] });
    toDecision(s);
    s.ok('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    const line = commandsAs(status(s.world, 1, s.ctx('alice')), undefined)
      .split('\n')
      .find((l) => l.startsWith('Change Board decision ballot'));
    // R71: the ballot's solutions and what a voter has left by name (with their titles), never by id.
    expect(line).toMatch(
      /^Change Board decision ballot on the Proposed Solution, Alternative Solution A1 "Cheaper" and Alternative Solution A2 "Faster": /,
    );
    expect(line).toMatch(
      /: 0 of \d+ voted on every solution, 1 on some; waiting for [^;]*\(on the Proposed Solution and Alternative Solution A2 "Faster"\)/,
    );
    expect(line).not.toMatch(/: 0 of \d+ voted; waiting/);
    expect(line).not.toMatch(/\b(S0|A1|A2)\b(?! ")/);
  });

  it('R34 R71 SEC_SHOW_RUNNING_SPLIT: the split per solution names each solution, as the card does', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper'] });
    toDecision(s);
    s.ok('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    s.settings = { ...s.settings, SEC_SHOW_RUNNING_SPLIT: true };
    const line = commandsAs(status(s.world, 1, s.ctx('alice')), undefined)
      .split('\n')
      .find((l) => l.startsWith('Change Board decision ballot'));
    expect(line).toContain(
      'so far The Proposed Solution: 0 Approve, 0 Reject, 0 Abstain; Alternative Solution A1 "Cheaper": 1 Approve, 0 Reject, 0 Abstain',
    );
  });
});
