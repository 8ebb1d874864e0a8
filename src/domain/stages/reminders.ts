// Reminders fired by the scheduler (R10, R24, R34, R40, R64): who is reminded is decided when it fires,
// so a reminder goes only to those who still owe something (R34: those who have not voted).
import { waitingFor } from '../ballots.ts';
import type { Deadline, Modification } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { Context, PersonId } from '../types.ts';
import { effectiveRoles } from '../types.ts';
import type { Result } from './common.ts';
import { ok } from './common.ts';
import { deadlineLabel, when } from '../words.ts';

function audience(m: Modification, d: Deadline, ctx: Context): PersonId[] {
  const what = d.what.replace(/^reminder:/, '');
  const withRole = (r: 'secas' | 'panel_chair') =>
    ctx.people.filter((p) => effectiveRoles(p).includes(r)).map((p) => p.id);
  if (what.startsWith('ballot-close')) {
    const b = m.ballots.find((x) => x.id === d.subject);
    if (!b || b.status !== 'open') return [];
    return waitingFor(b).flatMap((s) => (s.alternate ? [s.member, s.alternate] : [s.member]));
  }
  if (what === 'secas-comments') return m.secasCommented ? [] : withRole('secas');
  if (what === 'meeting') return m.workingGroup?.members ?? [];
  if (what === 'report-back' || what.startsWith('timetable'))
    return [...withRole('panel_chair'), ...withRole('secas')];
  // Fast Track window and consultation closing notices go to the announcements channel (and the proposer).
  return [m.proposer];
}

export function fireReminder(m: Modification, d: Deadline, ctx: Context): Result {
  const to = audience(m, d, ctx);
  const what = d.what.replace(/^reminder:/, '');
  const main = m.deadlines.find(
    (x) => x.id === d.subject || (x.subject === d.subject && !x.reminder && x.what === what),
  );
  const by = main ? ` (due ${when(main.due)})` : '';
  return ok(
    `Reminder for ${refOf(m)}: ${deadlineLabel(what)}${by}; sent to ${to.length} ${to.length === 1 ? 'person' : 'people'}.`,
    [{ type: 'ReminderSent', n: m.number, deadlineId: d.id, what, to }],
  );
}

/**
 * When what a reminder is about falls due: the ballot's close, the meeting's start, the Fast Track
 * window's end, the consultation's close, else the deadline of the same name.
 */
function remindedDue(m: Modification, d: Deadline): string | undefined {
  const what = d.what.replace(/^reminder:/, '');
  if (what.startsWith('ballot-close')) return m.ballots.find((x) => x.id === d.subject)?.due;
  if (what === 'meeting') return m.meetings.find((x) => x.id === d.subject)?.confirmedAt;
  if (what.startsWith('consult-close')) return m.consultations.find((x) => x.id === d.subject)?.due;
  const main = m.deadlines.find(
    (x) => x.id === d.subject || (x.subject === d.subject && !x.reminder && x.what === what),
  );
  if (what === 'ft-window-close') return m.fastTrack?.due ?? main?.due;
  return main?.due;
}

/**
 * R34 R64 R75: a reminder that fires only once what it reminds of has fallen due comes too late to be of
 * use ("closes Thu 18 Feb, respond before then" on 25 Feb): dropped, not sent. Judged at the instant it
 * really fires (`firedAt`: the running bot catching up after downtime), else at the instant it is
 * decided at (one decided late); a replay of time (scripted mode) decides each at its due and sends it.
 */
export function tooLate(m: Modification, d: Deadline, ctx: Context): boolean {
  const due = remindedDue(m, d);
  return due !== undefined && Date.parse(due) <= (ctx.firedAt ?? ctx.now).getTime();
}
