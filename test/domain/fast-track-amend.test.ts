// R6 R24 R26: in the Fast Track objection window parties are asked to object to what the Panel approved,
// so an amendment of any field is refused, and the refusal names what is fixed and why (not only the
// solution and benefits, which is the Report Stage's reason, R7).
import { describe, expect, it } from 'vitest';
import { evolveAll } from '../../src/domain/evolve.ts';
import { Scenario } from '../support/scenario.ts';

const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];

function inWindow(): Scenario {
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
  s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
  for (const p of PANEL) s.ok(p, { type: 'vote', ref: 1, option: 'approve' });
  s.at('2026-12-03T11:00').ok('chair', { type: 'ballot-close', ref: 1 });
  s.at('2026-12-04T10:00');
  return s;
}

describe('R6 R24 amending in the Fast Track objection window', () => {
  it('R6 R24 a title or problem amendment is refused naming every fixed field and the reason', () => {
    const s = inWindow();
    expect(s.mod(1).status).toBe('fast_track_window');
    const want =
      'DP001 is in the Fast Track objection window: the Panel approved it as it stands, so its title, problem, solution and benefits cannot change while parties may object to it.';
    expect(s.refused('alice', { type: 'amend', ref: 1, title: 'Rename two' }, 'report_final').message).toBe(
      want,
    );
    expect(s.refused('alice', { type: 'amend', ref: 1, problem: 'Other' }, 'report_final').message).toBe(
      want,
    );
    expect(s.mod(1)).toMatchObject({ title: 'Fix a typo', problem: 'A typo in D3' });
  });
});
