// R78: SECAS cancels a Working Group meeting (`meeting cancel <ref> [time] [reason]`): every member is
// told who cancelled it and why, and gets the calendar update with the invite's UID and METHOD:CANCEL;
// its reminder is dropped, nobody owes an answer about it, and `attend` no longer reaches it. An open
// poll is withdrawn the same way; a meeting that has started is recorded as held, not cancelled.
import { describe, expect, it } from 'vitest';
import { owedOn } from '../../src/domain/owed.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { toRefinement } from '../support/formal.ts';
import { MEETING_SLOTS, Notify, confirmedMeeting, filesTo, one, vevent } from './notify-harness.ts';

const SLOTS = MEETING_SLOTS;
const MEMBERS = ['person:alice', 'person:bob', 'person:cb1', 'person:cb2', 'person:cb3'];

describe('R78 meeting cancel', () => {
  it('R78 tells every member who cancelled it and why, and withdraws the invite (same UID, METHOD:CANCEL)', () => {
    const { N } = confirmedMeeting();
    const d = N.s.ok('sam', { type: 'meeting-cancel', ref: 1, reason: 'the papers are late' });
    expect(d.reply).toBe(
      'Cancelled the MP001 Working Group meeting of Mon 14 Dec 2026, 14:00: members are told, and their calendar invite is withdrawn.',
    );
    expect(N.s.mod(1).meetings[0]?.status).toBe('cancelled');
    // The reminder the Working Day before is dropped with it.
    expect(N.s.mod(1).deadlines.filter((x) => x.status === 'pending' && x.subject === 'mtg-1')).toEqual([]);
  });

  it('R78 the members’ messages and calendar updates', () => {
    const { N, first } = confirmedMeeting();
    const ns = N.run('sam', { type: 'meeting-cancel', ref: 1, reason: 'the papers are late' });
    for (const who of MEMBERS) {
      expect(one(ns, who, /is cancelled \(/).text).toBe(
        'The MP001 "Faster switching" Working Group meeting of Mon 14 Dec 2026, 14:00 is cancelled (Sam cancelled it: the papers are late).',
      );
      const [update, ...more] = filesTo(ns, who);
      expect(more).toEqual([]);
      const ev = vevent(update?.file?.text);
      expect(ev).toMatchObject({ method: 'CANCEL', uid: first.uid });
      expect(ev.sequence).toBeGreaterThan(first.sequence);
    }
  });

  it('R78 afterwards nobody owes an answer about it and a typed attend does not reach it', () => {
    const { N } = confirmedMeeting();
    const before = owedOn(N.s.mod(1), { ...N.s.ctx('sam'), now: N.s.now });
    expect(before.some((o) => o.what.includes('attend'))).toBe(true);
    N.s.ok('sam', { type: 'meeting-cancel', ref: 1 });
    const after = owedOn(N.s.mod(1), { ...N.s.ctx('sam'), now: N.s.now });
    expect(
      after.filter((o) => o.what.includes('attend') || o.what.includes('Record the Working Group')),
    ).toEqual([]);
    expect(N.s.refused('cb1', { type: 'attend', ref: 1, yes: true }, 'no_meeting').message).toBe(
      'MP001 has no confirmed Working Group meeting.',
    );
    expect(N.s.refused('sam', { type: 'meeting-cancel', ref: 1 }, 'no_meeting').message).toBe(
      'MP001 has no confirmed or proposed Working Group meeting.',
    );
  });

  it('R78 with several confirmed meetings: the next one, or the one at the time given; the others stand', () => {
    const { N } = confirmedMeeting();
    N.run('sam', {
      type: 'meeting-propose',
      ref: 1,
      slots: ['2027-01-11T10:00:00.000Z', '2027-01-12T10:00:00.000Z'],
    });
    N.s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    const wrong = N.s.refused(
      'sam',
      { type: 'meeting-cancel', ref: 1, at: '2027-01-11T10:00:00.000Z' },
      'no_meeting',
    );
    expect(wrong.message).toBe(
      'MP001 has no confirmed Working Group meeting at Mon 11 Jan 2027, 10:00 still to come; its confirmed meetings: Mon 14 Dec 2026, 14:00; Tue 12 Jan 2027, 10:00.',
    );
    const later = N.s.ok('sam', { type: 'meeting-cancel', ref: 1, at: '2027-01-12T10:00:00.000Z' });
    expect(later.reply).toBe(
      'Cancelled the MP001 Working Group meeting of Tue 12 Jan 2027, 10:00: members are told, and their calendar invite is withdrawn. One other confirmed meeting stands.',
    );
    expect(N.s.mod(1).meetings.map((m) => m.status)).toEqual(['confirmed', 'cancelled']);
  });

  it('R78 an open poll is withdrawn; a meeting that has started is recorded as held, not cancelled', () => {
    const N = new Notify(toRefinement());
    N.run('sam', { type: 'meeting-propose', ref: 1, slots: SLOTS });
    const ns = N.run('sam', { type: 'meeting-cancel', ref: 1 });
    expect(one(ns, 'person:cb1', /withdrawn/).text).toBe(
      'The proposed times for the MP001 "Faster switching" Working Group meeting are withdrawn (Sam withdrew them).',
    );
    N.run('sam', { type: 'meeting-propose', ref: 1, slots: SLOTS });
    N.s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    N.s.at('2026-12-14T14:30');
    const started = N.s.refused('sam', { type: 'meeting-cancel', ref: 1 }, 'no_meeting');
    expect(commandsAs(started.message, undefined)).toBe(
      'The MP001 Working Group meeting of Mon 14 Dec 2026, 14:00 has started, so it cannot be cancelled; record it as held (meeting held MP001 attended=<people>).',
    );
  });

  it('R78 only SECAS cancels', () => {
    const { N } = confirmedMeeting();
    expect(N.s.exec('cb1', { type: 'meeting-cancel', ref: 1 })).toMatchObject({ code: 'forbidden' });
  });
});
