// R36, R2, R80: a typed vote on a modification with no open ballot is refused with that, and with the
// ballot that comes next where the stage says which. The last closed ballot is named ("… closed …; your
// vote was not counted") only to someone who had a seat on it: a Change Board member or a party was told
// the Panel's Fast Track ballot had closed without counting their vote, a ballot they were never on.
import { describe, expect, it } from 'vitest';
import { toRefinement } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';

/** MP001: a Fast Track ballot the Panel passed, an objection, routed to the Report Stage, its consultation open. */
function reportAfterFastTrack(): Scenario {
  const s = new Scenario('2026-12-01T09:00');
  s.ok('alice', { type: 'raise', title: 'Fix a reference', problem: 'D4.2 cites D3.9', fastTrack: true });
  s.at('2026-12-01T10:00').ok('chair', { type: 'panel-fasttrack', ref: 1 });
  for (const pm of ['chair', 'pm1', 'pm2', 'pm3', 'pm4'])
    s.ok(pm, { type: 'vote', ref: 1, option: 'approve' });
  s.at('2026-12-01T11:00').ok('chair', { type: 'ballot-close', ref: 1 });
  s.at('2026-12-02T10:00').ok('bob', { type: 'object', ref: 1, reason: 'We rely on the wording' });
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'report', determination: 'self-governance' });
  s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr', items: ['background'] });
  s.ok('sam', { type: 'consult-open', ref: 1 });
  return s;
}

const NEXT =
  'the Change Board decision ballot opens after the Modification Report Consultation, which closes Wed 23 Dec 2026, 17:00';

describe('R36 R2 a typed vote with no open ballot', () => {
  it('R36 a Change Board member never on the closed Fast Track ballot is told none is open, and which is next', () => {
    const s = reportAfterFastTrack();
    const r = s.refused('cb1', { type: 'vote', ref: 1, option: 'approve' }, 'no_open_ballot');
    expect(r.message).toBe(`There is no open ballot on MP001: ${NEXT}.`);
  });

  it('R2 a party with no vote is not told about the Panel ballot either', () => {
    const s = reportAfterFastTrack();
    const r = s.refused('bob', { type: 'vote', ref: 1, option: 'approve' }, 'no_open_ballot');
    expect(r.message).toBe(`There is no open ballot on MP001: ${NEXT}.`);
  });

  it('R36 a Panel member who had a seat on it is told it closed, then what is next', () => {
    const s = reportAfterFastTrack();
    const r = s.refused('pm1', { type: 'vote', ref: 1, option: 'approve' }, 'ballot_closed');
    expect(r.message).toBe(
      `The Panel's Fast Track ballot for MP001 of Tue 1 Dec 2026 closed on Tue 1 Dec 2026, 11:00; your vote was not counted. No ballot is open on MP001 now: ${NEXT}.`,
    );
  });

  it('R16.7 in Refinement the next Change Board ballot is named with the step it waits for', () => {
    const s = toRefinement();
    const r = s.refused('cb4', { type: 'vote', ref: 1, option: 'sufficient' }, 'no_open_ballot');
    expect(r.message).toBe(
      'There is no open ballot on MP001: the next is the Change Board sufficiency ballot, after: Draft Modification Report.',
    );
  });
});
