// Stage: report and after (R18, R19, R37, R55, R65). The Modification Report Consultation and the
// Change Board ballots (sufficiency and Impact Assessment in refinement, the decision here), documents,
// the Authority's decision and implementation. Consultations live in consultations.ts, documents in
// documents.ts and the decision's meaning in decision.ts.
import type { Ballot, BallotKind } from '../ballots.ts';
import { talliesWords } from '../ballots.ts';
import type { ModificationEvent } from '../events.ts';
import type { Deadline, Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import { evolveAll } from '../evolve.ts';
import type { Context } from '../types.ts';
import { isRefusal, refuse } from '../types.ts';
import { formatLocalDate, londonDate, londonInstant, parseLocalDate } from '../working-days.ts';
import type { DeadlineHandler, Handlers, OutcomeHandler, Result, Stage } from './common.ts';
import { DeadlineMaker, cancelDeadlines, changeStatus, inStatus, nowIso, ok, openBallots } from './common.ts';
import { consultationDeadlines, consultationHandlers, reportConsultationDone } from './consultations.ts';
import { decisionOutcome } from './decision.ts';
import { recordDocument } from './documents.ts';
import { refinementOutcomes } from './refinement.ts';
import { hasDccImpacts, isSettled, missingPrerequisites, stepDefs, stepNames } from './refinement-steps.ts';
import { closeBallot, openBallot } from './voting.ts';
import { BALLOT_TITLES, ROUTE_WORDS, capitalised, count, when } from '../words.ts';
import { cmd as cmdText } from '../../views/hints.ts';
import { optionLabel } from '../../views/text.ts';
import { hasModificationReport, recordReportCommand } from '../report-checklist.ts';

const outcomes: Partial<Record<BallotKind, OutcomeHandler>> = {
  ...refinementOutcomes,
  decision: decisionOutcome,
};

const BALLOT_NAMES: Record<'sufficiency' | 'ia' | 'decision', string> = {
  sufficiency: 'sufficiency',
  ia: 'DCC Impact Assessment',
  decision: 'decision',
};

/** What must hold before a ballot of this kind opens (R16.7, R16.8, R18, R55). */
function ballotRefusal(m: Modification, kind: 'sufficiency' | 'ia' | 'decision'): Result | undefined {
  const ref = refOf(m);
  // R16.7, R16.8, R18: each of these votes follows the Modification Report, so one must be recorded. The
  // Draft Modification Report step and the consultation wait for one too; this holds for a modification
  // whose history has neither.
  const noReport = (then: string): Result =>
    refuse(
      'prerequisites',
      `The ${BALLOT_NAMES[kind]} vote on ${ref} needs its Modification Report, and there is none yet: record it first (${cmdText(recordReportCommand(ref))}), then ${then}.`,
    );
  if (kind === 'decision') {
    const running = m.consultations.find((c) => c.kind === 'report' && c.status === 'open');
    if (running) {
      // R18: it is open, so "open it" would be refused; say when it closes and how SECAS may close it early.
      return refuse(
        'prerequisites',
        `The decision vote on ${ref} follows the Modification Report Consultation, which is open until ${when(running.due)}: open the ballot once it has closed, or close it early (${cmdText(`consult close ${ref}`)}).`,
      );
    }
    if (!hasModificationReport(m))
      return noReport(
        reportConsultationDone(m)
          ? `open the ballot (${cmdText(`ballot open ${ref} decision`)})`
          : `open and close the Modification Report Consultation on it (${cmdText(`consult open ${ref}`)})`,
      );
    if (!reportConsultationDone(m)) {
      return refuse(
        'prerequisites',
        `The decision vote on ${ref} follows the Modification Report Consultation: open and close it first (${cmdText(`consult open ${ref}`)}).`,
      );
    }
    if (!m.determination) {
      return refuse(
        'no_determination',
        `${ref} has no Self-Governance or Authority determination yet (panel determine ${ref} …).`,
      );
    }
    return undefined;
  }
  const step = kind === 'ia' ? 'ia-vote' : 'sufficiency';
  if (kind === 'ia' && !hasDccImpacts(m)) {
    return refuse(
      'bad_input',
      `${ref} has no DCC system impacts, so there is no Impact Assessment vote: it goes to the Panel.`,
    );
  }
  if (isSettled(m, step))
    return refuse('already_done', `The ${BALLOT_NAMES[kind]} vote on ${ref} is already done.`);
  const missing = missingPrerequisites(m, step);
  if (missing.length)
    return refuse(
      'prerequisites',
      `The ${BALLOT_NAMES[kind]} vote on ${ref} waits for: ${stepNames(missing)}.`,
    );
  if (!hasModificationReport(m))
    return noReport(`open the ballot (${cmdText(`ballot open ${ref} ${kind}`)})`);
  return undefined;
}

/** The state after the firing deadline is marked fired, so a status change does not cancel it too. */
function afterFired(world: World, m: Modification, d: Deadline, ctx: Context): World {
  return evolveAll(world, [{ type: 'DeadlineFired', n: m.number, id: d.id }], nowIso(ctx));
}

const onBallotClose: DeadlineHandler = (world, m, d, ctx) => {
  const b = m.ballots.find((x) => x.id === d.subject);
  if (!b || b.status !== 'open') return ok(`The ballot on ${refOf(m)} had already closed.`, []);
  const w = afterFired(world, m, d, ctx);
  const cur = w.modifications[m.number] as Modification;
  const events = closeBallot(w, cur, cur.ballots.find((x) => x.id === b.id) as Ballot, ctx, outcomes);
  const closed = evolveAll(w, events, nowIso(ctx)).modifications[m.number]?.ballots.find(
    (x) => x.id === b.id,
  );
  // R71: the ballot by its title, the tally in words, each solution named in words when there are several.
  const tally = closed?.tallies ? ` ${capitalised(talliesWords(m, closed, closed.tallies))}.` : '';
  return ok(`The ${BALLOT_TITLES[b.kind]} on ${refOf(m)} closed at its deadline.${tally}`, events);
};

const onImplementation: DeadlineHandler = (world, m, d, ctx) => {
  if (m.status !== 'approved') return ok(`${refOf(m)} is no longer approved; nothing to implement.`, []);
  const cur = afterFired(world, m, d, ctx).modifications[m.number] as Modification;
  return ok(
    `${refOf(m)} is implemented today.`,
    changeStatus(cur, 'implemented', 'implementation date reached'),
  );
};

const handlers: Handlers = {
  ...consultationHandlers,
  report: recordDocument,

  'ballot-open': (world, cmd, ctx) => {
    const m = inStatus(
      world,
      cmd.ref,
      [cmd.kind === 'decision' ? 'report' : 'refinement'],
      `open a ${BALLOT_NAMES[cmd.kind]} ballot`,
    );
    if (isRefusal(m)) return m;
    const open = openBallots(m)[0];
    if (open)
      return refuse('ballot_open', `The ${open.kind} ballot on ${refOf(m)} is still open; close it first.`);
    const denied = ballotRefusal(m, cmd.kind);
    if (denied) return denied;
    const opened = openBallot(m, cmd.kind, ctx, cmd.days ? { days: cmd.days } : {});
    if (isRefusal(opened)) return opened;
    const b = opened.ballot;
    const per = b.solutions.length > 1 ? ` per solution (${b.solutions.join(', ')})` : '';
    return ok(
      `Opened the ${BALLOT_NAMES[cmd.kind]} ballot on ${refOf(m)}${per} for ${count(b.seats.length, 'Change Board member')} (${b.options.map((o) => optionLabel(o).toLowerCase()).join(' / ')}); it closes ${b.due ? when(b.due) : 'when closed'} or when everyone has voted.`,
      opened.events,
    );
  },

  authority: (world, cmd) => {
    const m = inStatus(world, cmd.ref, ['awaiting_authority'], "record the Authority's decision");
    if (isRefusal(m)) return m;
    const decided: ModificationEvent = {
      type: 'AuthorityDecided',
      n: m.number,
      decision: cmd.decision,
      ...(cmd.stage ? { stage: cmd.stage } : {}),
      ...(cmd.note ? { note: cmd.note } : {}),
    };
    if (cmd.decision !== 'sent-back') {
      return ok(
        `The Authority ${cmd.decision} ${refOf(m)}.${cmd.decision === 'approved' ? ` Next: set its implementation date (${cmdText(`implement ${refOf(m)} <date>`)}).` : ''}`,
        [decided, ...changeStatus(m, cmd.decision, `the Authority's decision: ${cmd.decision}`)],
      );
    }
    if (!cmd.stage || !cmd.note) {
      return refuse(
        'bad_input',
        `Say where the Authority sent ${refOf(m)} back and why: ${cmdText(`authority ${refOf(m)} sent-back refinement|report <reasons>`)}.`,
      );
    }
    // R55: the decision ballot no longer decides anything, whichever stage it goes back to.
    const ballot = m.ballots.filter((b) => b.kind === 'decision' && b.status === 'closed' && !b.voided).pop();
    const events: ModificationEvent[] = [
      decided,
      ...(ballot
        ? [
            {
              type: 'BallotVoided',
              n: m.number,
              ballotId: ballot.id,
              reason: `sent back by the Authority: ${cmd.note}`,
            } as ModificationEvent,
          ]
        : []),
      ...changeStatus(m, cmd.stage, `sent back by the Authority: ${cmd.note}`),
    ];
    if (cmd.stage === 'refinement') {
      events.push({
        type: 'StepsReopened',
        n: m.number,
        from: 'draft-report',
        reason: `sent back by the Authority: ${cmd.note}`,
      });
      // R55: the draft report step and every later one reopen; a step before it that was never done
      // (an MP routed straight to the Report Stage has done none) is open too, so say where it starts.
      const defs = stepDefs(m);
      const draft = defs.findIndex((d) => d.id === 'draft-report');
      const first = defs.find((d, i) => i >= draft || !isSettled(m, d.id));
      const undone = defs.filter((d, i) => i < draft && !isSettled(m, d.id)).length;
      const opens =
        !first || first.id === 'draft-report'
          ? 'the Draft Modification Report step and every later step are open again'
          : `every Refinement step from "${first.title}" on is open, since ${count(undone, 'step')} before the Draft Modification Report had never been done${m.route === 'report' ? ` (it was routed to the ${ROUTE_WORDS.report})` : ''}`;
      return ok(`The Authority sent ${refOf(m)} back to the Refinement Stage: ${opens}.`, events);
    }
    return ok(
      `The Authority sent ${refOf(m)} back to the Report Stage: the decision ballot is void; SECAS opens the Modification Report Consultation again (${cmdText(`consult open ${refOf(m)}`)}).`,
      events,
    );
  },

  implement: (world, cmd, ctx) => {
    const m = inStatus(world, cmd.ref, ['approved'], 'set the implementation date');
    if (isRefusal(m)) return m;
    if (parseLocalDate(cmd.date) === undefined)
      return refuse('bad_input', `${cmd.date} is not a date (YYYY-MM-DD).`);
    if (cmd.date <= londonDate(ctx.now)) {
      return refuse(
        'bad_input',
        `The implementation date must be after today; ${formatLocalDate(cmd.date)} is not.`,
      );
    }
    const maker = new DeadlineMaker(m, ctx);
    // R19: implemented at 00:00 London on the date; a new date replaces the old one.
    maker.add('implementation', londonInstant(cmd.date, '00:00'));
    return ok(`${refOf(m)} will be implemented on ${formatLocalDate(cmd.date)} (00:00 London).`, [
      ...cancelDeadlines(m, (d) => d.what === 'implementation'),
      { type: 'ImplementationDateSet', n: m.number, date: cmd.date },
      ...maker.events,
    ]);
  },
};

export const reportStage: Stage = {
  handlers,
  outcomes: { decision: decisionOutcome },
  deadlines: { ...consultationDeadlines, 'ballot-close': onBallotClose, implementation: onImplementation },
};
