// R14 R52: a Development Report belongs to a DP that went through Development. Awaiting the Panel, a new
// version is accepted for a DP back from Development (and does not tell the proposer to proceed again);
// a DP that never went there is refused, instead of being told it may now ask to proceed.
import { describe, expect, it } from 'vitest';
import { Scenario } from '../support/scenario.ts';

const raised = (): Scenario => {
  const s = new Scenario('2027-01-11T09:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'None', route: 'development' });
  return s;
};

describe('R14 R52 the Development Report', () => {
  it('is refused for a DP awaiting the Panel that was never in Development', () => {
    const s = raised();
    s.ok('sam', { type: 'views-open', ref: 1 });
    s.ok('sam', { type: 'views-close', ref: 1 });
    expect(s.mod(1).status).toBe('awaiting_panel');
    const r = s.refused(
      'sam',
      { type: 'report', ref: 1, doc: 'development', link: 'https://x/dev' },
      'wrong_status',
    );
    expect(r.message).toBe(
      'DP001 has not been through Development: a Development Report is recorded while a DP is in development.',
    );
  });

  it('in development invites the proposer to proceed; a new version after proceeding does not', () => {
    const s = raised();
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' });
    const first = s.ok('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://x/dev1' });
    expect(first.reply).toContain('The proposer may now ask to proceed (proceed DP001)');
    s.ok('alice', { type: 'proceed', ref: 1 });
    expect(s.mod(1).status).toBe('awaiting_panel');
    const second = s.ok('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://x/dev2' });
    expect(second.reply).toBe('Recorded the Development Report v2 for DP001.');
  });
});
