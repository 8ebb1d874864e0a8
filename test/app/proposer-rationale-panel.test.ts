// R16.9: proceeding against the Change Board's "do not proceed" recommendation needs a written rationale,
// which is recorded and shown to the Panel: the Panel channel is told with the rationale when the
// proposer decides, as `status` does in its checklist line.
import { describe, expect, it } from 'vitest';
import { toDraftReport, toRefinement, vote } from '../support/formal.ts';
import { Notify, audiences, one } from './notify-harness.ts';

/** The Impact Assessment ballot closed with these votes; the proposer decides next. */
function recommended(ia: string[]): Notify {
  const s = toRefinement({ dcc: true });
  toDraftReport(s);
  s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
  vote(s, ['sufficient', 'sufficient', 'sufficient', 'sufficient', 'sufficient']);
  s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'ia' });
  vote(s, ia);
  s.ok('sam', { type: 'ballot-close', ref: 1 });
  return new Notify(s);
}

describe("R16.9 the proposer's rationale reaches the Panel", () => {
  it('R16.9 proceeding against the recommendation tells the Panel channel, with the rationale', () => {
    const N = recommended(['do-not-proceed', 'do-not-proceed', 'proceed']);
    const ns = N.run('alice', { type: 'proceed', ref: 1, rationale: 'The cost is justified' });
    expect(audiences(ns).sort()).toEqual(['channel:panel', 'person:alice']);
    expect(one(ns, 'channel:panel').text).toBe(
      'MP001 "Faster switching": the proposer proceeds to the DCC Impact Assessment against the Change Board\'s recommendation not to proceed. Their rationale: The cost is justified',
    );
  });

  it('R16.9 proceeding with the recommendation needs no rationale, and the Panel is not told', () => {
    const ns = recommended(['proceed', 'proceed', 'proceed']).run('alice', { type: 'proceed', ref: 1 });
    expect(audiences(ns)).toEqual(['person:alice']);
  });
});
