import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/domain/types.ts';
import { Scenario, givenDp, londonTime } from '../support/scenario.ts';

const iso = (london: string): string => londonTime(london).toISOString();

/** DP001 by alice in `status`, with a Working Group of alice and bob. */
const given = (status: Status = 'refinement'): Scenario => givenDp({ status, wg: ['alice', 'bob'] });
const timetableDeadlines = (s: Scenario) =>
  s
    .pendingDeadlines(1)
    .filter((d) => d.what.startsWith('timetable:'))
    .map((d) => [d.what, d.due]);

describe('timetable (R59)', () => {
  it('R59 panel timetable sets a planned date and a timetable deadline at the cut-off that day', () => {
    const s = given();
    const d = s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-15' });
    expect(s.mod(1).timetable).toEqual({ 'draft-report': '2027-02-15' });
    expect(timetableDeadlines(s)).toEqual([['timetable:draft-report', iso('2027-02-15T17:00')]]);
    expect(d.reply).toContain('Mon 15 Feb 2027');
  });

  it('R59 setting the same item again replaces its pending deadline; other items keep theirs', () => {
    const s = given();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-15' });
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'legal-text', date: '2027-01-20' });
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-03-01' });
    expect(s.mod(1).timetable).toEqual({ 'draft-report': '2027-03-01', 'legal-text': '2027-01-20' });
    expect(timetableDeadlines(s).sort()).toEqual([
      ['timetable:draft-report', iso('2027-03-01T17:00')],
      ['timetable:legal-text', iso('2027-01-20T17:00')],
    ]);
    expect(s.mod(1).deadlines.filter((d) => d.status === 'cancelled')).toHaveLength(1);
  });

  it('R59 the timetable deadline fires on its date and changes nothing else', () => {
    const s = given();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-01-20' });
    s.at('2027-01-20T17:00');
    const fired = s.history[s.history.length - 1];
    expect(fired?.events.map((e) => e.type)).toEqual(['DeadlineFired']);
    expect(fired?.reply).toBe(
      'The planned date for Draft Modification Report (draft-report) on DP001 (Wed 20 Jan 2027) has passed and it is not done; SECAS and the Panel chair are told.',
    );
    expect(s.mod(1).status).toBe('refinement');
    expect(timetableDeadlines(s)).toEqual([]);
  });

  it('R28 R59 a timetable date is the plan across statuses: a route keeps it; only the end of the modification cancels it', () => {
    const s = given('awaiting_panel');
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-06-01' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement' });
    expect(s.mod(1).status).toBe('refinement');
    expect(timetableDeadlines(s)).toEqual([['timetable:draft-report', iso('2027-06-01T17:00')]]);
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'Not needed' });
    expect(timetableDeadlines(s)).toEqual([]);
  });

  it('R59 a planned date must be a real date, not in the past, on an open modification, set by the chair', () => {
    const s = given();
    s.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2026-11-30' },
      'bad_input',
    );
    s.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-30' },
      'bad_input',
    );
    s.refused(
      'sam',
      { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-15' },
      'forbidden',
    );
    const closed = given('closed');
    closed.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-15' },
      'wrong_status',
    );
  });
});

describe('extensions (R27, R59)', () => {
  it('R27 an extension requested by SECAS and granted moves the date and its deadline', () => {
    const s = given();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-15' });
    s.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'draft-report',
      date: '2027-03-15',
      reason: 'DCC late',
    });
    expect(s.mod(1).extensions).toEqual([
      { item: 'draft-report', date: '2027-03-15', reason: 'DCC late', by: 'sam' },
    ]);
    const d = s.ok('chair', { type: 'panel-extend', ref: 1 });
    expect(d.events[0]).toMatchObject({
      type: 'ExtensionAnswered',
      item: 'draft-report',
      date: '2027-03-15',
      granted: true,
      by: 'chair',
    });
    expect(s.mod(1).timetable['draft-report']).toBe('2027-03-15');
    expect(s.mod(1).extensions[0]).toMatchObject({ granted: true, answeredBy: 'chair' });
    expect(timetableDeadlines(s)).toEqual([['timetable:draft-report', iso('2027-03-15T17:00')]]);
  });

  it('R27 the chair may grant an extension to a different date', () => {
    const s = given();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-15' });
    s.ok('bob', {
      type: 'extension-request',
      ref: 1,
      item: 'draft-report',
      date: '2027-04-30',
      reason: 'more analysis',
    });
    s.ok('chair', { type: 'panel-extend', ref: 1, date: '2027-03-31' });
    expect(s.mod(1).timetable['draft-report']).toBe('2027-03-31');
    expect(timetableDeadlines(s)).toEqual([['timetable:draft-report', iso('2027-03-31T17:00')]]);
  });

  it('R27 a refused extension carries on to the planned date', () => {
    const s = given();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-15' });
    s.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'draft-report',
      date: '2027-03-15',
      reason: 'DCC late',
    });
    const d = s.ok('chair', { type: 'panel-refuse-extension', ref: 1 });
    expect(d.events).toEqual([
      {
        type: 'ExtensionAnswered',
        n: 1,
        item: 'draft-report',
        date: '2027-03-15',
        granted: false,
        by: 'chair',
      },
    ]);
    expect(d.reply).toContain('Mon 15 Feb 2027');
    expect(s.mod(1).timetable['draft-report']).toBe('2027-02-15');
    expect(s.mod(1).extensions[0]?.granted).toBe(false);
    expect(timetableDeadlines(s)).toEqual([['timetable:draft-report', iso('2027-02-15T17:00')]]);
    s.refused('chair', { type: 'panel-extend', ref: 1 }, 'no_pending_extension');
  });

  it('R27 R59 with no pending request, extend and refuse-extension are refused', () => {
    const s = given();
    s.refused('chair', { type: 'panel-extend', ref: 1 }, 'no_pending_extension');
    s.refused('chair', { type: 'panel-refuse-extension', ref: 1 }, 'no_pending_extension');
  });

  it('R27 R59 one pending request at a time, for a planned item, later than planned, by SECAS or the Working Group', () => {
    const s = given();
    s.refused(
      'sam',
      { type: 'extension-request', ref: 1, item: 'draft-report', date: '2027-03-15', reason: 'x' },
      'not_found',
    );
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-15' });
    s.refused(
      'sam',
      { type: 'extension-request', ref: 1, item: 'draft-report', date: '2027-02-01', reason: 'x' },
      'bad_input',
    );
    s.refused(
      'cb1',
      { type: 'extension-request', ref: 1, item: 'draft-report', date: '2027-03-15', reason: 'x' },
      'forbidden',
    );
    s.refused(
      'chair',
      { type: 'extension-request', ref: 1, item: 'draft-report', date: '2027-03-15', reason: 'x' },
      'forbidden',
    );
    s.ok('alice', {
      type: 'extension-request',
      ref: 1,
      item: 'draft-report',
      date: '2027-03-15',
      reason: 'x',
    });
    s.refused(
      'sam',
      { type: 'extension-request', ref: 1, item: 'draft-report', date: '2027-04-15', reason: 'y' },
      'already_done',
    );
    s.ok('chair', { type: 'panel-refuse-extension', ref: 1 });
    s.ok('sam', { type: 'extension-request', ref: 1, item: 'draft-report', date: '2027-04-15', reason: 'y' });
    expect(s.mod(1).extensions.map((x) => x.granted)).toEqual([false, undefined]);
  });
});
