// A date that passes with what was due still undone is news for whoever can act on it, told once, when
// its deadline fires: a planned date of the Panel's timetable (R27, R28, R59, §9.5) to SECAS and the
// Panel chair, and SECAS's critical-friend comment target (R10) to SECAS. Each DM names the commands
// that move things on from there.
import type { EventOf } from '../../domain/events.ts';
import type { Deadline, Modification } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import { STEP_OWNER_WORDS, findStep, itemWords } from '../../domain/stages/refinement-steps.ts';
import { itemOutstanding, pendingExtension, stallsOn } from '../../domain/stages/timetable.ts';
import { day, refTitle, when } from '../../domain/words.ts';
import { hasModificationReport, recordReportCommand } from '../../domain/report-checklist.ts';
import { cmd } from '../../views/hints.ts';
import type { Build } from './notifications.ts';

export function missedNotifications(b: Build, e: EventOf<'DeadlineFired'>, m: Modification): void {
  const d = m.deadlines.find((x) => x.id === e.id);
  if (!d || d.reminder) return;
  if (d.what.startsWith('timetable:')) missedPlan(b, m, d);
  else if (d.what === 'secas-comments') missedComments(b, m, d);
}

/**
 * R56: how SECAS records a step done. The draft Modification Report is a document first (R16.6, R17):
 * record a version, then mark the step done.
 */
function recordStep(m: Modification, id: string): string {
  const ref = refOf(m);
  const done = cmd(`step ${ref} ${id} done`);
  if (id !== 'draft-report' || hasModificationReport(m)) return `record it: ${done}`;
  return `record the Modification Report (${cmd(recordReportCommand(ref))}), then mark the step done (${done})`;
}

/** R27 R28 R59: a planned date passed with its step not done. */
function missedPlan(b: Build, m: Modification, d: Deadline): void {
  const item = d.subject ?? d.what.slice('timetable:'.length);
  const date = m.timetable[item];
  if (!date || !itemOutstanding(m, item)) return;
  const ref = refOf(m);
  const step = findStep(m, item);
  const owner = step ? STEP_OWNER_WORDS[step.owner] : undefined;
  const passed = `The planned date for ${itemWords(item)} on ${refTitle(m)} (${day(date)}) has passed and it is not done yet`;
  const stalls = `With no extension, ${ref} counts as stalled from ${day(stallsOn(date, b.ctx))}`;
  const pending = pendingExtension(m);
  const asked = !pending
    ? ''
    : pending.item === item
      ? ` (to ${day(pending.date)})`
      : ` (for ${itemWords(pending.item)}, to ${day(pending.date)})`;

  // SECAS records the step (R56) and may ask for more time (R27).
  const record =
    step?.completedBy === 'step'
      ? ` When it is done${owner && owner !== 'SECAS' ? ` (owed by ${owner})` : ''}, ${recordStep(m, step.id)}.`
      : owner
        ? ` It is owed by ${owner}.`
        : '';
  const more = pending
    ? ` An extension request${asked} is waiting for the Panel chair's answer.`
    : ` If it needs more time, ask the Panel chair for an extension: ${cmd(`extension request ${ref} ${item} <YYYY-MM-DD> <reason>`)}.`;
  const secas = b.withRole('secas');
  for (const p of secas) b.out.dm(p, `plan-missed:${d.id}`, `${passed}.${record}${more} ${stalls}.`);

  // The chair answers extension requests and, once one is refused, may end Refinement by a route (§9.5).
  const answer = pending
    ? ` An extension request${asked} waits for your answer: ${cmd(`panel extend ${ref}`)} or ${cmd(`panel refuse-extension ${ref}`)}.`
    : ' SECAS or the Working Group may ask you for an extension.';
  const route =
    m.status === 'refinement' && m.extensions.some((x) => x.granted === false)
      ? ` As you refused an extension, you may end its Refinement by routing it to the Report Stage: ${cmd(`panel route ${ref} report`)}.`
      : '';
  for (const p of b.withRole('panel_chair'))
    if (!secas.includes(p))
      b.out.dm(
        p,
        `plan-missed:${d.id}`,
        `${passed}; SECAS is told.${answer}${route} ${stalls}, and you may then send a stall notice (${cmd(`panel stall-notice ${ref}`)}).`,
      );
}

/** R10: the 5-Working-Day target for SECAS's critical-friend comments passed with none sent. */
function missedComments(b: Build, m: Modification, d: Deadline): void {
  if (m.secasCommented) return;
  const ref = refOf(m);
  const iar =
    m.status === 'draft'
      ? ` Then record the Initial Assessment Report: ${cmd(`iar ${ref} impacts="…" route=development|refinement|report|fasttrack`)}.`
      : '';
  const text =
    `The target for critical-friend comments on ${refTitle(m)} (${b.ctx.settings.SEC_CRITICAL_FRIEND_WD} Working Days from raising, ${when(d.due)}) has passed with none sent. ` +
    `If you have comments for the proposer, send them now: ${cmd(`comment ${ref} <text>`)}.${iar}`;
  for (const p of b.withRole('secas')) b.out.dm(p, `comments-missed:${d.id}`, text);
}
