// R33, R62, R74: an alternate's vote stands only until the member votes. The alternate's confirmation
// says so, and when the member's own vote replaces it the alternate is told by DM, once: their vote no
// longer counts and the member's does. Other votes send the alternate nothing.
import { describe, expect, it } from 'vitest';
import { commandsAs } from '../../src/views/hints.ts';
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
    expect(one(ns, 'person:alt1').text).toContain(
      'for MP001 "Faster switching" (Alternative Solution A1 "Alternative one"), so their own vote',
    );
    expect(one(ns, 'person:alt1').text).toContain('as alternate (Reject) no longer does');
  });

  it('the member is told by DM when their alternate votes for them, and how their own vote replaces it', () => {
    const N = decisionBallot();
    const ns = N.run('alt1', { type: 'vote', ref: 1, option: 'reject' });
    expect(commandsAs(one(ns, 'person:cb1').text, undefined)).toBe(
      'Alt1, your alternate, voted Reject for you on the Change Board\'s decision ballot for MP001 "Faster switching". It counts unless you vote yourself: your own vote replaces it (vote MP001 approve|reject|abstain), until the ballot closes (at the latest Tue 8 Dec 2026, 17:00).',
    );
    // A member's own vote tells the member nothing of the kind.
    expect(to(N.run('cb2', { type: 'vote', ref: 1, option: 'approve' }), 'person:cb2')).toEqual([]);
  });

  it('an alternate’s vote that closes the ballot says so to the member', () => {
    const N = decisionBallot();
    for (const m of ['cb2', 'cb3', 'cb4', 'cb5']) N.run(m, { type: 'vote', ref: 1, option: 'approve' });
    const ns = N.run('alt1', { type: 'vote', ref: 1, option: 'approve' });
    expect(commandsAs(one(ns, 'person:cb1').text, undefined)).toBe(
      'Alt1, your alternate, voted Approve for you on the Change Board\'s decision ballot for MP001 "Faster switching". It was the last vote, so the ballot is closed (status MP001 shows the outcome).',
    );
  });
});
