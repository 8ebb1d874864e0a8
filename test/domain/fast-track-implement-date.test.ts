// R19 R24 R26 R53: the implementation date agreed at `panel fasttrack <ref> implement=<date>` must come
// after the objection window closes, since the modification is approved only then and it is implemented
// at 00:00 London on that date. Before the Panel's decision the earliest close is a window starting today.
import { describe, expect, it } from 'vitest';
import { evolveAll } from '../../src/domain/evolve.ts';
import { Scenario } from '../support/scenario.ts';

const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];

/** DP001, raised by alice for Fast Track, waiting for the Panel on Thu 3 Dec 2026. */
function awaitingPanel(): Scenario {
  const s = new Scenario('2026-12-03T10:00');
  const at = s.now.toISOString();
  s.world = evolveAll(
    s.world,
    [
      {
        type: 'Raised',
        n: 1,
        title: 'Fix a typo',
        problem: 'A typo in D3',
        proposer: 'alice',
        fastTrackRequested: true,
        at,
      },
      { type: 'StatusChanged', n: 1, from: 'draft', to: 'awaiting_panel' },
    ],
    at,
  );
  return s;
}

describe('R19 R24 R53 the Fast Track implementation date', () => {
  it('R19 R24 at ballot opening a date not after the earliest window close is refused, with the rule', () => {
    const s = awaitingPanel();
    // A window starting on Thu 3 Dec 2026 closes at the cut-off on its 15th Working Day, Thu 24 Dec.
    const r = s.refused('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-24' }, 'bad_input');
    expect(r.message).toBe(
      "The implementation date Thu 24 Dec 2026 is too early: DP001 is approved only when its objection window closes, 15 Working Days after the Panel's decision, so on Thu 24 Dec 2026, 17:00 at the earliest (if the ballot closed today). Give a date after Thu 24 Dec 2026.",
    );
    expect(s.mod(1).ballots).toHaveLength(0);
    s.ok('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-25' });
    expect(s.mod(1).implementAt).toBe('2026-12-25');
  });

  it('R19 R26 while the window runs a date on or before its close is refused, naming the close', () => {
    const s = awaitingPanel();
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    for (const p of PANEL) s.ok(p, { type: 'vote', ref: 1, option: 'approve' });
    s.at('2026-12-03T11:00').ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).status).toBe('fast_track_window');
    s.at('2026-12-10T09:00');
    const r = s.refused('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-11' }, 'bad_input');
    expect(r.message).toBe(
      'The implementation date Fri 11 Dec 2026 is too early: DP001 is approved only when its objection window closes, on Thu 24 Dec 2026, 17:00. Give a date after Thu 24 Dec 2026.',
    );
    s.refused('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-24' }, 'bad_input');
    s.ok('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-29' });
    expect(s.mod(1).implementAt).toBe('2026-12-29');
  });
});
