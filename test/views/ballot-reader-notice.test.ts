// R74, R33, R34: the ballot card drawn for one reader (Teams asks for it as each member opens the
// channel's card): their own vote and until when it can be changed, an alternate's vote their member
// replaced, the vote an alternate cast for the member, what they have not voted on, and nothing for
// someone with no seat and no vote.
import { describe, expect, it } from 'vitest';
import { readerNotice } from '../../src/views/ballot-card.ts';
import { toDecision, toReport } from '../support/formal.ts';

function decision(alternatives: string[] = []) {
  const s = toReport({ determination: 'self-governance', alternatives });
  toDecision(s);
  const notice = (who: string) => {
    const m = s.mod(1);
    const b = m.ballots.at(-1);
    if (!b) throw new Error('no ballot');
    return readerNotice(m, b, { people: s.people }, who);
  };
  return { s, notice };
}

describe('R74 the ballot card for one reader', () => {
  it('a member who voted sees their vote and until when it can be changed; one who has not is told so', () => {
    const { s, notice } = decision();
    expect(notice('cb2')).toBe(
      'You have not voted on this ballot yet. It closes Tue 8 Dec 2026, 17:00 (London time).',
    );
    s.ok('cb2', { type: 'vote', ref: 1, option: 'approve' });
    expect(notice('cb2')).toBe(
      "Your vote: Approve on the Change Board's decision ballot for MP001; you can change it until the ballot closes (at the latest Tue 8 Dec 2026, 17:00).",
    );
    s.ok('cb2', { type: 'vote', ref: 1, option: 'reject' });
    expect(notice('cb2')).toContain('Your vote: Reject on');
  });

  it('someone with no seat and no vote has no line: the card is the same for them as for everyone', () => {
    const { notice } = decision();
    expect(notice('alice')).toBeUndefined();
    expect(notice('chair')).toBeUndefined();
  });

  it('R33: the alternate sees their vote stands until the member votes, then that it was replaced', () => {
    const { s, notice } = decision();
    s.ok('alt1', { type: 'vote', ref: 1, option: 'approve' });
    expect(notice('alt1')).toBe(
      "Your vote: Approve on the Change Board's decision ballot for MP001 as alternate for Cb1; you can change it until Cb1 votes or the ballot closes (at the latest Tue 8 Dec 2026, 17:00).",
    );
    expect(notice('cb1')).toBe('Alt1 voted for you, as your alternate: Approve. Your own vote replaces it.');
    s.ok('cb1', { type: 'vote', ref: 1, option: 'reject' });
    expect(notice('alt1')).toBe('Cb1 voted (Reject), which replaced your vote as alternate (Approve).');
    expect(notice('cb1')).toContain('Your vote: Reject on');
  });

  it('on a ballot per solution, one line per solution, and what is left', () => {
    const { s, notice } = decision(['Alternative one']);
    s.ok('cb3', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    expect(notice('cb3')?.split('\n')).toEqual([
      `Your vote: Approve for Alternative Solution A1 "Alternative one" on the Change Board's decision ballot for MP001; you can change it until the ballot closes (at the latest Tue 8 Dec 2026, 17:00).`,
      'You have not voted on the Proposed Solution yet. It closes Tue 8 Dec 2026, 17:00 (London time).',
    ]);
  });

  it('once the ballot closes the vote stands, and nothing is asked', () => {
    const { s, notice } = decision();
    for (const m of ['cb1', 'cb2', 'cb3', 'cb4', 'cb5']) s.ok(m, { type: 'vote', ref: 1, option: 'approve' });
    expect(s.mod(1).ballots.at(-1)?.status).toBe('closed');
    expect(notice('cb4')).toBe("Your vote: Approve on the Change Board's decision ballot for MP001.");
    expect(notice('cb5')).toBe("Your vote: Approve on the Change Board's decision ballot for MP001.");
  });
});
