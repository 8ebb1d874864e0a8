// R81 "what do I owe", R40, R41, R37, R71: who owes what around meetings, consultations and extensions.
// - A member owes an attendance answer only until the meeting starts; then SECAS owes its record, and a
//   typed "will attend" for a meeting already started is refused (it was accepted, in the future tense).
// - SECAS owes the confirmation of an open poll (it was in nobody's list).
// - A consultation response is owed by the parties, as the calendar feed says, not by SECAS or the chair.
// - An extension request names the step in words, not its id.
import { describe, expect, it } from 'vitest';
import { owedBy } from '../../src/domain/owed.ts';
import type { Owed } from '../../src/domain/owed.ts';
import { deadlineLabel } from '../../src/domain/words.ts';
import { toConsultation, toRefinement } from '../support/formal.ts';
import { givenDp, londonTime } from '../support/scenario.ts';
import type { Scenario } from '../support/scenario.ts';

const iso = (london: string): string => londonTime(london).toISOString();
const whats = (s: Scenario, who: string): string[] =>
  owedBy(s.world, who, s.ctx(who), { optional: true }).map((o: Owed) => o.what);

describe('R81 what is owed around a meeting', () => {
  it('attendance is owed until the meeting starts, then SECAS owes the record; a late answer is refused', () => {
    const s = givenDp({
      start: '2026-12-01T10:00',
      status: 'development',
      wg: ['alice', 'cb1', 'cb2', 'cb3', 'cb4'],
    });
    s.ok('sam', {
      type: 'meeting-propose',
      ref: 1,
      slots: [iso('2026-12-07T14:00'), iso('2026-12-08T10:00')],
    });
    expect(whats(s, 'sam')).toContain('Confirm the Working Group meeting time');
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    expect(whats(s, 'sam')).not.toContain('Confirm the Working Group meeting time');
    expect(whats(s, 'cb2')).toContain('Say whether you can attend the Working Group meeting');

    s.at('2026-12-07T15:30');
    expect(whats(s, 'cb2')).not.toContain('Say whether you can attend the Working Group meeting');
    expect(whats(s, 'sam')).toContain('Record the Working Group meeting of Mon 7 Dec 2026, 14:00 as held');
    const late = s.refused('cb2', { type: 'attend', ref: 1, yes: true }, 'no_meeting');
    expect(late.message).toBe(
      'The DP001 Working Group meeting of Mon 7 Dec 2026, 14:00 has started; your answer was not recorded. SECAS records who came.',
    );
    s.ok('sam', { type: 'meeting-held', ref: 1, attended: ['cb1'] });
    expect(whats(s, 'sam').filter((w) => w.startsWith('Record the Working Group meeting'))).toEqual([]);
  });
});

describe('R37 R81 a consultation response is owed by the parties', () => {
  it('parties owe it until they respond; SECAS, the chair and a Change Board member do not', () => {
    const s = toRefinement();
    toConsultation(s);
    s.ok('sam', { type: 'consult-open', ref: 1 });
    const respond = 'Respond to the Working Group Consultation';
    expect(whats(s, 'alice')).toContain(respond);
    expect(whats(s, 'bob')).toContain(respond);
    for (const who of ['sam', 'chair', 'cb1']) expect(whats(s, who), who).not.toContain(respond);
    s.ok('bob', { type: 'respond', ref: 1, org: 'Bob Energy', positions: { S0: 'support' } });
    expect(whats(s, 'bob')).not.toContain(respond);
  });
});

describe('R71 a planned item in words', () => {
  it('the chair owes an answer to the extension of "Legal text drafted", and the deadline says so', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'legal-text', date: '2027-02-01' });
    s.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'legal-text',
      date: '2027-03-01',
      reason: 'More time',
    });
    expect(whats(s, 'chair')).toContain('Answer the extension request for Legal text drafted');
    expect(deadlineLabel('timetable:legal-text')).toBe('planned date for Legal text drafted');
    expect(deadlineLabel('timetable:go-live')).toBe('planned date for go-live');
  });
});
