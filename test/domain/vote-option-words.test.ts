// R74: a click is confirmed with exactly what was recorded, in the words of the button clicked; R80: a
// wrong option lists the options in those same words. One table of option words serves the buttons,
// the confirmations, the refusals and the history, for every ballot kind (R33).
import { describe, expect, it } from 'vitest';
import { BALLOT_OPTIONS } from '../../src/domain/ballots.ts';
import type { BallotKind } from '../../src/domain/ballots.ts';
import { isRefusal } from '../../src/domain/types.ts';
import { optionWords } from '../../src/domain/words.ts';
import { voteButtons } from '../../src/views/ballot-card.ts';
import { optionLabel } from '../../src/views/text.ts';
import { toDraftReport, toRefinement } from '../support/formal.ts';

describe('R74 R80 option words agree with the buttons', () => {
  it('every option of every ballot kind reads the same on its button and in words', () => {
    for (const kind of Object.keys(BALLOT_OPTIONS) as BallotKind[])
      for (const o of BALLOT_OPTIONS[kind])
        expect([kind, o, optionWords(o)]).toEqual([kind, o, optionLabel(o)]);
  });

  it('a sufficiency vote is confirmed in the words of the button clicked; a wrong option lists them', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    const m = s.mod(1);
    const b = m.ballots[0];
    if (!b) throw new Error('no ballot');
    const labels = voteButtons(m, b).map((x) => x.label);
    expect(labels).toEqual(['Sufficient to vote', 'More work needed']);

    const wrong = s.refused('cb1', { type: 'vote', ref: 1, option: 'approve' }, 'bad_input');
    expect(wrong.message).toContain(`: ${labels.join(', ')} (vote MP001 sufficient|more-work)`);

    const r = s.ok('cb1', { type: 'vote', ref: 1, option: 'more-work', ballot: b.id });
    expect(r.reply).toMatch(
      /^Your vote: More work needed on the Change Board's sufficiency ballot for MP001;/,
    );
    const again = s.exec('cb1', { type: 'vote', ref: 1, option: 'more-work', ballot: b.id });
    expect(isRefusal(again) && again.message).toMatch(/^Your vote: More work needed .* is already recorded;/);
  });
});
