// "What happens next, who owes it, by when" (SPEC §7) for a modification as it stands: the proposer's
// status DM ends with these lines. Read from the state only (the checklist table for Refinement, R16),
// so the wording follows the rules rather than the command that caused the change.
import type { Modification } from '../domain/modification.ts';
import { refOf } from '../domain/modification.ts';
import { deadlineLabel } from '../domain/query-status.ts';
import type { Settings } from '../domain/settings.ts';
import { checklist } from '../domain/stages/refinement-steps.ts';
import { FINAL_STATUSES } from '../domain/types.ts';
import { day, statusLabel, when } from './text.ts';

type Ctx = { settings: Pick<Settings, 'SEC_CRITICAL_FRIEND_WD'> };

const pendingDue = (m: Modification, what: string): string | undefined =>
  m.deadlines.find((d) => d.status === 'pending' && !d.reminder && d.what === what)?.due;

const by = (iso: string | undefined): string => (iso ? `, by ${when(iso)}` : '');

/** One sentence: what happens next, and who owes it (with the date when there is one). */
export function nextStep(m: Modification, ctx: Ctx): string {
  const ref = refOf(m);
  const openBallot = m.ballots.find((b) => b.status === 'open');
  const openConsult = m.consultations.find((c) => c.status === 'open');
  switch (m.status) {
    case 'draft':
      return `SECAS reviews it as a critical friend and aims to send comments within ${ctx.settings.SEC_CRITICAL_FRIEND_WD} Working Days${by(pendingDue(m, 'secas-comments'))}; then SECAS records the Initial Assessment Report. Owed by: SECAS.`;
    case 'initial_assessment':
      return `SECAS puts the Initial Assessment Report to the Change Board (views open ${ref}). Owed by: SECAS.`;
    case 'change_board_views':
      return `The Change Board gives its views${by(pendingDue(m, 'views-close'))}; then the Panel chair routes it. Owed by: the Change Board.`;
    case 'awaiting_panel':
      if (openBallot?.kind === 'fasttrack')
        return 'The Panel votes on Fast Track; the Panel chair closes the ballot at the meeting. Owed by: the Panel.';
      if (m.routeRequired)
        return `The Panel chair must route it another way (panel route ${ref} development|refinement|report). Owed by: the Panel chair.`;
      return `The Panel chair routes it (panel route ${ref} …). Owed by: the Panel chair.`;
    case 'development': {
      const back = m.reportBackBy ? ` Report back to the Panel by ${day(m.reportBackBy)}.` : '';
      if (m.documents.development?.length)
        return `The Development Report is recorded: you may ask to proceed (proceed ${ref}) or withdraw. Owed by: you, the proposer.${back}`;
      return `The Working Group develops the solution and SECAS records the Development Report; then you ask to proceed or withdraw. Owed by: the Working Group and SECAS.${back}`;
    }
    case 'refinement': {
      const now = checklist(m).filter((s) => s.available);
      const live = openBallot ?? openConsult;
      const until = live?.due ? ` (open until ${when(live.due)})` : '';
      if (now.length === 0) return 'Nothing in the Refinement checklist is waiting.';
      return `Refinement steps now: ${now.map((s) => `${s.title} [${s.id}], owed by ${s.owner === 'proposer' ? 'you, the proposer' : s.owner}`).join('; ')}${until}.`;
    }
    case 'report':
      if (openConsult)
        return `The Modification Report Consultation is open${by(openConsult.due)}; then SECAS opens the Change Board decision ballot. Owed by: respondents, then SECAS.`;
      if (openBallot)
        return `The Change Board votes on each solution${by(openBallot.due)}. Owed by: the Change Board.`;
      if (m.consultations.some((c) => c.kind === 'report' && c.status === 'closed'))
        return `SECAS opens the Change Board decision ballot (ballot open ${ref} decision). Owed by: SECAS.`;
      return `SECAS opens the Modification Report Consultation (consult open ${ref}). Owed by: SECAS.`;
    case 'awaiting_authority':
      return 'The Authority decides; SECAS records its decision (approved, rejected or sent back). Owed by: the Authority.';
    case 'fast_track_window':
      return `Any party may object with a reason${by(m.fastTrack?.due ?? pendingDue(m, 'ft-window-close'))}; with no objection the approval is final.`;
    case 'approved':
      return m.implementAt
        ? `It is implemented on ${day(m.implementAt)} (00:00 London).`
        : `SECAS sets its implementation date (implement ${ref} <date>). Owed by: SECAS.`;
    default:
      return FINAL_STATUSES.includes(m.status)
        ? `Nothing more happens: ${ref} is ${statusLabel(m.status)}, which is final.`
        : '';
  }
}

/** The pending deadlines other than reminders, soonest first, in London time (R31). */
export function deadlineLines(m: Modification): string[] {
  return m.deadlines
    .filter((d) => d.status === 'pending' && !d.reminder)
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((d) => `${deadlineLabel(d.what)}: ${when(d.due)}`);
}
