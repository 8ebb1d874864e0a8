// Given/when/then specs for consultations (R37, R61, R64, R65): the Working Group Consultation (R16.5)
// and the Modification Report Consultation (R18); responses revised until the close; late ones refused.
import { describe, expect, it } from 'vitest';
import { when } from '../../src/domain/words.ts';
import { londonTime } from '../support/scenario.ts';
import { iso, step, toRefinement, toReport } from '../support/formal.ts';

describe('R37 consultations', () => {
  it('R16.5 R37 the Working Group Consultation closes at its deadline and completes step 5', () => {
    const s = toRefinement();
    for (const id of ['requirements', 'dcc-pa', 'legal-text']) step(s, id);
    s.refused('sam', { type: 'consult-open', ref: 1 }, 'prerequisites');
    step(s, 'benefits');
    s.at('2026-12-02T09:30');
    s.ok('sam', { type: 'consult-open', ref: 1, days: 10 });
    // 10 Working Days after Wed 2 Dec: Wed 16 Dec at the cut-off; the closing notice Tue 15 Dec.
    expect(s.pendingDeadlines(1).map((x) => [x.what, x.due, x.subject])).toEqual([
      ['consult-close:wg', iso('2026-12-16T17:00'), 'wg-consultation-1'],
      ['reminder:consult-close:wg', iso('2026-12-15T17:00'), 'wg-consultation-1'],
    ]);
    s.ok('bob', { type: 'respond', ref: 1, org: 'Bob Gas', positions: { S0: 'support' } });
    s.at('2026-12-16T17:00');
    expect(s.mod(1).consultations[0]).toMatchObject({ kind: 'wg', status: 'closed' });
    expect(s.mod(1).steps['wg-consultation']).toEqual({ state: 'done', note: '1 response' });
    expect(s.history.at(-1)?.reply).toContain('draft-report');
    expect(
      s
        .mod(1)
        .deadlines.filter((d) => d.subject === 'wg-consultation-1')
        .map((d) => d.status),
    ).toEqual(['fired', 'fired']);
    s.refused('sam', { type: 'consult-open', ref: 1 }, 'already_done');
  });

  it('R37 R64 the Modification Report Consultation runs 15 Working Days with a closing notice 1 Working Day before', () => {
    const s = toReport({ determination: 'self-governance' });
    const d = s.ok('sam', { type: 'consult-open', ref: 1 });
    expect(d.events[0]).toEqual({
      type: 'ConsultationOpened',
      n: 1,
      id: 'report-consultation-1',
      kind: 'report',
      due: iso('2026-12-22T17:00'),
    });
    // The Panel's timetable date set in refinement stays too (R59); these are the consultation's.
    const consultation = s.pendingDeadlines(1).filter((x) => x.subject === 'report-consultation-1');
    expect(consultation.map((x) => [x.what, x.due, x.subject])).toEqual([
      ['consult-close:report', iso('2026-12-22T17:00'), 'report-consultation-1'],
      ['reminder:consult-close:report', iso('2026-12-21T17:00'), 'report-consultation-1'],
    ]);
    s.refused('sam', { type: 'consult-open', ref: 1 }, 'already_done');
    s.at('2026-12-21T17:00');
    expect(s.history.at(-1)?.events.map((e) => e.type)).toEqual(['DeadlineFired', 'ReminderSent']);
    s.at('2026-12-22T17:00');
    expect(s.mod(1).consultations[0]?.status).toBe('closed');
    expect(s.history.at(-1)?.events.map((e) => e.type)).toEqual(['DeadlineFired', 'ConsultationClosed']);
  });

  it('R37 R61 R65 responses are revised until the close (the latest counts) and a late response is refused', () => {
    const s = toReport({ alternatives: ['Phase it in'] });
    s.ok('sam', { type: 'consult-open', ref: 1, days: 5 });
    s.ok('alice', {
      type: 'respond',
      ref: 1,
      org: 'Acme Energy',
      positions: { S0: 'support', A1: 'oppose' },
    });
    // R61: respondents need no role.
    s.ok('nobody', { type: 'respond', ref: 1, org: 'Citizens', positions: {}, comments: 'Please hurry' });
    const revised = s.ok('alice', {
      type: 'respond',
      ref: 1,
      org: 'Acme Energy',
      positions: { S0: 'oppose', A1: 'support' },
      comments: 'On reflection',
    });
    expect(revised.reply).toContain('revised');
    expect(s.mod(1).consultations[0]?.responses.alice).toMatchObject({
      positions: { S0: 'oppose', A1: 'support' },
      comments: 'On reflection',
    });
    expect(s.history.flatMap((h) => h.events).filter((e) => e.type === 'ResponseGiven')).toHaveLength(3);
    s.refused('bob', { type: 'respond', ref: 1, org: 'B', positions: { A2: 'support' } }, 'bad_input');
    s.refused('bob', { type: 'respond', ref: 1, org: 'B', positions: {} }, 'bad_input');
    // R64: closed from the due instant, even before the scheduler has fired.
    s.now = londonTime('2026-12-08T17:00');
    const late = s.refused(
      'bob',
      { type: 'respond', ref: 1, org: 'B', positions: { S0: 'support' } },
      'consultation_closed',
    );
    expect(late.message).toContain('Tue 8 Dec 2026, 17:00');
    s.at('2026-12-08T17:00');
    expect(s.mod(1).consultations[0]?.status).toBe('closed');
    s.refused(
      'bob',
      { type: 'respond', ref: 1, org: 'B', positions: { S0: 'support' } },
      'consultation_closed',
    );
    s.refused('sam', { type: 'consult-close', ref: 1 }, 'consultation_closed');
  });

  it('R37 R57 a response after an early end says when and why it ended, not the planned close still ahead', () => {
    const s = toReport();
    s.ok('sam', { type: 'consult-open', ref: 1, days: 5 });
    s.ok('sam', { type: 'consult-close', ref: 1 });
    const r = { type: 'respond', ref: 1, org: 'B', positions: { S0: 'support' } } as const;
    const early = s.refused('bob', r, 'consultation_closed');
    expect(early.message).toContain(
      `the Modification Report Consultation was closed early on ${when(s.now.toISOString())}`,
    );
    expect(early.message).not.toContain('Tue 8 Dec 2026');

    const t = toRefinement();
    for (const id of ['requirements', 'dcc-pa', 'legal-text', 'benefits']) step(t, id);
    t.ok('sam', { type: 'consult-open', ref: 1 });
    t.ok('alice', { type: 'withdraw', ref: 1, reason: 'Not needed' });
    const cancelled = t.refused('bob', r, 'consultation_closed');
    expect(cancelled.message).toContain(
      `the Working Group Consultation was cancelled on ${when(t.now.toISOString())} because MP001 was withdrawn`,
    );
  });
});
