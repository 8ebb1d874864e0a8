// R66 `status <ref>`: refs, title, status, proposer, determination, the checklist with owners, open ballots,
// views and consultations with counts, pending deadlines and the stalled flag. Read-only.
import type { Ballot } from './ballots.ts';
import { waitingFor } from './ballots.ts';
import type { Modification, World } from './modification.ts';
import { refOf } from './modification.ts';
import { pollSummary } from './meeting-poll.ts';
import { REPORT_ITEMS, coveredItems } from './report-checklist.ts';
import { decisionSummaryNow } from './stages/decision.ts';
import { checklistLines } from './stages/refinement-steps.ts';
import { fastTrackEndedEarly } from './stages/fast-track.ts';
import { stallCriteria } from './stages/stalling.ts';
import { annexLines } from './stages/working-group.ts';
import type { Context } from './types.ts';
import { effectiveRoles, formatRef, isOpenStatus } from './types.ts';
import {
  BALLOT_TITLES,
  CONSULTATION_NAMES,
  deadlineLines,
  determinationWords,
  namesOf,
  nameOf,
  ROUTE_WORDS,
  solutionsWords,
  statusIs,
  statusLabel,
  when,
} from './words.ts';
import { sentBackTo } from './history.ts';
import {
  determinationAwaited,
  determineTwin,
  fastTrackAsked,
  fastTrackWhy,
  summaryToPublish,
} from './next-step.ts';
import { formatLocalDate } from './working-days.ts';
import { cmd } from '../views/hints.ts';
import { progressText, runningSplit } from '../views/ballot-card.ts';

/** R34: "3 of 5 voted; waiting for …", without the running split unless the setting shows it. */
export function ballotLine(b: Ballot, ctx: Context, m: Pick<Modification, 'solutions'>): string {
  const waiting = waitingFor(b);
  const voted = b.seats.length - waiting.length;
  // R71: the solutions by name, never their ids.
  const sols = b.kind === 'decision' && b.solutions.length > 1 ? ` on ${solutionsWords(m, b.solutions)}` : '';
  // R34 R55: a ballot per solution says who voted on every solution and what each voter has left,
  // as its card does (a vote on one solution is not "not voted").
  let s =
    b.solutions.length > 1
      ? `${BALLOT_TITLES[b.kind]}${sols}: ${progressText(b, ctx, m)}`
      : `${BALLOT_TITLES[b.kind]}${sols}: ${voted} of ${b.seats.length} voted`;
  if (waiting.length && b.solutions.length <= 1)
    s += `; waiting for ${namesOf(
      ctx,
      waiting.map((x) => x.member),
    )}`;
  // R71: as the card shows it, the options as their buttons read (not "2 approve").
  if (ctx.settings.SEC_SHOW_RUNNING_SPLIT) s += `; so far ${runningSplit(m, b)}`;
  return `${s}${b.due ? `; closes ${when(b.due)}` : '; the chair closes it'}.`;
}

function refs(m: Modification): string {
  return m.isMP ? `${refOf(m)} (was ${formatRef(m.number, false)})` : refOf(m);
}

function links(world: World, m: Modification): string[] {
  const r = (n: number) => {
    const other = world.modifications[n];
    return other ? refOf(other) : formatRef(n, false);
  };
  const out: string[] = [];
  if (m.links.mergedInto) out.push(`merged into ${r(m.links.mergedInto)}`);
  if (m.links.absorbed.length) out.push(`absorbed ${m.links.absorbed.map(r).join(', ')}`);
  if (m.links.splitFrom) out.push(`split from ${r(m.links.splitFrom)}`);
  if (m.links.splitInto.length) out.push(`split into ${m.links.splitInto.map(r).join(', ')}`);
  if (m.links.batchedWith.length) out.push(`batched with ${m.links.batchedWith.map(r).join(', ')}`);
  return out.length ? [`Links: ${out.join('; ')}.`] : [];
}

/**
 * R24–R26, R57: the Fast Track objection window's end only while it runs; once it has ended, how it
 * ended (an objection, an exit during it, or approval at its cut-off).
 */
function fastTrackLine(m: Modification, ctx: Context): string | undefined {
  const ft = m.fastTrack;
  if (!ft) return undefined;
  if (ft.objection)
    return `Fast Track: objected by ${nameOf(ctx, ft.objection.by)} (${ft.objection.reason}).`;
  if (m.status === 'fast_track_window') return `Fast Track approved; objection window ends ${when(ft.due)}.`;
  const early = fastTrackEndedEarly(m);
  if (early) return early;
  // R26, R64: with no objection the window closed at its cut-off and the Panel's decision stood.
  if (ft.ended?.to === 'approved' || (!ft.ended && (m.status === 'approved' || m.status === 'implemented')))
    return `Fast Track approved; the objection window closed with no objection on ${when(ft.due)}.`;
  return undefined;
}

/**
 * R13 R14: the report-back date while it is a deadline; once passed, said as passed while the stage of
 * the route it was set with still runs; gone once the modification has moved on (a later route without
 * a date of its own leaves the old date behind, not a deadline).
 */
function reportBack(m: Modification): string {
  if (!m.reportBackBy) return '';
  const d = m.deadlines.filter((x) => x.what === 'report-back' && !x.reminder).pop();
  if (d?.status === 'pending') return `; report back by ${formatLocalDate(m.reportBackBy)}`;
  if (d?.status === 'fired' && m.status === m.route && d.subject === m.route)
    return `; the report-back date (${formatLocalDate(m.reportBackBy)}) has passed`;
  return '';
}

/**
 * R18 R55: the Decision Summary the bot drafted at the decision ballot's close, in full until SECAS
 * publishes it (with the command that does), then where it was published.
 */
function summaryLines(m: Modification): string[] {
  const draft = decisionSummaryNow(m);
  if (draft === undefined) return [];
  if (summaryToPublish(m))
    return [
      `Decision Summary, drafted by the bot and not yet published (SECAS publishes it: ${cmd(`report ${refOf(m)} summary <link>`)}):`,
      ...draft.split('\n').map((l) => `  ${l}`),
    ];
  const last = m.documents.summary?.at(-1);
  return last ? [`Decision Summary published: ${last.link} (version ${last.version}).`] : [];
}

/**
 * R17 R66 R71: each item of the Modification Report by its name, never the id `items=` takes: what the
 * latest version covers, and what the Panel chair recorded as not applying.
 */
function reportItemLines(m: Modification): string[] {
  const covered = new Set(coveredItems(m));
  const na = m.reportApproved?.na ?? {};
  return REPORT_ITEMS.map((i) => {
    const why = na[i.id];
    const mark = covered.has(i.id) ? '[x]' : why ? '[-]' : '[ ]';
    return `${mark} ${i.title}${why ? ` (not applicable: ${why})` : ''}`;
  });
}

/**
 * R29 R58: a stall notice and what became of it. Progress after it voids it while the modification is
 * open; once it has ended (approved, closed, withdrawn…), the change that ended it is no "progress"
 * voiding the notice, so the line says only that the notice came before the end.
 */
function stallLine(m: Modification): string | undefined {
  if (!m.stall) return undefined;
  const plan = m.stall.plan ? ` The proposer's plan: ${m.stall.plan}` : '';
  if (!isOpenStatus(m.status))
    return `A stall notice was sent ${when(m.stall.noticeAt)}, before ${refOf(m)} was ${statusIs(m.status)}.${plan}`;
  // R29: progress after a notice voids it; a closure would need a new one.
  if (m.stall.progressedAt)
    return `A stall notice was sent ${when(m.stall.noticeAt)}; it no longer counts: ${refOf(m)} progressed on ${when(m.stall.progressedAt)}.`;
  return `Stall notice sent ${when(m.stall.noticeAt)}; answer due ${when(m.stall.answerDue)}.${plan || ' No plan yet.'}`;
}

export function status(world: World, n: number, ctx: Context): string {
  const m = world.modifications[n];
  if (!m) return `There is no modification numbered ${String(n).padStart(3, '0')}.`;
  const out = [`${refs(m)}: ${m.title}`];
  // R13 R55: where the decision ballot waits for it, who sets a missing determination, and how.
  const det = determinationAwaited(m)
    ? `${determinationWords(undefined)} (the Panel chair sets it before the decision ballot: ${cmd(determineTwin(refOf(m)))})`
    : determinationWords(m.determination);
  out.push(`Status: ${statusLabel(m.status)}. Proposer: ${nameOf(ctx, m.proposer)}. Determination: ${det}.`);
  // R11 R13: the route the Initial Assessment Report recommends, which the chair weighs when routing.
  if (m.iar?.route) out.push(`Initial Assessment Report: recommended route ${ROUTE_WORDS[m.iar.route]}.`);
  // R55: after the Authority sends it back to another stage, the Panel's route alone is no longer true.
  const sent = m.authority?.decision === 'sent-back' ? m.authority.stage : undefined;
  const back =
    sent && sent === m.status && sent !== m.route
      ? `; the Authority sent it back to ${sentBackTo(sent)}`
      : '';
  if (m.route) out.push(`Route: ${ROUTE_WORDS[m.route]}${reportBack(m)}${back}.`);
  if (m.routeRequired) out.push(`Waiting for the Panel chair to route it (${cmd('panel route …')}).`);
  // R21 R22: a Fast Track request the Panel has still to consider, and how the chair takes it up.
  if (fastTrackAsked(m)) {
    const how =
      m.status === 'awaiting_panel'
        ? ` The Panel chair opens the Panel's Fast Track ballot (${cmd(`panel fasttrack ${refOf(m)}`)}) or routes it (${cmd(`panel route ${refOf(m)} …`)}).`
        : ' The Panel considers it when it first considers the proposal.';
    out.push(`Fast Track: ${fastTrackWhy(m)}; the Panel has not voted on it yet.${how}`);
  }
  const ft = fastTrackLine(m, ctx);
  if (ft) out.push(ft);
  if (m.workingGroup?.members.length) {
    out.push(`Working Group (${m.workingGroup.members.length}): ${namesOf(ctx, m.workingGroup.members)}.`);
  }
  // R38: the Terms of Reference it adheres to and the annex (the Panel's questions, any derogation).
  const { tor, annex } = annexLines(m, world, ctx);
  if (tor) out.push(tor);
  if (annex.length) out.push('Working Group annex:', ...annex.map((l) => `  ${l}`));
  if (m.isMP && (m.status === 'refinement' || Object.keys(m.steps).length > 0)) {
    out.push('Refinement checklist:', ...checklistLines(m).map((l) => `  ${l}`));
  }
  if ((m.documents.modification ?? []).length > 0) {
    out.push('Modification Report items:', ...reportItemLines(m).map((l) => `  ${l}`));
  }
  for (const b of m.ballots) if (b.status === 'open') out.push(ballotLine(b, ctx, m));
  out.push(...summaryLines(m));
  if (m.views.status === 'open') {
    const board = ctx.people.filter((p) => effectiveRoles(p).includes('change_board')).length;
    const given = Object.keys(m.views.byPerson).length;
    out.push(
      `Change Board views: ${given} of ${board} given${m.views.due ? `; close ${when(m.views.due)}` : ''}.`,
    );
  }
  for (const c of m.consultations) {
    if (c.status !== 'open') continue;
    const kind = CONSULTATION_NAMES[c.kind];
    const k = Object.keys(c.responses).length;
    out.push(`${kind}: ${k} response${k === 1 ? '' : 's'}; closes ${when(c.due)}.`);
  }
  // R41 R73: the last meeting held, with who came and the notes, so status shows the record.
  const held = [...m.meetings].reverse().find((x) => x.status === 'held');
  if (held) {
    const at = held.confirmedAt ? ` ${when(held.confirmedAt)}` : '';
    const notes = held.notes ? `; notes: ${held.notes}` : '';
    out.push(
      `Last Working Group meeting held:${at}; attended: ${namesOf(ctx, held.attended ?? []) || 'nobody'}${notes}.`,
    );
  }
  // R40, R63: every confirmed meeting not yet held, in time order, and beside them a newer poll: SECAS
  // may poll for the next meeting while one is confirmed, and neither hides the other.
  const confirmed = m.meetings
    .flatMap((x) => (x.status === 'confirmed' && x.confirmedAt ? [x.confirmedAt] : []))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  if (confirmed.length)
    out.push(
      `Working Group meeting${confirmed.length > 1 ? 's' : ''}: ${confirmed.map((at) => when(at)).join('; ')}.`,
    );
  const mt = [...m.meetings].reverse().find((x) => x.status === 'proposed');
  if (mt) {
    // R40: the answers so far and the slot most members can attend (ties: the earliest).
    const poll = pollSummary(m, mt, m.workingGroup?.members ?? []);
    const secas = ctx.actor.kind === 'person' && effectiveRoles(ctx.actor.person).includes('secas');
    const confirm = secas && poll.confirm ? ` Confirm it: ${cmd(poll.confirm)}` : '';
    if (Object.keys(mt.availability).length > 0)
      out.push('Working Group meeting proposed:', ...poll.slots.map((l) => `  ${l}.`));
    else
      out.push(
        `Working Group meeting proposed: ${mt.slots.map((s, i) => `${i + 1}) ${when(s)}`).join('; ')}.`,
      );
    out.push(`  ${poll.recommendation}${confirm}`);
  }
  const due = deadlineLines(m);
  if (due.length) out.push(`Deadlines: ${due.join('; ')}.`);
  const stalled = stallCriteria(m, ctx);
  out.push(stalled.length ? `Stalled: yes. ${stalled.join(' ')}` : 'Stalled: no.');
  const stall = stallLine(m);
  if (stall) out.push(stall);
  out.push(...links(world, m));
  return out.join('\n');
}
