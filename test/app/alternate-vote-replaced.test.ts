// R33, R62, R74: an alternate's vote stands only until the member votes. The alternate's confirmation
// says so, and when the member's own vote replaces it the alternate is told by DM, once: their vote no
// longer counts and the member's does. Other votes send the alternate nothing.
import { describe, expect, it } from 'vitest';
import { toDecision, toReport } from '../support/formal.ts';
import { Notify, one, to } from './notify-harness.ts';

function decisionBallot(alternatives: string[] = []): Notify {
  const s = toReport({ determination: 'self-governance', alternatives });
  toDecision(s);
  return new Notify(s);
}

describe('R33 an alternate whose vote the member replaces', () => {
  it('is told at the vote that it stands until the member votes, and by DM when the member does', () => {
    const N = decisionBallot();
    const alt = N.s.ok('alt1', { type: 'vote', ref: 1, option: 'approve' });
    expect(alt.reply).toBe(
      "Your vote: Approve on the Change Board's decision ballot for MP001 as alternate for Cb1; you can change it until Cb1 votes or the ballot closes (at the latest Tue 8 Dec 2026, 17:00).",
    );
    const ns = N.run('cb1', { type: 'vote', ref: 1, option: 'reject' });
    expect(one(ns, 'person:alt1').text).toBe(
      'Cb1 has voted on the Change Board\'s decision ballot for MP001 "Faster switching", so their own vote now counts and the vote you cast for them as alternate (Approve) no longer does. An alternate votes only while the member has not, so there is nothing more for you to do on this ballot.',
    );
    // The member changing their vote later replaces nothing new: no second DM.
    expect(to(N.run('cb1', { type: 'vote', ref: 1, option: 'abstain' }), 'person:alt1')).toEqual([]);
  });

  it('a double click by the alternate still says until when it stands', () => {
    const N = decisionBallot();
    N.s.ok('alt1', { type: 'vote', ref: 1, option: 'approve' });
    const again = N.s.exec('alt1', { type: 'vote', ref: 1, option: 'approve' });
    expect('message' in again && again.message).toContain(
      'as alternate for Cb1 is already recorded; you can change it until Cb1 votes or the ballot closes',
    );
  });

  it('no DM when the alternate had not voted, nor for a vote on another solution', () => {
    const N = decisionBallot(['Alternative one']);
    expect(
      to(N.run('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'S0' }), 'person:alt1'),
    ).toEqual([]);
    N.run('alt1', { type: 'vote', ref: 1, option: 'reject', solution: 'A1' });
    const ns = N.run('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    expect(one(ns, 'person:alt1').text).toContain('for MP001 "Faster switching" on A1, so their own vote');
    expect(one(ns, 'person:alt1').text).toContain('as alternate (Reject) no longer does');
  });
});
