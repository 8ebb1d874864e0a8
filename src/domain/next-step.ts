// "What happens next, who owes it, by when" (SPEC §7) for a modification as it stands, in one sentence
// (the proposer's status DM ends with it; the chair's digest quotes it) and item by item (owed.ts
// lists them with what is open in it). Both come from this one switch over the state and the
// Refinement checklist table (R16), so the sentence and the items cannot disagree.
import type { Modification } from './modification.ts';
import { refOf } from './modification.ts';
import type { Owed, Owner } from './owed.ts';
import type { Settings } from './settings.ts';
import type { StepOwner, StepView } from './stages/refinement-steps.ts';
import { checklist } from './stages/refinement-steps.ts';
import { reportConsultationDone } from './stages/consultations.ts';
import { FINAL_STATUSES } from './types.ts';
import type { UsageKey } from './grammar/usage.ts';
import { USAGE, phraseOf, twinFor } from './grammar/usage.ts';
import { BALLOT_TITLES, day, statusIs, when } from './words.ts';
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
  const item = (owner: Owner, what: string, twin?: string, due?: string): Owed => ({
    number: m.number,
    ref,
    owner,
    what,
    ...(twin ? { twin } : {}),
    ...(due ? { due } : {}),
  });
  const proposer: Owner = { kind: 'person', person: m.proposer };
  const next = (sentence: string, ...owed: Owed[]): NextStep => ({ sentence, owed });
  const openBallot = m.ballots.find((b) => b.status === 'open');
  const openConsult = m.consultations.find((c) => c.status === 'open');
  switch (m.status) {
    case 'draft': {
      const due = pendingDue(m, 'secas-comments');
      return next(
        `SECAS reviews it as a critical friend and aims to send comments within ${ctx.settings.SEC_CRITICAL_FRIEND_WD} Working Days${by(due)}; then SECAS records the Initial Assessment Report. Owed by: SECAS.`,
        item(SECAS, 'Send critical-friend comments', twinFor('comment', ref), due),
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
      return next(
        `The Panel chair routes it (${cmd(`panel route ${ref} …`)}). Owed by: the Panel chair.`,
        item(CHAIR, 'Route it', twinFor('panel-route', ref)),
      );
    case 'development': {
      const back = m.reportBackBy ? ` Report back to the Panel by ${day(m.reportBackBy)}.` : '';
      if (m.documents.development?.length)
        return next(
          `The Development Report is recorded: you may ask to proceed (${cmd(`proceed ${ref}`)}) or withdraw. Owed by: you, the proposer.${back}`,
          item(proposer, 'Ask to proceed, or withdraw', twinFor('proceed', ref)),
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
        // A step's own date is the Panel's timetable date for it, if one is planned (R59).
        const due = pendingDue(m, `timetable:${s.id}`);
        // R56: only SECAS records a step done. Whoever does the work owes it without a command they
        // could not run; SECAS owes recording it, with the command.
        if (s.completedBy === 'step' && s.owner !== 'SECAS')
          return [
            item(owner, s.title, undefined, due),
            item(SECAS, `Record when done: ${s.title}`, stepTwin(s, ref), due),
          ];
        return [item(owner, s.title, stepTwin(s, ref), due)];
      });
      return next(
        `Refinement steps now: ${now.map((s) => `${s.title}, owed by ${s.owner === 'proposer' ? 'you, the proposer' : s.owner}`).join('; ')}${until}.`,
        ...steps,
      );
    }
    case 'report':
      if (openConsult)
        return next(
          // R18 R72: the ballot cannot open while the consultation runs, so SECAS owes nothing now (help
          // lists what is owed now); the sentence says what follows and its command.
          `The Modification Report Consultation is open${by(openConsult.due)}; when it closes SECAS opens the Change Board decision ballot (${cmd(`ballot open ${ref} decision`)}). Owed by: respondents, then SECAS.`,
        );
      if (openBallot)
        return next(
          `The Change Board votes on each solution${by(openBallot.due)}. Owed by: the Change Board.`,
        );
      // R55: the same test as the core's, so a consultation from before a send-back does not count.
      if (reportConsultationDone(m))
        return next(
          `SECAS opens the Change Board decision ballot (${cmd(`ballot open ${ref} decision`)}). Owed by: SECAS.`,
          item(SECAS, 'Open the Change Board decision ballot', `ballot open ${ref} decision`),
        );
      return next(
        `SECAS opens the Modification Report Consultation (${cmd(`consult open ${ref}`)}). Owed by: SECAS.`,
        item(SECAS, 'Open the Modification Report Consultation', twinFor('consult-open', ref)),
      );
    case 'awaiting_authority':
      return next(
        'The Authority decides; SECAS records its decision (approved, rejected or sent back). Owed by: the Authority.',
        item({ kind: 'outside', name: 'the Authority' }, 'Decide'),
        item(SECAS, "Record the Authority's decision", twinFor('authority', ref)),
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
        ? next(`It is implemented on ${day(m.implementAt)} (00:00 London).`)
        : next(
            `SECAS sets its implementation date (${cmd(`implement ${ref} <date>`)}). Owed by: SECAS.`,
            item(SECAS, 'Set the implementation date', twinFor('implement', ref)),
          );
    default:
      return next(
        FINAL_STATUSES.includes(m.status)
          ? `Nothing more happens: ${ref} is ${statusIs(m.status)}, which is final.`
          : '',
      );
  }
}
