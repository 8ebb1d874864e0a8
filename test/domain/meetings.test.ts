import { describe, expect, it } from 'vitest';
import { commandSchema } from '../../src/domain/commands.ts';
import { DEEMED_PHRASE, deemedText, recommendedSlot } from '../../src/domain/meetings.ts';
import type { Meeting } from '../../src/domain/modification.ts';
import { owedBy } from '../../src/domain/owed.ts';
import type { Status } from '../../src/domain/types.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { Scenario, givenDp, londonTime } from '../support/scenario.ts';

const WG = ['alice', 'cb1', 'cb2', 'cb3', 'cb4'];
const iso = (london: string): string => londonTime(london).toISOString();

/** DP001 by alice, in `status`, with a Working Group (alice, the proposer, is a member: R61). */
const given = (opts: { start?: string; status?: Status; wg?: boolean } = {}): Scenario =>
  givenDp({
    ...(opts.start ? { start: opts.start } : {}),
    status: opts.status ?? 'development',
    ...(opts.wg === false ? {} : { wg: WG }),
  });

const propose = (s: Scenario, ...slots: string[]) =>
  s.ok('sam', { type: 'meeting-propose', ref: 1, slots: slots.map(iso) });

describe('meeting propose (R40, R63)', () => {
  it('R40 SECAS proposes 2–5 numbered 60-minute London slots and members are polled', () => {
    const s = given();
    const d = propose(s, '2026-12-07T14:00', '2026-12-08T10:00', '2026-12-09T15:30');
    expect(s.eventTypes(d)).toEqual(['MeetingProposed']);
    const mt = s.mod(1).meetings[0];
    expect(mt).toMatchObject({ id: 'mtg-1', status: 'proposed', availability: {}, attendance: {} });
    expect(mt?.slots).toEqual([iso('2026-12-07T14:00'), iso('2026-12-08T10:00'), iso('2026-12-09T15:30')]);
    expect(d.reply).toContain('DP001');
    expect(d.reply).toContain('1) Mon 7 Dec 2026, 14:00');
    expect(d.reply).toContain('60 minutes');
  });

  it('R40 fewer than 2 or more than 5 slots is rejected at the boundary', () => {
    const one = { type: 'meeting-propose', ref: 1, slots: [iso('2026-12-07T14:00')] };
    const six = {
      ...one,
      slots: [7, 8, 9, 10, 11, 14].map((d) => iso(`2026-12-${String(d).padStart(2, '0')}T10:00`)),
    };
    expect(commandSchema.safeParse(one).success).toBe(false);
    expect(commandSchema.safeParse(six).success).toBe(false);
  });

  it('R63 slots must be in the future and distinct', () => {
    const s = given();
    s.refused(
      'sam',
      { type: 'meeting-propose', ref: 1, slots: [iso('2026-12-01T09:00'), iso('2026-12-07T14:00')] },
      'bad_input',
    );
    s.refused(
      'sam',
      { type: 'meeting-propose', ref: 1, slots: [iso('2026-12-07T14:00'), iso('2026-12-07T14:00')] },
      'bad_input',
    );
  });

  it('R40 a new proposal supersedes an unconfirmed one, but not a confirmed meeting', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    const d = propose(s, '2026-12-09T14:00', '2026-12-10T10:00');
    expect(d.events).toContainEqual({ type: 'MeetingCancelled', n: 1, meetingId: 'mtg-1' });
    expect(s.mod(1).meetings.map((m) => [m.id, m.status])).toEqual([
      ['mtg-1', 'cancelled'],
      ['mtg-2', 'proposed'],
    ]);
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    const d3 = propose(s, '2026-12-14T14:00', '2026-12-15T10:00');
    expect(s.eventTypes(d3)).toEqual(['MeetingProposed']);
    expect(s.mod(1).meetings.map((m) => m.status)).toEqual(['cancelled', 'confirmed', 'proposed']);
  });

  it('R61 a meeting needs a Working Group', () => {
    const s = given({ wg: false });
    s.refused(
      'sam',
      { type: 'meeting-propose', ref: 1, slots: [iso('2026-12-07T14:00'), iso('2026-12-08T10:00')] },
      'prerequisites',
    );
  });

  it('R40 meetings are proposed in development or refinement only', () => {
    const s = given({ status: 'awaiting_panel' });
    s.refused(
      'sam',
      { type: 'meeting-propose', ref: 1, slots: [iso('2026-12-07T14:00'), iso('2026-12-08T10:00')] },
      'wrong_status',
    );
    const r = given({ status: 'refinement' });
    expect(s.eventTypes(propose(r, '2026-12-07T14:00', '2026-12-08T10:00'))).toEqual(['MeetingProposed']);
  });

  it('R2 only SECAS proposes a meeting', () => {
    const s = given();
    s.refused(
      'cb1',
      { type: 'meeting-propose', ref: 1, slots: [iso('2026-12-07T14:00'), iso('2026-12-08T10:00')] },
      'forbidden',
    );
  });
});

describe('availability and the recommended slot (R40, R63)', () => {
  it('R63 a Working Group member (the proposer too, R61) marks a slot; revising replaces', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    const d = s.ok('alice', { type: 'available', ref: 1, slot: 2, yes: true });
    expect(d.events).toEqual([
      { type: 'AvailabilityGiven', n: 1, meetingId: 'mtg-1', person: 'alice', slot: 2, yes: true },
    ]);
    s.ok('alice', { type: 'available', ref: 1, slot: 2, yes: false });
    expect(s.mod(1).meetings[0]?.availability).toEqual({ alice: { '2': false } });
  });

  it('R63 non-members are refused by the table (forbidden), SECAS included', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    s.refused('nobody', { type: 'available', ref: 1, slot: 1, yes: true }, 'forbidden');
    s.refused('sam', { type: 'available', ref: 1, slot: 1, yes: true }, 'forbidden');
    s.refused('cb5', { type: 'attend', ref: 1, yes: true }, 'forbidden');
  });

  it('R63 a slot number that does not exist, or no proposed meeting, is refused', () => {
    const s = given();
    s.refused('cb1', { type: 'available', ref: 1, slot: 1, yes: true }, 'no_meeting');
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    s.refused('cb1', { type: 'available', ref: 1, slot: 3, yes: true }, 'bad_input');
  });

  it('R40 the recommended slot is the one most members can attend', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00', '2026-12-09T10:00');
    s.ok('alice', { type: 'available', ref: 1, slot: 1, yes: true });
    s.ok('cb1', { type: 'available', ref: 1, slot: 3, yes: true });
    s.ok('cb2', { type: 'available', ref: 1, slot: 3, yes: true });
    s.ok('cb3', { type: 'available', ref: 1, slot: 1, yes: false });
    expect(recommendedSlot(s.mod(1).meetings[0] as Meeting)).toBe(3);
  });

  it('R40 a tie goes to the earliest slot by time, not by number', () => {
    const meeting = {
      slots: [iso('2026-12-09T10:00'), iso('2026-12-07T14:00'), iso('2026-12-08T10:00')],
      availability: { a: { '1': true, '2': true }, b: { '1': true, '2': true, '3': true } },
    };
    expect(recommendedSlot(meeting)).toBe(2);
  });

  it('R40 with no "yes" yet there is no recommendation', () => {
    expect(
      recommendedSlot({ slots: [iso('2026-12-07T14:00'), iso('2026-12-08T10:00')], availability: {} }),
    ).toBe(undefined);
    expect(recommendedSlot({ slots: [iso('2026-12-07T14:00')], availability: { a: { '1': false } } })).toBe(
      undefined,
    );
  });
});

describe('meeting confirm and its reminder (R40, R63, R64)', () => {
  it('R63 confirm by slot number; R64 reminder at 09:00 on the Working Day before (Mon 7 Dec → Fri 4 Dec)', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    const d = s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    expect(d.events[0]).toEqual({
      type: 'MeetingConfirmed',
      n: 1,
      meetingId: 'mtg-1',
      at: iso('2026-12-07T14:00'),
    });
    expect(s.mod(1).meetings[0]).toMatchObject({ status: 'confirmed', confirmedAt: iso('2026-12-07T14:00') });
    const [r] = s.pendingDeadlines(1);
    expect(r).toMatchObject({
      what: 'reminder:meeting',
      reminder: true,
      subject: 'mtg-1',
      due: iso('2026-12-04T09:00'),
    });
    expect(d.reply).toContain('Mon 7 Dec 2026, 14:00');
  });

  it('R63 confirm another time; R64 a meeting the day after a bank holiday is reminded before the holidays', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    // Fri 25 Dec (Christmas) and Mon 28 Dec 2026 (Boxing Day substitute) are not Working Days.
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: iso('2026-12-29T14:00') });
    expect(s.mod(1).meetings[0]?.confirmedAt).toBe(iso('2026-12-29T14:00'));
    expect(s.pendingDeadlines(1).map((d) => [d.what, d.due])).toEqual([
      ['reminder:meeting', iso('2026-12-24T09:00')],
      ['meeting', iso('2026-12-29T14:00')],
    ]);
  });

  it('R64 the reminder is 09:00 London in summer time too', () => {
    const s = given({ start: '2027-06-01T10:00' });
    propose(s, '2027-06-07T14:00', '2027-06-08T10:00');
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    expect(s.pendingDeadlines(1)[0]?.due).toBe('2027-06-04T08:00:00.000Z');
  });

  it('R64 no reminder when 09:00 on the Working Day before has already passed', () => {
    const s = given();
    propose(s, '2026-12-02T10:00', '2026-12-03T10:00');
    const d = s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    // Only the meeting's start (R40, R41), no reminder.
    expect(s.eventTypes(d)).toEqual(['MeetingConfirmed', 'DeadlineSet']);
    expect(s.pendingDeadlines(1).map((x) => x.what)).toEqual(['meeting']);
    // …and the reply promises none.
    expect(d.reply).toBe(
      'Confirmed the DP001 Working Group meeting for Wed 2 Dec 2026, 10:00 (London time, 60 minutes); members get an invite.',
    );
  });

  it('R40 the reminder fires to the Working Group members', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    s.at('2026-12-04T09:30');
    const sent = s.history.flatMap((h) => h.events).find((e) => e.type === 'ReminderSent');
    expect(sent).toMatchObject({ what: 'meeting', to: WG });
  });

  it('R40 moving a confirmed meeting replaces its reminder; the same time again is already done', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    const d = s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    expect(s.eventTypes(d)).toEqual([
      'DeadlineCancelled',
      'DeadlineCancelled',
      'MeetingConfirmed',
      'DeadlineSet',
      'DeadlineSet',
    ]);
    expect(s.pendingDeadlines(1).map((x) => x.due)).toEqual([
      iso('2026-12-07T09:00'),
      iso('2026-12-08T10:00'),
    ]);
    s.refused('sam', { type: 'meeting-confirm', ref: 1, slot: 2 }, 'already_done');
  });

  it('R63 confirming with no meeting, a missing slot or a past time is refused', () => {
    const s = given();
    s.refused('sam', { type: 'meeting-confirm', ref: 1, slot: 1 }, 'no_meeting');
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    s.refused('sam', { type: 'meeting-confirm', ref: 1, slot: 3 }, 'bad_input');
    s.refused('sam', { type: 'meeting-confirm', ref: 1, slot: iso('2026-11-30T10:00') }, 'bad_input');
  });
});

describe('attendance and the held meeting (R39, R41, R63)', () => {
  function confirmed(): Scenario {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    return s;
  }

  it('R63 a member confirms attendance of the latest confirmed meeting', () => {
    const s = confirmed();
    const d = s.ok('cb2', { type: 'attend', ref: 1, yes: false });
    expect(d.events).toEqual([
      { type: 'AttendanceGiven', n: 1, meetingId: 'mtg-1', person: 'cb2', yes: false },
    ]);
    expect(d.reply).toContain('Mon 7 Dec 2026, 14:00');
    expect(s.mod(1).meetings[0]?.attendance).toEqual({ cb2: false });
  });

  it('R63 attend with no proposed or confirmed meeting is refused', () => {
    given().refused('cb2', { type: 'attend', ref: 1, yes: true }, 'no_meeting');
  });

  it('R74 the answer says it can be changed until the meeting starts, naming the London time', () => {
    const d = confirmed().ok('cb2', { type: 'attend', ref: 1, yes: true });
    expect(commandsAs(d.reply, undefined)).toBe(
      'Your answer: you will attend the DP001 Working Group meeting; you can change it until it starts, Mon 7 Dec 2026, 14:00 (London time).',
    );
  });

  it('R40 R63 attend while only a poll is open is refused, pointing to the slot answers; nothing is recorded', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    s.ok('cb2', { type: 'available', ref: 1, slot: 2, yes: false });
    const r = s.refused('cb2', { type: 'attend', ref: 1, yes: true }, 'no_meeting');
    expect(commandsAs(r.message, undefined)).toBe(
      'The DP001 Working Group meeting has no confirmed time yet, so your answer was not recorded. Say which proposed times you can attend: available DP001 <slot> yes|no. The proposed times: 1) Mon 7 Dec 2026, 14:00; 2) Tue 8 Dec 2026, 10:00.',
    );
    // The slot cb2 said they cannot attend is confirmed: they are asked, not recorded as attending.
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    expect(s.mod(1).meetings[0]?.attendance).toEqual({});
  });

  it('R40 R63 a meeting moved to another time asks every member again: earlier answers no longer stand', () => {
    const s = confirmed();
    s.ok('cb2', { type: 'attend', ref: 1, yes: true });
    s.ok('cb3', { type: 'attend', ref: 1, yes: false });
    const owesAnswer = (p: string) =>
      owedBy(s.world, p, s.ctx(p)).some((o) => o.button?.action === 'attend' && o.number === 1);
    expect(owesAnswer('cb2')).toBe(false);
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: iso('2026-12-09T11:00') });
    expect(s.mod(1).meetings[0]?.attendance).toEqual({});
    expect(owesAnswer('cb2')).toBe(true);
    expect(owesAnswer('cb3')).toBe(true);
    // An answer for the new time is recorded as usual.
    s.ok('cb2', { type: 'attend', ref: 1, yes: true });
    expect(s.mod(1).meetings[0]?.attendance).toEqual({ cb2: true });
  });

  it('R41 members who neither attended nor sent comments are recorded as deemed', () => {
    const s = confirmed().at('2026-12-07T16:00');
    const d = s.ok('sam', {
      type: 'meeting-held',
      ref: 1,
      attended: ['cb1', 'sam@example.org'],
      comments: ['@cb2'],
      notes: 'https://example.org/minutes',
    });
    expect(d.events).toContainEqual({
      type: 'MeetingHeld',
      n: 1,
      meetingId: 'mtg-1',
      attended: ['cb1', 'sam'],
      comments: ['cb2'],
      deemed: ['alice', 'cb3', 'cb4'],
      notes: 'https://example.org/minutes',
    });
    expect(s.mod(1).meetings[0]).toMatchObject({ status: 'held', deemed: ['alice', 'cb3', 'cb4'] });
    expect(d.reply).toContain('Alice is deemed to have read the papers and to have nothing further to add.');
    expect(d.reply).not.toMatch(/quorum/i);
    // R58: a held meeting is progress.
    expect(s.mod(1).lastProgressAt).toBe(iso('2026-12-07T16:00'));
  });

  it('R39 no quorum: a meeting held with one attendee is recorded', () => {
    const s = confirmed().at('2026-12-07T15:00');
    s.ok('sam', { type: 'meeting-held', ref: 1, attended: ['cb4'] });
    expect(s.mod(1).meetings[0]).toMatchObject({
      status: 'held',
      attended: ['cb4'],
      deemed: ['alice', 'cb1', 'cb2', 'cb3'],
    });
  });

  it('R41 held needs a confirmed meeting that has started, known people, and SECAS', () => {
    const s = given();
    s.refused('sam', { type: 'meeting-held', ref: 1, attended: ['cb1'] }, 'no_meeting');
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    s.refused('sam', { type: 'meeting-held', ref: 1, attended: ['cb1'] }, 'no_meeting');
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    s.refused('sam', { type: 'meeting-held', ref: 1, attended: ['cb1'] }, 'too_early');
    s.at('2026-12-07T15:00');
    s.refused('sam', { type: 'meeting-held', ref: 1, attended: ['cb1', 'zed'] }, 'not_found');
    s.refused('sam', { type: 'meeting-held', ref: 1, attended: [] }, 'bad_input');
    s.refused('cb1', { type: 'meeting-held', ref: 1, attended: ['cb1'] }, 'forbidden');
  });

  it('R41 R63 with two confirmed meetings, attend answers the next one and held records the one that has started', () => {
    const s = given();
    propose(s, '2026-12-07T14:00', '2026-12-08T10:00');
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 }); // mtg-1, Mon 7 Dec 14:00
    propose(s, '2026-12-14T10:00', '2026-12-15T10:00');
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 }); // mtg-2, Mon 14 Dec 10:00
    propose(s, '2026-12-21T10:00', '2026-12-22T10:00'); // mtg-3, an open poll
    const a = s.ok('cb2', { type: 'attend', ref: 1, yes: true });
    expect(a.events).toEqual([
      { type: 'AttendanceGiven', n: 1, meetingId: 'mtg-1', person: 'cb2', yes: true },
    ]);
    expect(a.reply).toContain('Mon 7 Dec 2026, 14:00');
    s.refused('sam', { type: 'meeting-held', ref: 1, attended: ['cb1'] }, 'too_early');
    s.at('2026-12-07T15:30');
    const h = s.ok('sam', { type: 'meeting-held', ref: 1, attended: ['cb1'] });
    expect(h.reply).toContain('Mon 7 Dec 2026, 14:00');
    expect(s.mod(1).meetings.map((x) => x.status)).toEqual(['held', 'confirmed', 'proposed']);
    // The next answer is about the later meeting; holding it waits for its start.
    const b = s.ok('cb3', { type: 'attend', ref: 1, yes: false });
    expect(b.events[0]).toMatchObject({ meetingId: 'mtg-2' });
    const r = s.refused('sam', { type: 'meeting-held', ref: 1, attended: ['cb1'] }, 'too_early');
    expect(r.message).toContain('Mon 14 Dec 2026, 10:00');
  });

  it('R41 deemedText gives the exact phrase for the record', () => {
    expect(DEEMED_PHRASE).toBe('deemed to have read the papers and to have nothing further to add');
    expect(deemedText('Carol Jones')).toBe(
      'Carol Jones is deemed to have read the papers and to have nothing further to add.',
    );
  });
});
