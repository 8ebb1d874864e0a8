// R27, R59, R13: an extension request moves a planned date of the Panel's timetable (a Refinement step
// the chair planned). The report-back date is set by the chair with the route, not a timetable item: a
// request for it is refused saying so and which planned dates can be extended, without a false reason
// and without offering a command only the chair may run.
import { describe, expect, it } from 'vitest';
import { toRefinement } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';

function routedToDevelopment(): Scenario {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'Fix the tariff table', problem: 'Rows are missing' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'development' });
  s.ok('sam', { type: 'views-open', ref: 1 });
  s.ok('sam', { type: 'views-close', ref: 1 });
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'development', by: '2027-03-01' });
  return s;
}

describe('R27 R59 an extension of the report-back date', () => {
  it('is refused as the Panel’s date set with the route, with nothing else to extend', () => {
    const s = routedToDevelopment();
    const r = s.refused(
      'cb1',
      { type: 'extension-request', ref: 1, item: 'report-back', date: '2027-04-01', reason: 'More time' },
      'not_found',
    );
    expect(r.message).toBe(
      'The report-back date on DP001 (Mon 1 Mar 2027) was set by the Panel chair with the route and is not a timetable item, so it cannot be extended by request; the Panel chair has planned no dates for its Refinement steps, so there is nothing to extend yet.',
    );
    expect(r.message).not.toContain('panel timetable');
  });

  it('in Refinement, the refusal names the planned dates that can be extended', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'legal-text', date: '2027-02-01' });
    const r = s.refused(
      'bob',
      { type: 'extension-request', ref: 1, item: 'report-back', date: '2027-04-01', reason: 'More time' },
      'not_found',
    );
    expect(r.message).toMatch(
      /^MP001 has no report-back date, and it is not a timetable item; the planned date that can be extended is .*\(legal-text\), planned for Mon 1 Feb 2027\.$/,
    );
  });
});
