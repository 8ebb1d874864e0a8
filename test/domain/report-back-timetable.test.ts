// R13 R14 R27 R59 R64 (§9.4 deadline id `report-back`): the report-back date the Panel chair sets with a
// route is extended the way timetable dates are. SECAS or a Working Group member asks
// (`extension request <ref> report-back <date> <reason>`), the chair grants or refuses it
// (`panel extend`, `panel refuse-extension`), and the chair may set it directly
// (`panel timetable <ref> report-back <date>`) while the modification has one or is in Development. Its
// deadline and reminders move with it (cancelled and set again). On a DP in Development, a refusal of
// `panel timetable` offers the report-back date, not Refinement steps it does not have. Refusals say what
// to do instead (R2, R45), in words (R71).
import { describe, expect, it } from 'vitest';
import { help } from '../../src/domain/help.ts';
import { nextStep } from '../../src/domain/next-step.ts';
import { status as statusMarked } from '../../src/domain/query-status.ts';
import { stallCriteria } from '../../src/domain/stages/stalling.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { toRefinement } from '../support/formal.ts';
import { Scenario, londonTime } from '../support/scenario.ts';

const iso = (london: string): string => londonTime(london).toISOString();
const status = (s: Scenario): string => commandsAs(statusMarked(s.world, 1, s.ctx('sam')), undefined);
const sentence = (s: Scenario): string => commandsAs(nextStep(s.mod(1), s.ctx('sam')).sentence, undefined);
const reportBackDeadlines = (s: Scenario) =>
  s
    .pendingDeadlines(1)
    .filter((d) => d.what.endsWith('report-back'))
    .map((d) => [d.what, d.due]);

/** DP001 in Development, its Working Group the Change Board and alice; report back by `by` if given. */
function inDevelopment(by?: string): Scenario {
  const s = new Scenario('2027-02-01T09:00');
  s.ok('alice', { type: 'raise', title: 'Fix the tariff table', problem: 'Rows are missing' });
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'development', ...(by ? { by } : {}) });
  return s;
}

const ask = (date: string) =>
  ({ type: 'extension-request', ref: 1, item: 'report-back', date, reason: 'More time' }) as const;

describe('R13 R14 R27 an extension of the report-back date', () => {
  it('is asked by SECAS, granted by the chair, and moves the deadline and its reminders', () => {
    const s = inDevelopment('2027-02-10');
    const asked = s.ok('sam', ask('2027-03-01'));
    expect(asked.reply).toBe(
      'Your request to extend the report-back date on DP001 from Wed 10 Feb 2027 to Mon 1 Mar 2027 is sent to the Panel chair.',
    );
    expect(asked.events).toMatchObject([{ type: 'ExtensionRequested', item: 'report-back' }]);
    const granted = s.ok('chair', { type: 'panel-extend', ref: 1 });
    expect(granted.reply).toBe(
      'Extension granted: the report-back date for DP001 is now Mon 1 Mar 2027 (was Wed 10 Feb 2027).',
    );
    expect(s.mod(1).reportBackBy).toBe('2027-03-01');
    expect(s.mod(1).extensions).toMatchObject([{ item: 'report-back', granted: true }]);
    // R64: reminders 5 and 1 Working Days before the new date; the old ones are cancelled.
    expect(reportBackDeadlines(s)).toEqual([
      ['report-back', iso('2027-03-01T17:00')],
      ['reminder:report-back', iso('2027-02-22T17:00')],
      ['reminder:report-back', iso('2027-02-26T17:00')],
    ]);
    expect(status(s)).toContain('Route: Development; report back by Mon 1 Mar 2027.');
    expect(sentence(s)).toContain('Report back to the Panel by Mon 1 Mar 2027.');
    // Nothing fires on the old dates; the reminders and the deadline fire on the new ones.
    s.at('2027-02-12T09:00');
    expect(s.history.filter((h) => h.at > iso('2027-02-01T10:00'))).toEqual([]);
    s.at('2027-03-02T09:00');
    const fired = s.history.flatMap((h) => h.events).filter((e) => e.type === 'ReminderSent');
    expect(fired).toHaveLength(2);
    expect(status(s)).toContain('the report-back date (Mon 1 Mar 2027) has passed');
  });

  it('may be asked by a Working Group member, to a date the chair may change when granting', () => {
    const s = inDevelopment('2027-02-10');
    s.ok('cb1', ask('2027-03-01'));
    s.ok('chair', { type: 'panel-extend', ref: 1, date: '2027-03-05' });
    expect(s.mod(1).reportBackBy).toBe('2027-03-05');
    expect(reportBackDeadlines(s)[0]).toEqual(['report-back', iso('2027-03-05T17:00')]);
  });

  it('a refusal keeps the date, and says which', () => {
    const s = inDevelopment('2027-02-10');
    s.ok('sam', ask('2027-03-01'));
    const before = reportBackDeadlines(s);
    const r = s.ok('chair', { type: 'panel-refuse-extension', ref: 1 });
    expect(r.reply).toBe('Extension refused: DP001 carries on to its report-back date, Wed 10 Feb 2027.');
    expect(reportBackDeadlines(s)).toEqual(before);
    expect(s.mod(1).reportBackBy).toBe('2027-02-10');
  });

  it('is refused when it does not move the date later, when one is pending, or when there is no date', () => {
    const s = inDevelopment('2027-02-10');
    expect(s.refused('sam', ask('2027-02-09'), 'bad_input').message).toBe(
      'An extension must move the report-back date on DP001 later than Wed 10 Feb 2027.',
    );
    s.ok('sam', ask('2027-03-01'));
    expect(s.refused('cb1', ask('2027-03-08'), 'already_done').message).toBe(
      'DP001 already has a pending extension request (the report-back date (report-back) to Mon 1 Mar 2027); the Panel chair answers it first.',
    );
    const none = inDevelopment();
    expect(none.refused('sam', ask('2027-03-01'), 'not_found').message).toBe(
      'DP001 has no report-back date, so there is nothing to extend; ask the Panel chair to set one.',
    );
  });

  it('may still be asked once the date has passed while Development runs', () => {
    const s = inDevelopment('2027-02-10');
    s.at('2027-02-15T09:00');
    s.ok('sam', ask('2027-03-01'));
    s.ok('chair', { type: 'panel-extend', ref: 1 });
    expect(status(s)).toContain('report back by Mon 1 Mar 2027');
  });

  it('a grant after the stage has ended is refused, pointing to the refusal', () => {
    const s = inDevelopment('2027-02-10');
    s.ok('sam', ask('2027-03-01'));
    s.ok('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://example.org/dr' });
    s.ok('alice', { type: 'proceed', ref: 1 });
    expect(s.refused('chair', { type: 'panel-extend', ref: 1 }, 'wrong_status').message).toBe(
      'DP001 is awaiting the Panel: its report-back date is behind it, so there is nothing to extend. Refuse the request instead: panel refuse-extension DP001.',
    );
    s.ok('chair', { type: 'panel-refuse-extension', ref: 1 });
  });

  it('R28 a moved report-back date is not a timetable date for stalling', () => {
    const s = inDevelopment('2027-02-10');
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'report-back', date: '2027-02-12' });
    s.at('2027-03-22T09:00'); // more than 20 Working Days past the moved date
    expect(stallCriteria(s.mod(1), s.ctx('chair'))).toEqual([]);
  });
});

describe('R13 R14 R59 the chair sets the report-back date with panel timetable', () => {
  it('moves it on a DP in Development, with its reminders, and says what it was', () => {
    const s = inDevelopment('2027-02-10');
    const r = s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'report-back', date: '2027-03-01' });
    expect(r.reply).toBe('The report-back date for DP001 is now Mon 1 Mar 2027 (was Wed 10 Feb 2027).');
    expect(s.mod(1).reportBackBy).toBe('2027-03-01');
    expect(reportBackDeadlines(s)).toEqual([
      ['report-back', iso('2027-03-01T17:00')],
      ['reminder:report-back', iso('2027-02-22T17:00')],
      ['reminder:report-back', iso('2027-02-26T17:00')],
    ]);
    expect(status(s)).toContain('Route: Development; report back by Mon 1 Mar 2027.');
    expect(
      s.refused(
        'chair',
        { type: 'panel-timetable', ref: 1, item: 'Report-Back', date: '2027-03-01' },
        'already_done',
      ).message,
    ).toBe('The report-back date for DP001 is already Mon 1 Mar 2027.');
  });

  it('sets one on a DP in Development that has none', () => {
    const s = inDevelopment();
    const r = s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'report-back', date: '2027-03-01' });
    expect(r.reply).toBe('The report-back date for DP001 is now Mon 1 Mar 2027.');
    expect(reportBackDeadlines(s)[0]).toEqual(['report-back', iso('2027-03-01T17:00')]);
    expect(status(s)).toContain('Route: Development; report back by Mon 1 Mar 2027.');
  });

  it('names a pending request for it, still to be answered', () => {
    const s = inDevelopment('2027-02-10');
    s.ok('sam', ask('2027-03-01'));
    const r = s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'report-back', date: '2027-02-19' });
    expect(r.reply).toBe(
      'The report-back date for DP001 is now Fri 19 Feb 2027 (was Wed 10 Feb 2027). A request to extend it to Mon 1 Mar 2027 still waits for your answer: panel extend DP001 or panel refuse-extension DP001.',
    );
  });

  it('refuses a time already past: the date is due at the cut-off', () => {
    const s = inDevelopment('2027-02-10');
    s.at('2027-02-03T17:30');
    expect(
      s.refused(
        'chair',
        { type: 'panel-timetable', ref: 1, item: 'report-back', date: '2027-02-03' },
        'bad_input',
      ).message,
    ).toBe('The report-back date is due at 17:00 on its day, and 17:00 today has passed; give a later date.');
  });

  it('on a DP in Development, refuses a Refinement step, offering the report-back date instead', () => {
    const s = inDevelopment('2027-02-10');
    for (const item of ['legal-text', 'milestone']) {
      const r = s.refused(
        'chair',
        { type: 'panel-timetable', ref: 1, item, date: '2027-03-01' },
        'wrong_status',
      );
      expect(r.message).toBe(
        'DP001 is in Development, where the date the Panel plans is its report-back date: panel timetable DP001 report-back <YYYY-MM-DD>. Its Refinement steps are planned once it is routed to Refinement.',
      );
    }
  });

  it('in Refinement with a report-back date: it can be moved, and a refusal lists it with the steps', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement', by: '2027-04-01' });
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'report-back', date: '2027-05-03' });
    expect(s.mod(1).reportBackBy).toBe('2027-05-03');
    expect(status(s)).toContain('Route: Refinement; report back by Mon 3 May 2027.');
    const r = s.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'nope', date: '2027-03-01' },
      'not_found',
    );
    expect(r.message).toMatch(
      /^MP001 has no Refinement step nope; the dates that can be planned are the report-back date \(report-back\), Working Group formed \(wg\), .*: panel timetable MP001 <step id>\|report-back <YYYY-MM-DD>\.$/,
    );
  });

  it('in Refinement without one: refused, offering the steps', () => {
    const s = toRefinement();
    const r = s.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'report-back', date: '2027-03-01' },
      'not_found',
    );
    expect(r.message).toBe(
      'MP001 has no report-back date to move: it was routed to Refinement without one. In Refinement the Panel plans its steps instead: panel timetable MP001 <step id> <YYYY-MM-DD> (help refinement lists them).',
    );
  });

  it('before routing or after Development: refused, pointing to the route that sets it', () => {
    const s = inDevelopment('2027-02-10');
    s.ok('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://example.org/dr' });
    s.ok('alice', { type: 'proceed', ref: 1 });
    expect(
      s.refused(
        'chair',
        { type: 'panel-timetable', ref: 1, item: 'report-back', date: '2027-03-01' },
        'not_found',
      ).message,
    ).toBe(
      'DP001 has no report-back date: the Panel chair sets one with the route (panel route DP001 refinement|report by=<YYYY-MM-DD>).',
    );
  });

  it('in the Report Stage with a report-back date: it can be moved, and a step refusal says so', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'report', by: '2027-04-01' });
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'report-back', date: '2027-04-08' });
    expect(reportBackDeadlines(s)[0]).toEqual(['report-back', iso('2027-04-08T17:00')]);
    const r = s.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'legal-text', date: '2027-04-08' },
      'wrong_status',
    );
    expect(r.message).toBe(
      'MP001 is in the Report Stage: its Refinement steps are behind it, so you can no longer set a planned date for one; its report-back date can still be moved: panel timetable MP001 report-back <YYYY-MM-DD>.',
    );
  });
});

describe('R2 R45 R72 what else can be extended, and the help', () => {
  it('a request for a step on a DP in Development names the report-back date, not Refinement steps', () => {
    const s = inDevelopment('2027-02-10');
    const step = {
      type: 'extension-request',
      ref: 1,
      item: 'legal-text',
      date: '2027-03-01',
      reason: 'X',
    } as const;
    expect(s.refused('sam', step, 'not_found').message).toBe(
      'DP001 has no planned date for Legal text drafted (legal-text); the planned date that can be extended is the report-back date (report-back), Wed 10 Feb 2027.',
    );
    const none = inDevelopment();
    expect(none.refused('sam', step, 'not_found').message).toBe(
      'DP001 has no planned date for Legal text drafted (legal-text); in Development the only date the Panel plans is the report-back date, and the Panel chair has set none yet.',
    );
  });

  it('help on both commands says an item may be report-back', () => {
    const s = inDevelopment();
    expect(commandsAs(help(s.ctx('chair'), s.world, 'panel timetable'), undefined)).toContain(
      '<item>: a Refinement step id (help refinement lists them), or report-back for the report-back date, the only date planned in Development.',
    );
    expect(commandsAs(help(s.ctx('sam'), s.world, 'extension request'), undefined)).toContain(
      '<item>: the id of a step the Panel chair planned, or report-back for the report-back date.',
    );
  });
});
