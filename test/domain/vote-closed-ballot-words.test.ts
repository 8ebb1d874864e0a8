// R36, R75, R80: a vote on a ballot that is no longer open is refused with when it closed, to the minute
// in London time (a vote a minute late must not read as if that day were still open), and, when another
// ballot is open on the modification, with that ballot and how to vote there.
import { describe, expect, it } from 'vitest';
import { toDraftReport, toRefinement, step } from '../support/formal.ts';

function secondSufficiencyBallot() {
  const s = toRefinement();
  toDraftReport(s);
  s.at('2026-12-02T10:00');
  s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
  s.ok('cb2', { type: 'vote', ref: 1, option: 'more-work' });
  s.at('2026-12-02T10:10');
  s.ok('sam', { type: 'ballot-close', ref: 1 });
  step(s, 'draft-report');
  s.at('2026-12-02T10:20');
  s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
  return s;
}

describe('R75 R80 a vote on a closed ballot', () => {
  it('an old button names the ballot now open on the modification, with its command', () => {
    const s = secondSufficiencyBallot();
    const r = s.refused(
      'cb1',
      { type: 'vote', ref: 1, option: 'sufficient', ballot: 'sufficiency-1' },
      'ballot_closed',
    );
    expect(r.message).toBe(
      "The Change Board's sufficiency ballot for MP001 of Wed 2 Dec 2026 closed on Wed 2 Dec 2026, 10:10; your vote was not counted. A new one, opened Wed 2 Dec 2026, 10:20, is open until Wed 9 Dec 2026, 17:00: vote there with its buttons or vote MP001 sufficient|more-work.",
    );
    // The typed vote goes to the open ballot.
    s.ok('cb1', { type: 'vote', ref: 1, option: 'sufficient' });
  });

  it('a typed vote a minute after the close gives the closing time, not only the day', () => {
    const s = secondSufficiencyBallot();
    s.at('2026-12-09T17:01');
    const r = s.refused('cb1', { type: 'vote', ref: 1, option: 'sufficient' }, 'ballot_closed');
    expect(r.message).toBe(
      "The Change Board's sufficiency ballot for MP001 of Wed 2 Dec 2026 closed on Wed 9 Dec 2026, 17:00; your vote was not counted.",
    );
  });
});
