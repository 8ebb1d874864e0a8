// R59 R71: what the Panel chair may timetable is a Refinement step, named back by its title; an unknown
// item is refused with the steps that can be planned. R27 §9.5: an extension is for a step still to do,
// names the date it moves from, and a refusal tells the chair the way on (a route to the Report Stage).
// R28: a planned date met is not overdue.
import { describe, expect, it } from 'vitest';
import { stallCriteria } from '../../src/domain/stages/stalling.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { step, toRefinement } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';

const text = (s: string): string => commandsAs(s, undefined);
const planned = (s: Scenario) =>
  s
    .pendingDeadlines(1)
    .filter((d) => d.what.startsWith('timetable:'))
    .map((d) => d.what);

describe('R59 R71 panel timetable names a Refinement step', () => {
  it('refuses an item that is not a step, listing the steps that can be planned by title and id', () => {
    const s = toRefinement();
    const r = s.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'final-report', date: '2027-03-15' },
      'not_found',
    );
    const said = text(r.message);
    expect(said).toContain('MP001 has no Refinement step final-report; the steps that can be planned are ');
    expect(said).toContain('Draft Modification Report (draft-report)');
    expect(said).toContain('Legal text drafted (legal-text)');
    // The Working Group is formed: a done step is not offered.
    expect(said).not.toContain('Working Group formed (wg)');
    expect(said).toContain('panel timetable MP001 <step id> <YYYY-MM-DD>');
    expect(s.mod(1).timetable).toEqual({});
    expect(planned(s)).toEqual([]);
  });

  it('accepts a step id in any case, stores the id and replies with the title', () => {
    const s = toRefinement();
    const d = s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'Draft-Report', date: '2027-03-15' });
    expect(d.reply).toBe(
      'The planned date for Draft Modification Report (draft-report) on MP001 is now Mon 15 Mar 2027.',
    );
    expect(s.mod(1).timetable).toEqual({ 'draft-report': '2027-03-15' });
    expect(planned(s)).toEqual(['timetable:draft-report']);
  });

  it('refuses a step that is already done, and a modification past its Refinement steps', () => {
    const s = toRefinement();
    const r = s.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'wg', date: '2027-03-15' },
      'already_done',
    );
    expect(r.message).toContain('On MP001, Working Group formed (wg) is already done;');
    const report = toRefinement();
    report.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-01' });
    report.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'draft-report',
      date: '2027-03-01',
      reason: 'x',
    });
    report.ok('chair', { type: 'panel-refuse-extension', ref: 1 });
    report.ok('chair', { type: 'panel-route', ref: 1, route: 'report' });
    const late = report.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-03-15' },
      'wrong_status',
    );
    expect(late.message).toContain('its Refinement steps are behind it');
  });
});

describe('R27 §9.5 extensions', () => {
  it('the request names the date it moves from; a request for a step already done is refused', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'requirements', date: '2027-01-15' });
    const d = s.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'requirements',
      date: '2027-02-01',
      reason: 'DCC late',
    });
    expect(d.reply).toBe(
      'Your request to extend Business requirements for each solution (requirements) on MP001 from Fri 15 Jan 2027 to Mon 1 Feb 2027 is sent to the Panel chair.',
    );
    s.ok('chair', { type: 'panel-refuse-extension', ref: 1 });
    step(s, 'requirements');
    const r = s.refused(
      'sam',
      { type: 'extension-request', ref: 1, item: 'requirements', date: '2027-02-01', reason: 'again' },
      'already_done',
    );
    expect(r.message).toBe(
      'Business requirements for each solution (requirements) on MP001 is already done, so its planned date needs no extension.',
    );
  });

  it('a refusal tells the chair they may route it to the Report Stage, and that route is accepted', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-02-10' });
    s.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'draft-report',
      date: '2027-03-01',
      reason: 'x',
    });
    const d = s.ok('chair', { type: 'panel-refuse-extension', ref: 1 });
    expect(text(d.reply)).toBe(
      'Extension refused: MP001 carries on to its planned date, Wed 10 Feb 2027, for Draft Modification Report (draft-report). You may now end its Refinement by routing it to the Report Stage: panel route MP001 report.',
    );
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'report' });
    expect(s.mod(1).status).toBe('report');
  });
});

describe('R28 R59 a planned date met', () => {
  it('passes quietly when the step is done, and never counts toward a stall', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'requirements', date: '2026-12-10' });
    step(s, 'requirements');
    s.at('2026-12-10T17:00');
    expect(s.history.at(-1)?.reply).toBe(
      'The planned date for Business requirements for each solution (requirements) on MP001 (Thu 10 Dec 2026) has arrived; it is done.',
    );
    s.at('2027-02-01T09:00');
    expect(stallCriteria(s.mod(1), s.ctx('chair'))).toEqual([]);
  });

  it('the stall criterion names the step by its title', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'requirements', date: '2026-12-10' });
    s.at('2027-01-13T09:00');
    expect(stallCriteria(s.mod(1), s.ctx('chair'))).toEqual([
      'The planned date for Business requirements for each solution (Thu 10 Dec 2026) is 21 Working Days past with no extension (the limit is 20).',
    ]);
  });
});
