// R27 R71: the messages about an extension of the report-back date name it in words and give the date it
// would move from (the chair's DM said "asks to extend report-back on DP001 to …", the raw item name
// and no "from", since the date lives with the route, not in the timetable of Refinement steps).
import { describe, expect, it } from 'vitest';
import { Scenario } from '../support/scenario.ts';
import { Notify, one } from './notify-harness.ts';

describe('R27 R71 an extension of the report-back date, as people read it', () => {
  it('the chair is asked in words with the date it moves from; the answer says it too', () => {
    const N = new Notify(new Scenario('2027-02-01T09:00'));
    N.run('alice', { type: 'raise', title: 'Fix the tariff table', problem: 'Rows are missing' });
    N.run('chair', { type: 'panel-route', ref: 1, route: 'development', by: '2027-02-10' });
    const asked = N.run('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'report-back',
      date: '2027-03-01',
      reason: 'More time',
    });
    expect(one(asked, 'person:chair').text).toMatch(
      /^Sam asks to extend the report-back date on DP001 "Fix the tariff table" from Wed 10 Feb 2027 to Mon 1 Mar 2027: More time\n/,
    );
    const refused = N.run('chair', { type: 'panel-refuse-extension', ref: 1 });
    const all = refused.map((n) => n.text).join('\n');
    expect(all).toContain('the report-back date');
    expect(all).not.toMatch(/extension of report-back|for report-back/);
  });
});
