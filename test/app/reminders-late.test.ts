// R64, R75: a reminder is about something still to come. Fired when the thing it reminds of is already
// due, closed or started (a reminder decided late, after downtime), it sends nothing: no "comments are
// due by Mon 14 Dec" a week after that date, no "respond before then" after the consultation closed, no
// "tell SECAS whether you can come" for a meeting already held, and no second card in #announcements.
// A reminder that fires on time is unchanged (each case has its on-time control).
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { notificationsFor } from '../../src/app/notify/notifications.ts';
import { isRefusal } from '../../src/domain/types.ts';
import { toConsultation, toDecision, toRefinement, toReport } from '../support/formal.ts';
import { Scenario, londonTime } from '../support/scenario.ts';
import { Notify, audiences, confirmedMeeting } from './notify-harness.ts';

/** Fires the pending reminder about `what` at `at` (its firing time, later than its due), as the scheduler does. */
function fireReminderAt(N: Notify, what: string, at: string): Notification[] {
  const m = N.s.mod(1);
  const d = m.deadlines.find((x) => x.status === 'pending' && x.what === `reminder:${what}`);
  if (!d) throw new Error(`no pending reminder:${what}`);
  const before = N.s.world;
  N.s.now = londonTime(at);
  expect(N.s.now.getTime()).toBeGreaterThanOrEqual(Date.parse(d.due));
  const r = N.s.exec('system', { type: 'deadline-fire', ref: 1, deadlineId: d.id });
  if (isRefusal(r)) throw new Error(r.message);
  // Too late, the core drops it (its deadline cancelled, so nothing redraws it); else it is sent.
  const late = N.s.now.getTime() >= Date.parse(remindedDue(N, what));
  expect(r.events.map((e) => e.type)).toEqual(
    late ? ['DeadlineCancelled'] : ['DeadlineFired', 'ReminderSent'],
  );
  return notificationsFor({
    events: r.events,
    before,
    after: N.s.world,
    ctx: N.s.ctx('system'),
    keyBase: 'late',
  });
}

/** When what the reminder reminds of falls due, read from the state as the test sets it up. */
function remindedDue(N: Notify, what: string): string {
  const m = N.s.mod(1);
  if (what.startsWith('ballot-close')) return m.ballots.find((b) => b.status === 'open')?.due ?? '';
  if (what === 'meeting') return m.meetings[0]?.confirmedAt ?? '';
  if (what === 'ft-window-close') return m.fastTrack?.due ?? '';
  return m.deadlines.find((x) => !x.reminder && x.what === what)?.due ?? '';
}

const dueOf = (N: Notify, what: string): string => {
  const d = N.s.mod(1).deadlines.find((x) => x.status === 'pending' && x.what === what);
  if (!d) throw new Error(`no pending ${what}`);
  return d.due;
};
/** One minute before or after an instant, as a London wall time (Scenario's clock format). */
const around = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * 60_000)
    .toLocaleString('sv-SE', { timeZone: 'Europe/London' })
    .replace(' ', 'T')
    .slice(0, 16);

describe('R64 R75 a reminder fired when its thing is already past sends nothing', () => {
  it('SECAS comments: after the target date, nothing; before it, the reminder', () => {
    const raised = () => {
      const N = new Notify(new Scenario('2026-12-01T10:00'));
      N.run('alice', { type: 'raise', title: 'Faster switching', problem: 'Too slow' });
      return N;
    };
    const onTime = raised();
    const due = dueOf(onTime, 'secas-comments');
    const sent = fireReminderAt(onTime, 'secas-comments', around(due, -1));
    expect(audiences(sent)).toEqual(['person:sam']);
    expect(sent[0]?.text).toMatch(/^Reminder: SECAS comments on DP001 .* are due by /);

    const late = raised();
    expect(fireReminderAt(late, 'secas-comments', around(due, 1))).toEqual([]);
  });

  it('a consultation closing notice: after the close time, neither the announcements card nor the DM', () => {
    const open = () => {
      const s = toRefinement();
      toConsultation(s);
      const N = new Notify(s);
      N.run('sam', { type: 'consult-open', ref: 1 });
      return N;
    };
    const onTime = open();
    const close = dueOf(onTime, 'consult-close:wg');
    const sent = fireReminderAt(onTime, 'consult-close:wg', around(close, -1));
    expect(audiences(sent)).toEqual(['channel:announcements', 'person:alice']);
    expect(sent[0]?.card?.key).toMatch(/^consult-reminder:1:/);

    const late = open();
    expect(fireReminderAt(late, 'consult-close:wg', around(close, 0))).toEqual([]);
  });

  it('the meeting reminder: once the meeting has started, nobody is asked whether they can come', () => {
    const { N } = confirmedMeeting();
    const start = N.s.mod(1).meetings[0]?.confirmedAt ?? '';
    expect(fireReminderAt(N, 'meeting', around(start, 0))).toEqual([]);

    const { N: onTime } = confirmedMeeting();
    const sent = fireReminderAt(onTime, 'meeting', around(start, -1));
    expect(audiences(sent)).toEqual(['person:bob', 'person:cb1', 'person:cb2', 'person:cb3', 'person:alice']);
    expect(sent[0]?.text).toContain('Tell SECAS whether you can come');
  });

  it('the Fast Track window reminder: after the window’s end, nothing in #announcements', () => {
    const approved = () => {
      const N = new Notify(new Scenario('2026-12-01T10:00'));
      N.run('alice', { type: 'raise', title: 'Typo', problem: 'A typo in D1', fastTrack: true });
      N.run('chair', { type: 'panel-fasttrack', ref: 1, implement: '2027-06-24' });
      for (const p of ['chair', 'pm1', 'pm2', 'pm3', 'pm4'])
        N.run(p, { type: 'vote', ref: 1, option: 'approve' });
      N.run('chair', { type: 'ballot-close', ref: 1 });
      return N;
    };
    const onTime = approved();
    const end = onTime.s.mod(1).fastTrack?.due ?? '';
    expect(audiences(fireReminderAt(onTime, 'ft-window-close', around(end, -1)))).toEqual([
      'channel:announcements',
      'person:alice',
    ]);
    expect(fireReminderAt(approved(), 'ft-window-close', around(end, 0))).toEqual([]);
  });

  it('a ballot reminder: after the ballot’s close time, no "you have not voted" DM', () => {
    const opened = () => {
      const s = toReport({ determination: 'self-governance' });
      toDecision(s);
      return new Notify(s);
    };
    const onTime = opened();
    const what =
      onTime.s.mod(1).deadlines.find((d) => d.what.startsWith('reminder:ballot-close'))?.what ?? '';
    const close = onTime.s.mod(1).ballots.find((b) => b.status === 'open')?.due ?? '';
    const sent = fireReminderAt(onTime, what.replace(/^reminder:/, ''), around(close, -1));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]?.text).toContain('You have not voted on');
    expect(fireReminderAt(opened(), what.replace(/^reminder:/, ''), around(close, 0))).toEqual([]);
  });
});
