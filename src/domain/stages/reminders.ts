// Reminders fired by the scheduler (R10, R24, R34, R40, R64): who is reminded is decided when it fires,
// so a reminder goes only to those who still owe something (R34: those who have not voted).
import { waitingFor } from '../ballots.ts';
import type { Deadline, Modification } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { Context, PersonId } from '../types.ts';
import { effectiveRoles } from '../types.ts';
import type { Result } from './common.ts';
import { ok } from './common.ts';
import { when } from '../words.ts';

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
    `Reminder for ${refOf(m)}: ${what}${by}; sent to ${to.length} ${to.length === 1 ? 'person' : 'people'}.`,
    [{ type: 'ReminderSent', n: m.number, deadlineId: d.id, what, to }],
  );
}
