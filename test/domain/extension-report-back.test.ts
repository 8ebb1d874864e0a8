// R27, R59, R13: an extension request moves a planned date of the Panel's timetable or the report-back
// date the chair set with the route (R14; granted or refused as report-back-timetable.test.ts shows).
// With no report-back date to extend, the request is refused saying so and which planned dates can be
// extended, without a false reason and without offering a command only the chair may run.
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
  it('is sent to the Panel chair when the route set one (R14: the Development report-back date)', () => {
    const s = routedToDevelopment();
    const d = s.ok('cb1', {
      type: 'extension-request',
      ref: 1,
      item: 'report-back',
      date: '2027-04-01',
      reason: 'More time',
    });
    expect(d.reply).toBe(
      'Your request to extend the report-back date on DP001 from Mon 1 Mar 2027 to Thu 1 Apr 2027 is sent to the Panel chair.',
    );
  });

  it('in Development with none, is refused asking the Panel chair to set one, offering no chair command', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Fix the tariff table', problem: 'Rows are missing' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' });
    const r = s.refused(
      'cb1',
      { type: 'extension-request', ref: 1, item: 'report-back', date: '2027-04-01', reason: 'More time' },
      'not_found',
    );
    expect(r.message).toBe(
      'DP001 has no report-back date, so there is nothing to extend; ask the Panel chair to set one.',
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
      /^MP001 has no report-back date to extend; the planned date that can be extended is .*\(legal-text\), planned for Mon 1 Feb 2027\.$/,
    );
  });
});
