import { status } from '../../src/domain/query-status.ts';
import { describe, expect, it } from 'vitest';
import { panelDigest } from '../../src/app/notify/digest.ts';
import { stallCriteria, stalledModifications } from '../../src/domain/stages/stalling.ts';
import type { Status } from '../../src/domain/types.ts';
import { evolveAll } from '../../src/domain/evolve.ts';
import { Scenario, givenDp, londonTime } from '../support/scenario.ts';
import { commandsAs } from '../../src/views/hints.ts';

const iso = (london: string): string => londonTime(london).toISOString();

/** DP001 by alice raised Tue 1 Dec 2026 10:00 (its last progress), optionally moved to `status`. */
const given = (status?: Status): Scenario => givenDp(status ? { status } : {});
const criteria = (s: Scenario): string[] => stallCriteria(s.mod(1), s.ctx('chair'));

// 60 Working Days after Tue 1 Dec 2026 (skipping 25 Dec, 28 Dec and 1 Jan) is Fri 26 Feb 2027.
const DAY_59 = '2027-02-25';
const DAY_60 = '2027-02-26';

describe('stall criteria (R28, R58)', () => {
  it('R28 (a) no progress for 59 Working Days is not stalled; 60 is', () => {
    const s = given('development');
    expect(s.calendar.addWorkingDays('2026-12-01', 60)).toBe(DAY_60);
    s.at(`${DAY_59}T23:59`);
    expect(criteria(s)).toEqual([]);
    expect(stalledModifications(s.world, s.ctx('chair'))).toEqual([]);
    s.at(`${DAY_60}T00:01`);
    expect(criteria(s)).toHaveLength(1);
    expect(criteria(s)[0]).toContain('No progress for 60 Working Days');
    expect(stalledModifications(s.world, s.ctx('chair'))).toEqual([
      { ref: 'DP001', number: 1, criteria: criteria(s) },
    ]);
  });

  it('R28 R58 progress restarts the idle count', () => {
    const s = given('development');
    s.at('2027-01-15T12:00');
    s.world = evolveAll(
      s.world,
      [{ type: 'StepChanged', n: 1, step: 'requirements', state: 'done' }],
      s.now.toISOString(),
    );
    s.at(`${DAY_60}T12:00`);
    expect(criteria(s)).toEqual([]);
  });

  it('R28 (b) a timetable date 20 Working Days past is not stalled; 21 is, and a granted extension clears it', () => {
    const s = given('refinement');
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2026-12-10' });
    // 20 Working Days after Thu 10 Dec 2026 is Tue 12 Jan 2027.
    s.at('2027-01-12T12:00');
    expect(criteria(s)).toEqual([]);
    s.at('2027-01-13T09:00');
    expect(criteria(s)).toEqual([
      'The planned date for Draft Modification Report (Thu 10 Dec 2026) is 21 Working Days past with no extension (the limit is 20).',
    ]);
    s.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'draft-report',
      date: '2027-02-10',
      reason: 'legal text late',
    });
    expect(criteria(s)).toHaveLength(1); // a pending request is not an extension
    s.ok('chair', { type: 'panel-extend', ref: 1 });
    expect(criteria(s)).toEqual([]);
  });

  it('R28 R58 approved and final modifications are never stalled', () => {
    for (const status of ['approved', 'closed', 'withdrawn'] as const) {
      const s = given(status);
      s.at(`${DAY_60}T12:00`).at('2027-06-01T12:00');
      expect(criteria(s)).toEqual([]);
    }
  });
});

describe('stall notice, plan and close (R29, R58)', () => {
  it('R29 a stall notice is refused when the modification is not stalled', () => {
    const s = given('development');
    s.at(`${DAY_59}T12:00`);
    s.refused('chair', { type: 'panel-stall-notice', ref: 1 }, 'not_stalled');
    s.refused('sam', { type: 'panel-stall-notice', ref: 1 }, 'forbidden');
  });

  it('R29 R58 notice → 10 Working Days with a plan → close, each early step refused with its reason', () => {
    const s = given('development');
    s.at(`${DAY_60}T10:00`);
    s.refused('chair', { type: 'panel-close', ref: 1, reason: 'stalled' }, 'no_notice');
    s.refused('alice', { type: 'plan', ref: 1, text: 'we will finish' }, 'no_notice');

    const notice = s.ok('chair', { type: 'panel-stall-notice', ref: 1 });
    // 10 Working Days after Fri 26 Feb 2027 is Fri 12 Mar 2027.
    const answerDue = iso('2027-03-12T17:00');
    expect(notice.events[0]).toMatchObject({ type: 'StallNoticeSent', answerDue });
    expect(s.mod(1).stall?.criteria[0]).toContain('No progress for 60 Working Days');
    expect(s.pendingDeadlines(1).map((d) => [d.what, d.due])).toEqual([['stall-answer', answerDue]]);
    s.refused('chair', { type: 'panel-stall-notice', ref: 1 }, 'already_done');

    const plan = s.ok('alice', { type: 'plan', ref: 1, text: 'Working Group meets in March' });
    expect(s.eventTypes(plan)).toEqual(['PlanSubmitted']);
    expect(s.mod(1).stall?.plan).toBe('Working Group meets in March');
    s.refused('bob', { type: 'plan', ref: 1, text: 'not mine' }, 'forbidden');

    s.at('2027-03-12T16:59');
    const early = s.refused('chair', { type: 'panel-close', ref: 1, reason: 'stalled' }, 'too_early');
    expect(early.message).toContain('Fri 12 Mar 2027, 17:00');

    s.at('2027-03-12T17:00');
    const fired = s.history[s.history.length - 1];
    expect(fired?.events.map((e) => e.type)).toEqual(['DeadlineFired']);
    expect(fired?.reply).toContain('sent a plan');
    expect(s.mod(1).status).toBe('development'); // R58: the plan does not stop the close, nor does the answer period end it

    s.refused('pm1', { type: 'panel-close', ref: 1, reason: 'stalled' }, 'forbidden');
    const closed = s.ok('chair', { type: 'panel-close', ref: 1, reason: 'No progress since December' });
    expect(s.mod(1).status).toBe('closed');
    expect(s.mod(1).closedReason).toBe('No progress since December');
    expect(s.eventTypes(closed)).toEqual(expect.arrayContaining(['StatusChanged', 'Closed']));
    s.refused('chair', { type: 'panel-close', ref: 1, reason: 'again' }, 'wrong_status');
  });

  it('R29 closing is refused when the criteria no longer hold after progress', () => {
    const s = given('awaiting_panel');
    s.at(`${DAY_60}T10:00`);
    s.ok('chair', { type: 'panel-stall-notice', ref: 1 });
    s.at('2027-03-02T10:00');
    // Opening a ballot is progress (R58).
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    s.at('2027-03-15T10:00');
    expect(criteria(s)).toEqual([]);
    const r = s.refused('chair', { type: 'panel-close', ref: 1, reason: 'stalled' }, 'not_stalled');
    expect(r.message).toContain('no longer stalled');
  });

  it('R29 R58 progress after a notice voids it: stalled again, closing needs a new notice and a new answer period', () => {
    const s = given('development');
    s.at(`${DAY_60}T10:00`);
    s.ok('chair', { type: 'panel-stall-notice', ref: 1 });
    s.at('2027-03-01T10:00');
    s.world = evolveAll(
      s.world,
      [{ type: 'StepChanged', n: 1, step: 'requirements', state: 'done' }],
      s.now.toISOString(),
    );
    s.refused('alice', { type: 'plan', ref: 1, text: 'late plan' }, 'no_notice');
    // 60 Working Days idle again, long after the old answer period: the old notice does not count.
    s.at('2027-06-01T10:00');
    expect(criteria(s)).toHaveLength(1);
    const r = s.refused('chair', { type: 'panel-close', ref: 1, reason: 'stalled' }, 'no_notice');
    expect(r.message).toContain('progressed on Mon 1 Mar 2027, 10:00');
    expect(r.message).toContain('send a new stall notice (panel stall-notice DP001)');
    // status says the old notice no longer counts, not that an answer is due.
    const shown = status(s.world, 1, s.ctx('chair'));
    expect(shown).toContain('it no longer counts: DP001 progressed on Mon 1 Mar 2027, 10:00');
    expect(shown).not.toContain('answer due');
    // The chair's digest asks for one, and a new notice is accepted with a new answer period.
    const digest = panelDigest(s.world, s.ctx('system'), 'digest')[0]?.text;
    expect(commandsAs(digest ?? '', undefined)).toContain('Send a stall notice: panel stall-notice DP001.');
    s.ok('chair', { type: 'panel-stall-notice', ref: 1 });
    s.refused('chair', { type: 'panel-close', ref: 1, reason: 'stalled' }, 'too_early');
    expect(s.pendingDeadlines(1).filter((d) => d.what === 'stall-answer')).toHaveLength(1);
  });

  it('R29 closing is refused when an overdue timetable date has since been extended', () => {
    const s = given('refinement');
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2026-12-10' });
    s.at('2027-01-13T09:00');
    s.ok('chair', { type: 'panel-stall-notice', ref: 1 });
    s.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'draft-report',
      date: '2027-03-31',
      reason: 'needs DCC input',
    });
    s.ok('chair', { type: 'panel-extend', ref: 1 });
    s.at('2027-02-01T09:00');
    s.refused('chair', { type: 'panel-close', ref: 1, reason: 'stalled' }, 'not_stalled');
  });
});
