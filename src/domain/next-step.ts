// "What happens next, who owes it, by when" (SPEC §7) for a modification as it stands, in one sentence
// (the proposer's status DM ends with it; the chair's digest quotes it) and item by item (owed.ts
// lists them with what is open in it). Both come from this one switch over the state and the
// Refinement checklist table (R16), so the sentence and the items cannot disagree.
import type { Modification } from './modification.ts';
import { refOf } from './modification.ts';
import type { Owed, Owner } from './owed.ts';
import type { Settings } from './settings.ts';
import type { StepOwner, StepView } from './stages/refinement-steps.ts';
import { STEP_OWNER_WORDS, checklist } from './stages/refinement-steps.ts';
import { reportConsultationDone } from './stages/consultations.ts';
import { hasModificationReport, recordReportCommand } from './report-checklist.ts';
import { iaRecommendation } from './stages/refinement.ts';
import { FINAL_STATUSES } from './types.ts';
import type { UsageKey } from './grammar/usage.ts';
import { USAGE, phraseOf, twinFor } from './grammar/usage.ts';
import { usageLine } from './grammar/fields.ts';
import { BALLOT_TITLES, ROUTE_WORDS, day, statusIs, when } from './words.ts';
import { cmd } from '../views/hints.ts';

type Ctx = { settings: Pick<Settings, 'SEC_CRITICAL_FRIEND_WD'> };

export interface NextStep {
  /** One sentence: what happens next, and who owes it (with the date when there is one). */
  sentence: string;
  /** The same, item by item (votes, views and responses are owed.ts's, person by person). */
  owed: Owed[];
}

const pendingDue = (m: Modification, what: string): string | undefined =>
  m.deadlines.find((d) => d.status === 'pending' && !d.reminder && d.what === what)?.due;

/**
 * R27 R28 R81: a planned date for something still owed: the pending one, or once it has passed (the
 * deadline fired) the missed one, which stays on the item as overdue rather than vanishing.
 */
export function plannedDue(m: Modification, what: string): { due: string; overdue?: true } | undefined {
  const d = m.deadlines.filter((x) => x.status !== 'cancelled' && !x.reminder && x.what === what).pop();
  if (!d) return undefined;
  return d.status === 'fired' ? { due: d.due, overdue: true } : { due: d.due };
}

/** R55: the decision ballot waits for the determination; the chair sets it with this command. */
export const determineTwin = (ref: string): string => twinFor('panel-determine', ref);

/**
 * R13 R55: the Self-Governance or Authority determination is missing on an MP in the Report Stage or
 * heading there (its Modification Report is with the Panel chair for approval).
 */
export function determinationAwaited(m: Modification): boolean {
  if (!m.isMP || m.determination) return false;
  if (m.status === 'report') return true;
  return m.status === 'refinement' && checklist(m).some((s) => s.id === 'panel-approval' && s.available);
}

/** Where a Decision Summary may be published (documents.ts), after the decision it summarises. */
const PUBLISHED_IN: readonly Modification['status'][] = [
  'awaiting_authority',
  'approved',
  'rejected',
  'implemented',
];

/**
 * R18 R55: the bot drafted a Decision Summary at the decision ballot's close and SECAS has not yet
 * published it (`report <ref> summary <link>`) since that close.
 */
export function summaryToPublish(m: Modification): boolean {
  if (m.decisionSummaryDraft === undefined || !PUBLISHED_IN.includes(m.status)) return false;
  const closed = m.ballots.filter((b) => b.kind === 'decision' && b.status === 'closed').pop();
  const published = m.documents.summary ?? [];
  const since = closed?.closedAt;
  return since === undefined ? published.length === 0 : !published.some((d) => d.at >= since);
}

/**
 * R21 R22: Fast Track is still to be considered: asked for by the proposer or recommended by the IAR,
 * no Panel ballot yet, and the DP not yet routed (after Development it is routed, not fast-tracked).
 */
export function fastTrackAsked(m: Modification): boolean {
  if (m.isMP || m.route || m.fastTrackTried || m.routeRequired) return false;
  return m.fastTrackRequested || m.iar?.route === 'fasttrack';
}

/** Who asked for Fast Track, in words: the proposer, the Initial Assessment Report, or both. */
export function fastTrackWhy(m: Modification): string {
  const iar = m.iar?.route === 'fasttrack';
  if (m.fastTrackRequested)
    return iar
      ? 'the proposer asked for Fast Track and the Initial Assessment Report recommends it'
      : 'the proposer asked for Fast Track';
  return `the Initial Assessment Report recommends ${ROUTE_WORDS.fasttrack}`;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const stepTask = (s: StepView, m: Modification): string =>
  s.id.startsWith('subcommittee:')
    ? `Consult the Sub-Committee ${s.id.slice('subcommittee:'.length)}`
    : // A Modification Report recorded is a draft in hand, not yet the step done (SECAS marks it so).
      s.id === 'draft-report' && hasModificationReport(m)
      ? 'Finish the draft Modification Report and mark the step done'
      : s.task;

const by = (iso: string | undefined): string => (iso ? `, by ${when(iso)}` : '');

const SECAS: Owner = { kind: 'role', role: 'secas' };
const CHAIR: Owner = { kind: 'role', role: 'panel_chair' };

const STEP_OWNERS: Record<Exclude<StepOwner, 'proposer'>, Owner> = {
  SECAS,
  'Working Group': { kind: 'working-group' },
  'Change Board': { kind: 'role', role: 'change_board' },
  DCC: { kind: 'outside', name: 'the DCC' },
  'Panel chair': CHAIR,
};

const keyOfPhrase = (phrase: string): UsageKey | undefined =>
  (Object.keys(USAGE) as UsageKey[]).find((k) => phraseOf(k) === phrase);

/** The command that completes a Refinement step, from the checklist table (R16, R56). */
function stepTwin(s: StepView, ref: string): string {
  if (s.completedBy === 'step') return `step ${ref} ${s.id} done`;
  const w = s.completedBy.split(' ');
  const key = keyOfPhrase(w.slice(0, 2).join(' ')) ?? keyOfPhrase(w[0] ?? '');
  // R72: the Working Group here is this modification's alone (`wg form <ref>[,<ref>…]` is for a batch).
  if (key === 'wg-form') return `wg form ${ref} <person>…`;
  return key ? twinFor(key, ref) : `${s.completedBy} ${ref}`;
}

export function nextStep(m: Modification, ctx: Ctx): NextStep {
  const ref = refOf(m);
  const item = (
    owner: Owner,
    what: string,
    twin?: string,
    due?: string | { due: string; overdue?: true },
  ): Owed => ({
    number: m.number,
    ref,
    owner,
    what,
    ...(twin ? { twin } : {}),
    ...(typeof due === 'string' ? { due } : (due ?? {})),
  });
  const proposer: Owner = { kind: 'person', person: m.proposer };
  const next = (sentence: string, ...owed: Owed[]): NextStep => ({ sentence, owed });
  const openBallot = m.ballots.find((b) => b.status === 'open');
  const openConsult = m.consultations.find((c) => c.status === 'open');
  // R13 R55: owed by the chair while the determination is missing where the decision ballot needs it.
  const determine = determinationAwaited(m)
    ? [
        item(
          CHAIR,
          'Set the Self-Governance or Authority determination (the Change Board decision ballot waits for it)',
          determineTwin(ref),
        ),
      ]
    : [];
  const determineSentence = `The Panel chair sets the Self-Governance or Authority determination before the decision ballot (${cmd(determineTwin(ref))}).`;
  // R18 R55: the drafted Decision Summary, until SECAS publishes it with its link.
  const publish = summaryToPublish(m)
    ? [
        item(
          SECAS,
          `Publish the Decision Summary: post the bot's draft (${cmd(`status ${ref}`)} shows it), then record the link to it`,
          // R72: the exact command, not report's usage line with its four document kinds.
          `report ${ref} summary <link>`,
        ),
      ]
    : [];
  const publishSentence = publish.length
    ? ` SECAS publishes the Decision Summary the bot drafted (${cmd(`report ${ref} summary <link>`)}).`
    : '';
  // R16.9: after a "do not proceed" recommendation, proceeding needs a written rationale.
  const proposerDecision = (due?: { due: string; overdue?: true }): Owed => {
    const against = iaRecommendation(m) === 'do-not-proceed';
    return item(
      proposer,
      against
        ? "Decide: proceed to the DCC Impact Assessment against the Change Board's recommendation, with your written rationale, or withdraw"
        : 'Decide: proceed to the DCC Impact Assessment, or withdraw',
      `proceed ${ref}${against ? ' <rationale>' : ''} | ${twinFor('withdraw', ref)}`,
      due,
    );
  };
  // R16.9 §7: the same decision in the proposer's status DM, with the commands and, after a "do not
  // proceed" recommendation, that proceeding needs a written rationale (`proceed <ref>` alone is refused).
  const proposerDecisionWords = (): string => {
    const withdraw = cmd(twinFor('withdraw', ref));
    return iaRecommendation(m) === 'do-not-proceed'
      ? `Decide to proceed to the DCC Impact Assessment or to withdraw, owed by you, the proposer: the Change Board recommended not proceeding, so to proceed give your written rationale, which is shown to the Panel (${cmd(`proceed ${ref} <rationale>`)}), or withdraw (${withdraw})`
      : `Decide to proceed to the DCC Impact Assessment (${cmd(`proceed ${ref}`)}) or to withdraw (${withdraw}), owed by you, the proposer`;
  };
  switch (m.status) {
    case 'draft': {
      const due = pendingDue(m, 'secas-comments');
      // R10: once sent, the comments are no longer owed; until then a missed date stays on them, overdue.
      const comments = m.secasCommented
        ? []
        : [
            item(
              SECAS,
              'Send critical-friend comments',
              twinFor('comment', ref),
              plannedDue(m, 'secas-comments'),
            ),
          ];
      return next(
        `SECAS reviews it as a critical friend and aims to send comments within ${ctx.settings.SEC_CRITICAL_FRIEND_WD} Working Days${by(due)}; then SECAS records the Initial Assessment Report. Owed by: SECAS.`,
        ...comments,
        item(SECAS, 'Record the Initial Assessment Report', twinFor('iar', ref)),
      );
    }
    case 'initial_assessment':
      return next(
        `SECAS puts the Initial Assessment Report to the Change Board (${cmd(`views open ${ref}`)}). Owed by: SECAS.`,
        item(SECAS, 'Open the Change Board views', twinFor('views-open', ref)),
      );
    case 'change_board_views':
      return next(
        `The Change Board gives its views${by(pendingDue(m, 'views-close'))}; then the Panel chair routes it. Owed by: the Change Board.`,
      );
    case 'awaiting_panel':
      if (openBallot?.kind === 'fasttrack')
        return next(
          'The Panel votes on Fast Track; the Panel chair closes the ballot at the meeting. Owed by: the Panel.',
          item(CHAIR, 'Close the Fast Track ballot at the Panel meeting', twinFor('ballot-close', ref)),
        );
      if (m.routeRequired)
        return next(
          `The Panel chair must route it another way (${cmd(`panel route ${ref} development|refinement|report`)}). Owed by: the Panel chair.`,
          item(CHAIR, 'Route it another way', twinFor('panel-route', ref)),
        );
      if (fastTrackAsked(m)) {
        // R21 R22: the Panel considers a Fast Track request when it first considers the proposal.
        const why = fastTrackWhy(m);
        return next(
          `${capital(why)}: the Panel chair opens the Panel's Fast Track ballot (${cmd(`panel fasttrack ${ref}`)}) or routes it (${cmd(`panel route ${ref} …`)}). Owed by: the Panel chair.`,
          item(
            CHAIR,
            `Consider Fast Track (${why}): open the Panel's Fast Track ballot, or route it`,
            `${twinFor('panel-fasttrack', ref)} | ${twinFor('panel-route', ref)}`,
          ),
        );
      }
      // R52: back from Development, it goes to refinement or report only.
      return next(
        `The Panel chair routes it (${cmd(`panel route ${ref} …`)}). Owed by: the Panel chair.`,
        item(
          CHAIR,
          'Route it',
          m.route === 'development'
            ? usageLine('panel-route', { route: ['refinement', 'report'] }).replace('<ref>', ref)
            : twinFor('panel-route', ref),
        ),
      );
    case 'development': {
      // The report-back date only while it is a deadline of this stage (R13, R14).
      const backBy = pendingDue(m, 'report-back');
      const back = backBy && m.reportBackBy ? ` Report back to the Panel by ${day(m.reportBackBy)}.` : '';
      if (m.documents.development?.length)
        return next(
          `The Development Report is recorded: you may ask to proceed (${cmd(`proceed ${ref}`)}) or withdraw. Owed by: you, the proposer.${back}`,
          item(proposer, 'Ask to proceed, or withdraw', `proceed ${ref} | ${twinFor('withdraw', ref)}`),
        );
      return next(
        `The Working Group develops the solution and SECAS records the Development Report; then you ask to proceed or withdraw. Owed by: the Working Group and SECAS.${back}`,
        item({ kind: 'working-group' }, 'Develop the solution'),
        // R72: the exact command, not report's usage line with its four document kinds.
        item(SECAS, 'Record the Development Report', `report ${ref} development <link>`),
      );
    }
    case 'refinement': {
      const now = checklist(m).filter((s) => s.available);
      const live = openBallot ?? openConsult;
      const until = live?.due ? ` (open until ${when(live.due)})` : '';
      if (now.length === 0) return next('Nothing in the Refinement checklist is waiting.');
      const steps = now.flatMap((s) => {
        // R34: a Change Board ballot step is SECAS's to open; once it is open the members owe their
        // votes, seat by seat (owed.ts), and closing is SECAS's, not something every member owes.
        if (s.ballot) {
          if (m.ballots.some((b) => b.kind === s.ballot && b.status === 'open')) return [];
          return [item(SECAS, `Open the ${BALLOT_TITLES[s.ballot]}`, `ballot open ${ref} ${s.ballot}`)];
        }
        // The Working Group Consultation is SECAS's to open; while it runs, responses are what is owed
        // (owed.ts) and it closes by its deadline, so nobody owes its close.
        if (s.completedBy === 'consult close') {
          if (openConsult) return [];
          return [item(SECAS, `Open the ${s.title}`, twinFor('consult-open', ref))];
        }
        const owner = s.owner === 'proposer' ? proposer : STEP_OWNERS[s.owner];
        // A step's own date is the Panel's timetable date for it, if one is planned (R59); once it has
        // passed, the missed date, overdue (R27, R28).
        const due = plannedDue(m, `timetable:${s.id}`);
        if (s.id === 'proposer-decision') return [proposerDecision(due)];
        // R16.12: the chair approves the report as final or returns it to the Working Group with reasons.
        if (s.id === 'panel-approval')
          return [
            item(
              owner,
              stepTask(s, m),
              `${twinFor('panel-approve-report', ref)} | ${twinFor('panel-return', ref)}`,
              due,
            ),
          ];
        // R56: only SECAS records a step done. Whoever does the work owes it without a command they
        // could not run; SECAS owes recording it, with the command.
        // R16.6: the draft is done once a version of the report is recorded, and the step is refused
        // before that, so with none yet SECAS is offered recording it, not the refused step.
        const twin =
          s.id === 'draft-report' && !hasModificationReport(m) ? recordReportCommand(ref) : stepTwin(s, ref);
        if (s.completedBy === 'step' && s.owner !== 'SECAS')
          return [
            item(owner, stepTask(s, m), undefined, due),
            item(SECAS, `Record when done: ${s.title}`, twin, due),
          ];
        return [item(owner, stepTask(s, m), twin, due)];
      });
      return next(
        `Refinement steps now: ${now.map((s) => (s.id === 'proposer-decision' ? proposerDecisionWords() : `${stepTask(s, m)}, owed by ${s.owner === 'proposer' ? 'you, the proposer' : STEP_OWNER_WORDS[s.owner]}`)).join('; ')}${until}.${determinationAwaited(m) ? ` ${determineSentence}` : ''}`,
        ...steps,
        ...determine,
      );
    }
    case 'report': {
      // R55: the decision ballot is refused until the determination is set, so while it is missing the
      // chair owes it, and SECAS is not sent to open the ballot.
      const first = determine.length ? ` ${determineSentence}` : '';
      if (openConsult)
        return next(
          // R18 R72: the ballot cannot open while the consultation runs, so SECAS owes nothing now (help
          // lists what is owed now); the sentence says what follows and its command.
          `The Modification Report Consultation is open${by(openConsult.due)}; when it closes SECAS opens the Change Board decision ballot (${cmd(`ballot open ${ref} decision`)}). Owed by: respondents, then SECAS.${first}`,
          ...determine,
        );
      if (openBallot)
        return next(
          `The Change Board votes on each solution${by(openBallot.due)}. Owed by: the Change Board.`,
        );
      // R55: the same test as the core's, so a consultation from before a send-back does not count.
      if (reportConsultationDone(m))
        return determine.length
          ? next(
              `The Panel chair sets the Self-Governance or Authority determination (${cmd(determineTwin(ref))}); then SECAS opens the Change Board decision ballot. Owed by: the Panel chair.`,
              ...determine,
            )
          : next(
              `SECAS opens the Change Board decision ballot (${cmd(`ballot open ${ref} decision`)}). Owed by: SECAS.`,
              item(SECAS, 'Open the Change Board decision ballot', `ballot open ${ref} decision`),
            );
      // R18: the consultation is on the Modification Report, and is refused until one is recorded (an MP
      // routed straight here has none yet).
      if (!hasModificationReport(m))
        return next(
          `SECAS records the Modification Report (${cmd(recordReportCommand(ref))}), then opens the Modification Report Consultation. Owed by: SECAS.${first}`,
          item(SECAS, 'Record the Modification Report', recordReportCommand(ref)),
          ...determine,
        );
      return next(
        `SECAS opens the Modification Report Consultation (${cmd(`consult open ${ref}`)}). Owed by: SECAS.${first}`,
        item(SECAS, 'Open the Modification Report Consultation', twinFor('consult-open', ref)),
        ...determine,
      );
    }
    case 'awaiting_authority':
      return next(
        `The Authority decides; SECAS records its decision (approved, rejected or sent back). Owed by: the Authority.${publishSentence}`,
        item({ kind: 'outside', name: 'the Authority' }, 'Decide'),
        item(SECAS, "Record the Authority's decision", twinFor('authority', ref)),
        ...publish,
      );
    case 'fast_track_window': {
      const due = m.fastTrack?.due ?? pendingDue(m, 'ft-window-close');
      const object: Owed = {
        ...item(
          { kind: 'role', role: 'party' },
          'Object to Fast Track, with a reason',
          twinFor('object', ref),
          due,
        ),
        button: { action: 'object', ref },
        optional: true,
      };
      return next(
        `Any party may object with a reason${by(due)}; with no objection the approval is final.`,
        object,
      );
    }
    case 'approved':
      return m.implementAt
        ? next(`It is implemented on ${day(m.implementAt)} (00:00 London).${publishSentence}`, ...publish)
        : next(
            // Both are SECAS's: one sentence, its owner once (the proposer's DM read "Owed by: SECAS. SECAS …").
            publish.length
              ? `SECAS sets its implementation date (${cmd(`implement ${ref} <date>`)}) and publishes the Decision Summary the bot drafted (${cmd(`report ${ref} summary <link>`)}). Owed by: SECAS.`
              : `SECAS sets its implementation date (${cmd(`implement ${ref} <date>`)}). Owed by: SECAS.`,
            item(SECAS, 'Set the implementation date', twinFor('implement', ref)),
            ...publish,
          );
    default:
      return next(
        FINAL_STATUSES.includes(m.status)
          ? publish.length
            ? `${ref} is ${statusIs(m.status)}, which is final.${publishSentence}`
            : `Nothing more happens: ${ref} is ${statusIs(m.status)}, which is final.`
          : '',
        ...publish,
      );
  }
}
