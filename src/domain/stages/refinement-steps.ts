// The Refinement checklist as data: each step's id, owner, prerequisites, the SPEC clause it
// comes from and the command that completes it. The stage, `stepOrder` and status/help text all read it.
// Only type imports here: modification.ts reads this table for `stepOrder`.
import type { BallotKind } from '../ballots.ts';
import type { Modification, StepState } from '../modification.ts';

export type StepOwner = 'proposer' | 'SECAS' | 'Working Group' | 'Change Board' | 'DCC' | 'Panel chair';

/** R71: who owes a step, in the words of a sentence ("owed by the Working Group"). */
export const STEP_OWNER_WORDS: Record<StepOwner, string> = {
  proposer: 'the proposer',
  SECAS: 'SECAS',
  'Working Group': 'the Working Group',
  'Change Board': 'the Change Board',
  DCC: 'the DCC',
  'Panel chair': 'the Panel chair',
};

export interface StepDef {
  /** `subcommittee:*` stands for one step per Sub-Committee named in the IAR. */
  id: string;
  /** The state the checklist shows it done in ("Legal text drafted"). */
  title: string;
  /** R71: the same step as its owner's task ("Draft the legal text"), for `mine` and "Next:" lines. */
  task: string;
  /**
   * R71 R73: the task as it reads once recorded done, where the task offers a choice that "done" settles
   * (the chair approved rather than returned the report; the proposer proceeded rather than withdrew).
   */
  done?: string;
  owner: StepOwner;
  clause: string;
  /** Steps that must be done or not applicable first; `subcommittee:*` means every Sub-Committee step. */
  after: readonly string[];
  /** The command that completes it; `step` means SECAS records it with `step <ref> <id> …` (R56). */
  completedBy: string;
  /** R16.8: without DCC system impacts the process goes to step 12, so these are not required. */
  dccOnly?: boolean;
  /**
   * The Change Board ballot that settles the step (R16.7, R16.8, R34): SECAS opens and may close it, and
   * the members owe only their votes.
   */
  ballot?: BallotKind;
  /** R14, R60: batched modifications share it, so recording it on one records it on each of the batch. */
  batchShared?: boolean;
}

const SUBS = 'subcommittee:*';
const STEP = 'step';

export const REFINEMENT_STEPS: readonly StepDef[] = [
  {
    id: 'wg',
    title: 'Working Group formed',
    task: 'Form the Working Group',
    owner: 'SECAS',
    clause: 'R16.1',
    after: [],
    completedBy: 'wg form',
  },
  {
    id: 'requirements',
    title: 'Business requirements for each solution',
    task: 'Write the business requirements for each solution',
    owner: 'proposer',
    clause: 'R16.2, §9.5',
    after: ['wg'],
    completedBy: STEP,
  },
  {
    id: 'dcc-pa',
    title: 'DCC Preliminary Assessment',
    task: 'Give the DCC Preliminary Assessment',
    owner: 'DCC',
    clause: 'R16.3',
    after: ['requirements'],
    completedBy: STEP,
  },
  {
    id: SUBS,
    title: 'Sub-Committee consulted',
    task: 'Consult each relevant Sub-Committee',
    owner: 'SECAS',
    clause: 'R16.3',
    after: ['requirements'],
    completedBy: STEP,
  },
  {
    id: 'legal-text',
    title: 'Legal text drafted',
    task: 'Draft the legal text',
    owner: 'SECAS',
    clause: 'R16.3',
    after: ['requirements'],
    completedBy: STEP,
  },
  {
    id: 'benefits',
    title: 'Benefits case and initial view against the SEC Objectives',
    task: 'Assess the benefits case and give an initial view against the SEC Objectives',
    owner: 'Working Group',
    clause: 'R16.4',
    after: ['dcc-pa', SUBS, 'legal-text'],
    completedBy: STEP,
  },
  {
    id: 'wg-consultation',
    title: 'Working Group Consultation',
    task: 'Run the Working Group Consultation',
    owner: 'SECAS',
    clause: 'R16.5, R37',
    after: ['benefits'],
    completedBy: 'consult close',
  },
  {
    id: 'draft-report',
    title: 'Draft Modification Report',
    task: 'Draft the Modification Report',
    owner: 'SECAS',
    clause: 'R16.6',
    after: ['wg-consultation'],
    completedBy: STEP,
  },
  {
    id: 'sufficiency',
    title: 'Change Board view of sufficiency',
    task: 'Give a view on whether the Modification Report is sufficient to vote on',
    owner: 'Change Board',
    clause: 'R16.7',
    after: ['draft-report'],
    completedBy: 'ballot close (sufficiency ballot)',
    ballot: 'sufficiency',
  },
  {
    id: 'ia-vote',
    title: 'Change Board vote on a DCC Impact Assessment',
    task: 'Vote on whether to proceed to a DCC Impact Assessment',
    owner: 'Change Board',
    clause: 'R16.8',
    after: ['sufficiency'],
    completedBy: 'ballot close (ia ballot)',
    ballot: 'ia',
    dccOnly: true,
  },
  {
    id: 'proposer-decision',
    title: 'Proposer decides to proceed or withdraw',
    task: 'Decide to proceed or to withdraw',
    done: 'Decide to proceed',
    owner: 'proposer',
    clause: 'R16.9',
    after: ['ia-vote'],
    completedBy: 'proceed or withdraw',
    dccOnly: true,
  },
  {
    id: 'dcc-ia',
    title: 'DCC Impact Assessment',
    task: 'Give the DCC Impact Assessment',
    owner: 'DCC',
    clause: 'R16.10',
    after: ['proposer-decision'],
    completedBy: STEP,
    dccOnly: true,
    batchShared: true,
  },
  {
    id: 'appendix-legal-text',
    title: 'Appendix legal text',
    task: 'Prepare the appendix legal text',
    owner: 'SECAS',
    clause: 'R16.10',
    after: ['dcc-ia'],
    completedBy: STEP,
    dccOnly: true,
  },
  {
    id: 'final-wg',
    title: 'Final Working Group meeting; Modification Report updated',
    task: 'Hold the final Working Group meeting and update the Modification Report',
    owner: 'Working Group',
    clause: 'R16.11',
    after: ['appendix-legal-text'],
    completedBy: STEP,
    // R16.8 says "without DCC system impacts, go to step 12": the final meeting follows the Impact Assessment.
    dccOnly: true,
  },
  {
    id: 'panel-approval',
    title: 'Panel chair approves the Modification Report',
    task: 'Approve the Modification Report as final, or return it to the Working Group',
    done: 'Approve the Modification Report as final',
    owner: 'Panel chair',
    clause: 'R16.12, R17',
    after: ['final-wg'],
    completedBy: 'panel approve-report',
  },
];

export type StepView = Omit<StepDef, 'after'> & {
  after: string[];
  state: StepState;
  /** Not applicable because the IAR found no DCC system impacts (R16.8), rather than recorded. */
  auto: boolean;
  note?: string;
  /** Every prerequisite is done or not applicable and the step itself is not. */
  available: boolean;
};

type StepsOf = Pick<Modification, 'iar' | 'steps'>;

export const hasDccImpacts = (m: Pick<Modification, 'iar'>): boolean => m.iar?.dcc === true;

const subcommitteeIds = (m: Pick<Modification, 'iar'>): string[] =>
  (m.iar?.subcommittees ?? []).map((s) => `subcommittee:${s}`);

/** The Sub-Committee a `subcommittee:<name>` step is about, as the IAR spelled it. */
const subcommitteeOf = (id: string): string | undefined =>
  id.startsWith('subcommittee:') ? id.slice('subcommittee:'.length) : undefined;

/** R16.3 R71: one Sub-Committee's step in words, as done ("Sub-Committee TABASC consulted") and as a task. */
const subcommitteeTitle = (name: string): string => `Sub-Committee ${name} consulted`;
const subcommitteeTask = (name: string): string => `Consult the Sub-Committee ${name}`;

const expand = (m: Pick<Modification, 'iar'>, ids: readonly string[]): string[] =>
  ids.flatMap((id) => (id === SUBS ? subcommitteeIds(m) : [id]));

/** The step definitions for this modification, Sub-Committee steps expanded, in order. */
export function stepDefs(m: Pick<Modification, 'iar'>): StepDef[] {
  return REFINEMENT_STEPS.flatMap((d) =>
    d.id === SUBS
      ? subcommitteeIds(m).map((id) => ({
          ...d,
          id,
          title: subcommitteeTitle(id.slice('subcommittee:'.length)),
          task: subcommitteeTask(id.slice('subcommittee:'.length)),
        }))
      : [{ ...d, after: expand(m, d.after) }],
  );
}

export const stepIds = (m: Pick<Modification, 'iar'>): string[] => stepDefs(m).map((d) => d.id);

/** R16.3: a Sub-Committee is named as the IAR spelled it, but a step id typed in another case still finds it. */
export function findStep(m: Pick<Modification, 'iar'>, id: string): StepDef | undefined {
  const defs = stepDefs(m);
  return defs.find((d) => d.id === id) ?? defs.find((d) => d.id.toLowerCase() === id.toLowerCase());
}

/** The recorded state, or `na` for a DCC-only step when there are no DCC system impacts. */
export function stepState(m: StepsOf, id: string): { state: StepState; auto: boolean } {
  const recorded = m.steps[id]?.state;
  if (recorded) return { state: recorded, auto: false };
  const def = REFINEMENT_STEPS.find((d) => d.id === id);
  return def?.dccOnly && !hasDccImpacts(m) ? { state: 'na', auto: true } : { state: 'pending', auto: false };
}

export const isSettled = (m: StepsOf, id: string): boolean => {
  const s = stepState(m, id).state;
  return s === 'done' || s === 'na';
};

/**
 * Prerequisites of `id` that are neither done nor not applicable. A step skipped for want of DCC impacts
 * passes its own prerequisites on, so skipping steps 8–11 never skips what comes before them.
 */
export function missingPrerequisites(m: StepsOf, id: string): string[] {
  const defs = stepDefs(m);
  const missing = new Set<string>();
  const visit = (stepId: string): void => {
    for (const p of defs.find((d) => d.id === stepId)?.after ?? []) {
      const s = stepState(m, p);
      if (s.auto) visit(p);
      else if (s.state !== 'done' && s.state !== 'na') missing.add(p);
    }
  };
  visit(id);
  return [...missing];
}

/**
 * R71: a timetable or extension item in words: a Refinement step by its title ("Legal text drafted"),
 * anything else (the Panel may plan any milestone) as given.
 */
/** The report-back date's item name in timetable commands and extension requests (R13, R27). */
export const REPORT_BACK = 'report-back';

/** The date planned for `item` now: a step's from the timetable, the report-back date from the route. */
export const plannedDate = (
  m: Pick<Modification, 'timetable' | 'reportBackBy'>,
  item: string,
): string | undefined => (item === REPORT_BACK ? m.reportBackBy : m.timetable[item]);

export function itemWords(item: string): string {
  // R13, R27: the report-back date the chair sets with a route is planned and extended like a step's.
  if (item === REPORT_BACK) return 'the report-back date';
  const sub = subcommitteeOf(item);
  if (sub !== undefined) return subcommitteeTitle(sub);
  return REFINEMENT_STEPS.find((d) => d.id === item)?.title ?? item;
}

/**
 * R71: a Refinement step as its owner's task ("Draft the legal text", "Consult the Sub-Committee
 * TABASC"); `done`: as it reads once recorded done ("Approve the Modification Report as final").
 */
export function itemTask(item: string, done = false): string {
  const sub = subcommitteeOf(item);
  if (sub !== undefined) return subcommitteeTask(sub);
  const def = REFINEMENT_STEPS.find((d) => d.id === item);
  return (done ? def?.done : undefined) ?? def?.task ?? item;
}

/** The same in a reply to the person who typed it: the words, then the id they typed. */
export const itemNamed = (item: string): string => {
  const words = itemWords(item);
  return words === item ? item : `${words} (${item})`;
};

/** R71: a step's state in words ("not applicable", never `na`). */
export const STEP_STATE_WORDS = {
  pending: 'pending',
  requested: 'requested',
  done: 'done',
  na: 'not applicable',
} as const satisfies Record<StepState, string>;

/**
 * R71: steps as a refusal names them: the title a person reads, then the id `step` takes
 * ("Working Group Consultation (wg-consultation), Legal text drafted (legal-text)").
 */
export const stepNames = (ids: readonly string[]): string => ids.map(itemNamed).join(', ');

/** The checklist with who owes what (R16, R66 `status`): a pure view of the state. */
export function checklist(m: StepsOf & Pick<Modification, 'status'>): StepView[] {
  return stepDefs(m).map((d) => {
    const { state, auto } = stepState(m, d.id);
    const note = m.steps[d.id]?.note;
    return {
      ...d,
      after: [...d.after],
      state,
      auto,
      ...(note ? { note } : {}),
      available:
        m.status === 'refinement' &&
        state !== 'done' &&
        state !== 'na' &&
        missingPrerequisites(m, d.id).length === 0,
    };
  });
}

/**
 * One line per step for `status` (R66): the step by its title with its owner and state in words, never
 * its id (R71): "[-] DCC Preliminary Assessment (owner: the DCC; not applicable: no DCC system change)".
 */
export function checklistLines(m: StepsOf & Pick<Modification, 'status'>): string[] {
  const mark: Record<StepState, string> = { pending: '[ ]', requested: '[~]', done: '[x]', na: '[-]' };
  return checklist(m).map((s) => {
    const why = s.auto ? 'no DCC system impacts' : s.note;
    const state =
      s.state === 'na' || s.state === 'requested'
        ? `${STEP_STATE_WORDS[s.state]}${why ? `: ${why}` : ''}`
        : why;
    const now = s.available ? ' ← now' : '';
    return `${mark[s.state]} ${s.title} (owner: ${STEP_OWNER_WORDS[s.owner]}${state ? `; ${state}` : ''})${now}`;
  });
}
