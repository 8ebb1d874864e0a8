// Stage: refinement (R16, R17, R52, R56, §9.5). The checklist, its prerequisites and owners are the
// table in refinement-steps.ts; this file records steps, Alternative Solutions, the proposer's decision
// and the Panel chair's approval or return of the Modification Report, and says what the sufficiency and
// Impact Assessment ballots mean when they close.
import type { Ballot, BallotKind } from '../ballots.ts';
import type { ModificationEvent } from '../events.ts';
import type { Modification, StepState, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import { evolveAll } from '../evolve.ts';
import {
  REPORT_ITEM_IDS,
  draftReportHow,
  hasModificationReport,
  missingItems,
  unknownItems,
} from '../report-checklist.ts';
import type { Context, Refusal } from '../types.ts';
import { isRefusal, refuse } from '../types.ts';
import type { Handlers, OutcomeHandler, Result, Stage } from './common.ts';
import {
  cancelDeadlines,
  changeStatus,
  closeBallotEvent,
  getMod,
  inStatus,
  nowIso,
  ok,
  openBallots,
} from './common.ts';
import {
  checklist,
  findStep,
  hasDccImpacts,
  isSettled,
  missingPrerequisites,
  STEP_OWNER_WORDS,
  STEP_STATE_WORDS,
  stepIds,
  stepNames,
  stepState,
} from './refinement-steps.ts';
import { statusIs, stepChangeWords } from '../words.ts';
import { cmd as cmdText } from '../../views/hints.ts';

const DRAFT_REPORT = 'draft-report';
const REQUIREMENTS = 'requirements';

/** "Next: benefits (Working Group), …" from the state after the events (R7 notifications: who owes what). */
function nextText(world: World, n: number, events: readonly ModificationEvent[], ctx: Context): string {
  const m = evolveAll(world, events, nowIso(ctx)).modifications[n];
  if (!m) return '';
  const now = checklist(m).filter((s) => s.available);
  // R71: each step as its owner's task, owed by whom in words ("Draft the legal text, owed by SECAS").
  return now.length
    ? ` Next: ${now.map((s) => `${s.task}, owed by ${STEP_OWNER_WORDS[s.owner]}`).join('; ')}.`
    : '';
}

/** R16.8: the Change Board's recommendation from the latest Impact Assessment ballot (a failed one is do-not-proceed, R56). */
export function iaRecommendation(m: Modification): 'proceed' | 'do-not-proceed' | undefined {
  const last = m.ballots.filter((b) => b.kind === 'ia' && b.status === 'closed').pop();
  return last ? (last.passed ? 'proceed' : 'do-not-proceed') : undefined;
}

/**
 * R16.9 R71: the proposer's decision as the checklist and the status DM show it ("Decide to proceed (as
 * the Change Board recommended; rationale: …)"): against or with the recommendation, in words, and the
 * rationale whenever one was given (required only against it), never the raw option "proceed".
 */
function proceedNote(against: boolean, rationale: string | undefined): string {
  const how = against ? "against the Change Board's recommendation" : 'as the Change Board recommended';
  return rationale ? `${how}; rationale: ${rationale}` : how;
}

const explanation = (b: Ballot): string => b.tallies?.map((t) => t.explanation).join('; ') ?? '';

/**
 * R56 R71: why a single-question Change Board ballot failed: nobody voted, more voted against than for
 * (the Change Board's own finding), or too few for it to pass (a tie, say).
 */
function failedHow(b: Ballot): 'none' | 'majority' | 'short' {
  const t = b.tallies ?? [];
  if (t.every((x) => x.voted === 0)) return 'none';
  return t.every((x) => x.against > x.for) ? 'majority' : 'short';
}

/** R16.7, R56: reopen the draft Modification Report and every later step; an open ballot there ends. */
function reopenDraftReport(m: Modification, reason: string): ModificationEvent[] {
  const events: ModificationEvent[] = [];
  for (const b of openBallots(m)) {
    events.push(closeBallotEvent(m, b, true), ...cancelDeadlines(m, (d) => d.subject === b.id));
  }
  events.push({ type: 'StepsReopened', n: m.number, from: DRAFT_REPORT, reason });
  return events;
}

/** Why a step cannot take this state now: already settled, or prerequisites missing (R16, R56). */
function stepRefusal(m: Modification, id: string, to: StepState): Refusal | undefined {
  const current = stepState(m, id);
  if (!current.auto && (current.state === 'done' || current.state === 'na' || current.state === to)) {
    return refuse(
      'already_done',
      `On ${refOf(m)}, ${stepNames([id])} is already ${STEP_STATE_WORDS[current.state]}; steps reopen when the Change Board finds more work is needed or the Panel chair returns the Modification Report (${cmdText(`panel return ${refOf(m)} <reason>`)}).`,
    );
  }
  const missing = missingPrerequisites(m, id);
  if (missing.length) {
    return refuse('prerequisites', `On ${refOf(m)}, ${stepNames([id])} waits for: ${stepNames(missing)}.`);
  }
  return undefined;
}

export const refinementOutcomes: Partial<Record<BallotKind, OutcomeHandler>> = {
  sufficiency: (_world, m, closed) => {
    if (m.status !== 'refinement') return [];
    if (closed.passed) {
      return [
        { type: 'StepChanged', n: m.number, step: 'sufficiency', state: 'done', note: explanation(closed) },
      ];
    }
    // R56: a failed sufficiency ballot counts as more-work. R71: the Change Board "found" it only when
    // more of its votes said so; a ballot nobody voted on, or a tie, counts as more work by the rule.
    const why = {
      none: 'The sufficiency ballot closed with no votes cast, so it counts as more work needed',
      majority: `The Change Board found more work is needed (${explanation(closed)})`,
      short: `The sufficiency ballot did not pass (${explanation(closed)}), so it counts as more work needed`,
    };
    return reopenDraftReport(m, why[failedHow(closed)]);
  },
  ia: (_world, m, closed) => {
    if (m.status !== 'refinement') return [];
    // R71: the recommendation in words, not the option's id, and the tally beside it, not nested in it.
    // R56: a failed ballot counts as "do not proceed"; it is the Change Board's recommendation only when
    // more of its votes said so.
    const how = closed.passed ? undefined : failedHow(closed);
    const note =
      how === 'none'
        ? 'the ballot closed with no votes cast, so it counts as a recommendation not to proceed'
        : how === 'short'
          ? `the ballot did not pass (${explanation(closed)}), so it counts as a recommendation not to proceed`
          : `the Change Board ${closed.passed ? 'recommends proceeding' : 'recommends not proceeding'}; ${explanation(closed)}`;
    return [{ type: 'StepChanged', n: m.number, step: 'ia-vote', state: 'done', note }];
  },
};

const handlers: Handlers = {
  step: (world, cmd, ctx) => {
    const m = inStatus(world, cmd.ref, ['refinement'], 'record a Refinement step');
    if (isRefusal(m)) return m;
    const def = findStep(m, cmd.step);
    if (!def) {
      return refuse(
        'bad_input',
        `${refOf(m)} has no step "${cmd.step}"; its steps are ${stepIds(m).join(', ')}.`,
      );
    }
    if (def.completedBy !== 'step') {
      return refuse(
        'bad_input',
        `The ${def.id} step of ${refOf(m)} completes only through ${def.completedBy}.`,
      );
    }
    const refused = stepRefusal(m, def.id, cmd.state);
    if (refused) return refused;
    // R16.6, R17: the draft is a recorded version of the Modification Report, which the Change Board then
    // judges (R16.7) and the Panel chair approves (R16.12); marking the step settled without one would
    // send a report nobody can read on to them.
    if (def.id === DRAFT_REPORT && cmd.state !== 'requested' && !hasModificationReport(m)) {
      return refuse(
        'prerequisites',
        `${refOf(m)} has no Modification Report yet, so the Draft Modification Report step cannot be marked ${cmd.state === 'na' ? 'not applicable' : 'done'}: ${draftReportHow(m)}.`,
      );
    }
    const change = (x: Modification): ModificationEvent => ({
      type: 'StepChanged',
      n: x.number,
      step: def.id,
      state: cmd.state,
      ...(cmd.note ? { note: cmd.note } : {}),
    });
    // R14, R60: a batch shares the DCC Impact Assessment, so it is recorded on each batched modification
    // in Refinement whose checklist is ready for it.
    const partners = def.batchShared
      ? m.links.batchedWith
          .map((n) => world.modifications[n])
          .filter(
            (x): x is Modification =>
              x?.status === 'refinement' && !!findStep(x, def.id) && !stepRefusal(x, def.id, cmd.state),
          )
      : [];
    const events = [change(m), ...partners.map(change)];
    const state = cmd.state === 'na' ? 'not applicable' : cmd.state;
    const also = partners.length
      ? ` The batch shares it, so it is ${state} for ${partners.map(refOf).join(', ')} too.`
      : '';
    return ok(
      `${refOf(m)}: ${stepChangeWords(def.id, cmd.state, cmd.note)}.${also}${nextText(world, m.number, events, ctx)}`,
      events,
    );
  },

  'solution-add': (world, cmd) => {
    const m = getMod(world, cmd.ref);
    if (isRefusal(m)) return m;
    if (m.status === 'report' || m.status === 'awaiting_authority') {
      return refuse('report_final', `${refOf(m)} is in the Report Stage: its solutions are final.`);
    }
    if (m.status !== 'development' && m.status !== 'refinement') {
      return refuse(
        'wrong_status',
        `${refOf(m)} is ${statusIs(m.status)}: Alternative Solutions are added in development or refinement.`,
      );
    }
    // R16.2–R16.5: every solution has its business requirements and legal text and goes to the Working
    // Group Consultation. Before the consultation opens, a new Alternative reopens the requirements step
    // and every step after it; once it has opened, the consultation could not cover it, so it is refused.
    if (m.status === 'refinement' && m.consultations.some((c) => c.kind === 'wg')) {
      return refuse(
        'wrong_status',
        `The Working Group Consultation on ${refOf(m)} has opened, so an Alternative Solution can no longer be added: Alternatives are raised before it so that the consultation covers them.`,
      );
    }
    const id = `A${m.solutions.filter((s) => s.id.startsWith('A')).length + 1}`;
    const added: ModificationEvent = { type: 'SolutionAdded', n: m.number, id, title: cmd.title };
    if (m.status === 'refinement' && isSettled(m, REQUIREMENTS)) {
      return ok(
        `Added Alternative Solution ${id} "${cmd.title}" to ${refOf(m)}: the business requirements step and every step after it (legal text among them) are reopened, to cover it.`,
        [
          added,
          {
            type: 'StepsReopened',
            n: m.number,
            from: REQUIREMENTS,
            reason: `Alternative Solution ${id} added`,
          },
        ],
      );
    }
    return ok(
      `Added Alternative Solution ${id} "${cmd.title}" to ${refOf(m)}; its business requirements are part of the requirements step.`,
      [added],
    );
  },

  proceed: (world, cmd, ctx): Result => {
    const m = getMod(world, cmd.ref);
    if (isRefusal(m)) return m;
    if (m.status === 'development') {
      // R52: the Development Report comes first; then the Panel chair routes it.
      if (!m.documents.development?.length) {
        return refuse(
          'prerequisites',
          `${refOf(m)} needs its Development Report first (SECAS: ${cmdText(`report ${refOf(m)} development <link>`)}).`,
        );
      }
      return ok(`${refOf(m)} goes back to the Panel, which routes it to refinement or report.`, [
        ...changeStatus(m, 'awaiting_panel', 'the proposer asked to proceed after Development'),
      ]);
    }
    if (m.status !== 'refinement') {
      return refuse(
        'wrong_status',
        `${refOf(m)} is ${statusIs(m.status)}: proceed applies in development or after the Impact Assessment vote in refinement.`,
      );
    }
    if (!hasDccImpacts(m)) {
      return refuse(
        'bad_input',
        `${refOf(m)} has no DCC system impacts, so there is no proceed decision: the Modification Report goes to the Panel.`,
      );
    }
    if (isSettled(m, 'proposer-decision'))
      return refuse('already_done', `The proposer has already decided on ${refOf(m)}.`);
    const missing = missingPrerequisites(m, 'proposer-decision');
    if (missing.length) return refuse('prerequisites', `The proposer decides after: ${stepNames(missing)}.`);
    const against = iaRecommendation(m) === 'do-not-proceed';
    if (against && !cmd.rationale) {
      return refuse(
        'bad_input',
        `The Change Board recommended not to proceed to a DCC Impact Assessment: proceeding needs your written rationale (${cmdText(`proceed ${refOf(m)} <rationale>`)}), shown to the Panel.`,
      );
    }
    const events: ModificationEvent[] = [
      {
        type: 'ProposerDecided',
        n: m.number,
        decision: 'proceed',
        againstRecommendation: against,
        ...(cmd.rationale ? { rationale: cmd.rationale } : {}),
      },
      {
        type: 'StepChanged',
        n: m.number,
        step: 'proposer-decision',
        state: 'done',
        note: proceedNote(against, cmd.rationale),
      },
    ];
    const shown = against
      ? ' Your rationale is recorded and shown to the Panel.'
      : cmd.rationale
        ? ' Your rationale is recorded.'
        : '';
    return ok(
      `${refOf(m)} proceeds to the DCC Impact Assessment.${shown}${nextText(world, m.number, events, ctx)}`,
      events,
    );
  },

  'panel-approve-report': (world, cmd) => {
    const m = inStatus(world, cmd.ref, ['refinement'], 'approve the Modification Report');
    if (isRefusal(m)) return m;
    const bad = unknownItems(Object.keys(cmd.na));
    if (bad.length)
      return refuse(
        'bad_input',
        `Unknown report item ${bad.join(', ')}; the items are ${REPORT_ITEM_IDS.join(', ')}.`,
      );
    const open = stepIds(m).filter((id) => id !== 'panel-approval' && !isSettled(m, id));
    if (open.length) return refuse('prerequisites', `${refOf(m)} still has open steps: ${stepNames(open)}.`);
    // R16.12: there is a report to approve; only SECAS records one, so the chair asks SECAS.
    if (!hasModificationReport(m)) {
      return refuse(
        'prerequisites',
        `${refOf(m)} has no Modification Report yet, so there is nothing to approve: ask SECAS to record it, then approve it (${cmdText(`panel approve-report ${refOf(m)}`)}).`,
      );
    }
    const missing = missingItems(m, cmd.na);
    if (missing.length) {
      const list = missing.map((i) => `${i.id} (${i.title})`).join(', ');
      // R17: only SECAS records a version (the chair's `report` is refused), so the chair asks SECAS.
      return refuse(
        'report_incomplete',
        `The Modification Report of ${refOf(m)} is missing: ${list}. Ask SECAS to record a version that covers them, or say why each does not apply (${cmdText(`panel approve-report ${refOf(m)} na:<item>="why"`)}).`,
      );
    }
    const events: ModificationEvent[] = [
      { type: 'ReportApproved', n: m.number, na: cmd.na },
      { type: 'StepChanged', n: m.number, step: 'panel-approval', state: 'done' },
      ...(m.isMP ? [] : [{ type: 'Promoted', n: m.number } as ModificationEvent]),
      ...changeStatus(m, 'report', 'the Panel chair approved the Modification Report as final'),
    ];
    const ref = refOf({ number: m.number, isMP: true });
    return ok(
      `The Modification Report of ${ref} is final and ${ref} enters the Report Stage. Next: SECAS opens the Modification Report Consultation (${cmdText(`consult open ${ref}`)}).`,
      events,
    );
  },

  'panel-return': (world, cmd) => {
    const m = inStatus(world, cmd.ref, ['refinement'], 'return the Modification Report');
    if (isRefusal(m)) return m;
    if (!isSettled(m, DRAFT_REPORT)) {
      return refuse(
        'prerequisites',
        `${refOf(m)} has no draft Modification Report to return yet: the Working Group is still drafting it, and SECAS records it and marks the Draft Modification Report step done; ask SECAS when it will be ready.`,
      );
    }
    return ok(
      `The Modification Report of ${refOf(m)} goes back to the Working Group with your reasons: the steps from the draft Modification Report on are open again.`,
      [
        { type: 'ReportReturned', n: m.number, reason: cmd.reason },
        ...reopenDraftReport(m, `returned by the Panel chair: ${cmd.reason}`),
      ],
    );
  },
};

export const refinementStage: Stage = { handlers, outcomes: refinementOutcomes };
