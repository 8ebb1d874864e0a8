// The cases of the R2 authorisation matrix through the adapters (test/security/authorisation.test.ts):
// one typed line per command, states built from typed lines, and for every command the state in
// which it is done and the event it writes. Record<…> types make the compiler (and a test) fail when a
// command has no case.
import type { CommandType } from '../../src/domain/commands.ts';
import type { TypedCommand } from '../../src/domain/grammar/usage.ts';

/** A step that builds a state: who types what (run through the engine as the CLI would). */
export type Step = [handle: string, text: string, at?: string];

/** When the states are built and the commands typed (London), unless a step or case says otherwise. */
export const START = '2026-12-01T10:00';

const DRAFT: Step[] = [
  ['alice', 'raise title="Faster switching" problem="Switching takes too long"'],
  ['bob', 'raise title="Second one" problem="Another problem"'],
];
const ASSESSED: Step[] = [...DRAFT, ['sam', 'iar DP001 impacts="Suppliers" route=refinement']];
const REFINEMENT: Step[] = [
  ...ASSESSED,
  ['chair', 'panel route DP001 refinement self-governance'],
  ['sam', 'wg form DP001 bob cb1 cb2 cb3 cb5'],
];
const POLL: Step[] = [...REFINEMENT, ['sam', 'meeting propose DP001 2026-12-14T10:00 2026-12-15T10:00']];
const REPORT: Step[] = [
  ...DRAFT,
  ['sam', 'iar DP001 impacts="Suppliers" route=refinement'],
  ['chair', 'panel route DP001 refinement authority'],
  ['sam', 'report DP001 modification https://example.org/mr items=background'],
  // §9.5: a refused extension lets the chair route it on to the Report Stage.
  ['chair', 'panel timetable DP001 draft-report 2040-02-01'],
  ['sam', 'extension request DP001 draft-report 2040-03-01 More time'],
  ['chair', 'panel refuse-extension DP001'],
  ['chair', 'panel route DP001 report'],
];
const CONSULT: Step[] = [...REPORT, ['sam', 'consult open DP001']];
const DECISION: Step[] = [...CONSULT, ['sam', 'consult close DP001'], ['sam', 'ballot open DP001 decision']];
const FT_BALLOT: Step[] = [...DRAFT, ['chair', 'panel fasttrack DP001']];
const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];
const FT_WINDOW: Step[] = [
  ...FT_BALLOT,
  ...PANEL.map((h): Step => [h, 'vote DP001 approve']),
  ['chair', 'ballot close DP001'],
];
const CONSULTED: Step[] = [...CONSULT, ['sam', 'consult close DP001']];
const BOARD = ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'];
const VOTED: Step[] = [...DECISION, ...BOARD.map((h): Step => [h, 'vote DP001 approve'])];
const DEVELOPMENT: Step[] = [
  ...DRAFT,
  ['sam', 'iar DP001 impacts="Suppliers" route=development'],
  ['chair', 'panel route DP001 development'],
];
const TIMETABLED: Step[] = [...REFINEMENT, ['chair', 'panel timetable DP001 draft-report 2027-03-01']];
const DRAFTED: Step[] = [
  ...REFINEMENT,
  ['sam', 'step DP001 requirements done'],
  ['sam', 'step DP001 dcc-pa na no DCC involvement'],
  ['sam', 'step DP001 legal-text done'],
  ['sam', 'step DP001 benefits done'],
  ['sam', 'consult open DP001'],
  ['sam', 'consult close DP001'],
  ['sam', 'report DP001 modification https://example.org/mr-draft'],
  ['sam', 'step DP001 draft-report done'],
];
const ITEMS =
  'background,solutions,requirements,legal-text,impacts-costs,implementation,benefits,wg-conclusions,views,dcc-assessment';
const SUFFICIENT: Step[] = [
  ...DRAFTED,
  ['sam', 'ballot open DP001 sufficiency'],
  ...BOARD.map((h): Step => [h, 'vote DP001 sufficient']),
  ['sam', `report DP001 modification https://example.org/mr items=${ITEMS}`],
];
const STALLED: Step[] = [...REFINEMENT, ['chair', 'panel stall-notice DP001', '2027-12-01T10:00']];

export const STATES = {
  empty: [] as Step[],
  draft: DRAFT,
  views: [...ASSESSED, ['sam', 'views open DP001']] as Step[],
  awaitingPanel: [...ASSESSED, ['sam', 'views open DP001'], ['sam', 'views close DP001']] as Step[],
  assessed: ASSESSED,
  refinement: REFINEMENT,
  poll: POLL,
  meeting: [...POLL, ['sam', 'meeting confirm DP001 1']] as Step[],
  /** Every Working Group member has answered the poll: SECAS has the recommendation (R40). */
  polled: [
    ...POLL,
    ...['alice', 'bob', 'cb1', 'cb2', 'cb3', 'cb5'].map((h): Step => [h, 'available DP001 2 yes']),
  ] as Step[],
  report: REPORT,
  consult: CONSULT,
  decision: DECISION,
  ftBallot: FT_BALLOT,
  ftWindow: FT_WINDOW,
  consulted: CONSULTED,
  voted: VOTED,
  development: DEVELOPMENT,
  stalled: STALLED,
  stallAnswered: [
    ...STALLED,
    ['alice', 'plan DP001 we will finish in January', '2027-12-01T11:00'],
  ] as Step[],
  timetabled: TIMETABLED,
  drafted: DRAFTED,
  sufficient: SUFFICIENT,
  extension: [...TIMETABLED, ['sam', 'extension request DP001 draft-report 2027-04-01 more time']] as Step[],
  developed: [...DEVELOPMENT, ['sam', 'report DP001 development https://example.org/dr']] as Step[],
  approved: [...VOTED, ['sam', 'authority DP001 approved']] as Step[],
} satisfies Record<string, Step[]>;
export type StateName = keyof typeof STATES;

/** One typed line per command, about DP001 (and DP002). */
export const TEXT: Record<TypedCommand, string> = {
  raise: 'raise title="Matrix raise" problem="A problem"',
  amend: 'amend DP001 title="Better title"',
  withdraw: 'withdraw DP001 no longer needed',
  proceed: 'proceed DP001',
  split: 'split DP001 title="A" problem="pa" title2="B" problem2="pb"',
  'fasttrack-request': 'fasttrack request DP001',
  object: 'object DP001 we disagree',
  respond: 'respond DP001 org="Acme" S0=support',
  vote: 'vote DP001 approve',
  view: 'view DP001 support',
  plan: 'plan DP001 we will finish in January',
  comment: 'comment DP001 please add the benefits',
  iar: 'iar DP001 impacts="Suppliers" route=refinement',
  'views-open': 'views open DP001',
  'views-close': 'views close DP001',
  merge: 'merge DP002 into DP001',
  batch: 'batch DP001 DP002',
  'wg-form': 'wg form DP001 bob cb1 cb2 cb3',
  'wg-add': 'wg add DP001 cb4',
  'wg-remove': 'wg remove DP001 cb5',
  'solution-add': 'solution add DP001 An alternative',
  step: 'step DP001 requirements done',
  'consult-open': 'consult open DP001',
  'consult-close': 'consult close DP001',
  'ballot-open': 'ballot open DP001 decision',
  'ballot-close': 'ballot close DP001',
  'meeting-propose': 'meeting propose DP001 2026-12-14T10:00 2026-12-15T10:00',
  'meeting-confirm': 'meeting confirm DP001 1',
  'meeting-cancel': 'meeting cancel DP001 the papers are late',
  'meeting-held': 'meeting held DP001 attended=bob,cb1,cb2',
  available: 'available DP001 1 yes',
  attend: 'attend DP001 yes',
  report: 'report DP001 modification https://example.org/mr items=background',
  authority: 'authority DP001 approved',
  implement: 'implement DP001 2027-06-24',
  'extension-request': 'extension request DP001 draft-report 2027-04-01 more time',
  'panel-route': 'panel route DP001 refinement self-governance',
  'panel-fasttrack': 'panel fasttrack DP001',
  'panel-raise-fasttrack': 'panel raise-fasttrack title="Typo" problem="A typo in D1"',
  'panel-extend': 'panel extend DP001',
  'panel-refuse-extension': 'panel refuse-extension DP001',
  'panel-approve-report': 'panel approve-report DP001',
  'panel-return': 'panel return DP001 needs more work',
  'panel-stall-notice': 'panel stall-notice DP001',
  'panel-close': 'panel close DP001 stalled',
  'panel-tor': 'panel tor https://example.org/tor',
  'panel-derogate': 'panel derogate DP001 min=3 a small group',
  'panel-timetable': 'panel timetable DP001 draft-report 2027-03-01',
  'panel-determine': 'panel determine DP001 authority',
  'admin-person-add': 'admin person add ann@example.org "Ann Smith" party',
  'admin-role': 'admin role add bob change-board',
  'admin-link': 'admin link nobody slack:UNOBODY2',
  'admin-alternate': 'admin alternate cb2 bob',
  'admin-group': 'admin group cb2 networks',
  'admin-channel': 'admin channel panel',
  'admin-holiday': 'admin holiday add 2027-01-04 Snow day',
};

/** Commands with no typed form: the scheduler's only. */
export const UNTYPED: readonly CommandType[] = ['deadline-fire'];

/** Who types it in which state, and the event it must write; `at` moves the clock for that line. */
export interface Happy {
  state: StateName;
  /** Actors (handles) for whom it succeeds; anyone else the table allows gets a stage refusal. */
  by: readonly string[];
  event: string;
  at?: string;
  /** The stage's refusal code for everyone else the table allows (default: any code but forbidden). */
  others?: string;
  /** Successes by different actors do not interfere: one state serves them all. */
  independent?: boolean;
}

export const HAPPY: Record<TypedCommand, Happy> = {
  raise: { state: 'empty', by: ['alice', 'bob'], event: 'Raised', independent: true },
  amend: { state: 'draft', by: ['alice'], event: 'Amended' },
  withdraw: { state: 'draft', by: ['alice'], event: 'Withdrawn' },
  proceed: { state: 'developed', by: ['alice'], event: 'StatusChanged' },
  split: { state: 'development', by: ['alice'], event: 'SplitInto' },
  'fasttrack-request': { state: 'draft', by: ['alice'], event: 'FastTrackRequested' },
  object: { state: 'ftWindow', by: ['alice', 'bob'], event: 'Objected' },
  respond: {
    state: 'consult',
    by: ['alice', 'bob', 'sam', 'cb4', 'pm1', 'chair', 'ada', 'nobody'],
    event: 'ResponseGiven',
    independent: true,
  },
  vote: { state: 'decision', by: ['cb4'], event: 'VoteCast', others: 'not_eligible' },
  view: { state: 'views', by: ['cb4'], event: 'ViewGiven' },
  plan: { state: 'stalled', by: ['alice'], event: 'PlanSubmitted', at: '2027-12-01T11:00' },
  comment: { state: 'draft', by: ['sam'], event: 'CommentSent' },
  iar: { state: 'draft', by: ['sam'], event: 'IarRecorded' },
  'views-open': { state: 'assessed', by: ['sam'], event: 'ViewsOpened' },
  'views-close': { state: 'views', by: ['sam'], event: 'ViewsClosed' },
  merge: { state: 'development', by: ['sam'], event: 'MergedInto' },
  batch: { state: 'draft', by: ['sam'], event: 'Batched' },
  'wg-form': { state: 'refinement', by: ['sam'], event: 'WorkingGroupFormed' },
  'wg-add': { state: 'refinement', by: ['sam'], event: 'WorkingGroupMemberAdded' },
  'wg-remove': { state: 'refinement', by: ['sam'], event: 'WorkingGroupMemberRemoved' },
  'solution-add': { state: 'refinement', by: ['sam'], event: 'SolutionAdded' },
  step: { state: 'refinement', by: ['sam'], event: 'StepChanged' },
  'consult-open': { state: 'report', by: ['sam'], event: 'ConsultationOpened' },
  'consult-close': { state: 'consult', by: ['sam'], event: 'ConsultationClosed' },
  'ballot-open': { state: 'consulted', by: ['sam'], event: 'BallotOpened' },
  // R34/R54: SECAS closes Change Board ballots, the chair only the Panel's Fast Track ballot.
  'ballot-close': { state: 'decision', by: ['sam'], event: 'BallotClosed', others: 'forbidden' },
  'meeting-propose': { state: 'refinement', by: ['sam'], event: 'MeetingProposed' },
  'meeting-confirm': { state: 'poll', by: ['sam'], event: 'MeetingConfirmed' },
  'meeting-cancel': { state: 'meeting', by: ['sam'], event: 'MeetingCancelled' },
  'meeting-held': { state: 'meeting', by: ['sam'], event: 'MeetingHeld', at: '2026-12-14T12:00' },
  available: { state: 'poll', by: ['alice', 'bob'], event: 'AvailabilityGiven', independent: true },
  attend: { state: 'meeting', by: ['alice', 'bob'], event: 'AttendanceGiven', independent: true },
  report: { state: 'refinement', by: ['sam'], event: 'DocumentRecorded' },
  authority: { state: 'voted', by: ['sam'], event: 'AuthorityDecided' },
  implement: { state: 'approved', by: ['sam'], event: 'ImplementationDateSet' },
  'extension-request': { state: 'timetabled', by: ['sam', 'alice', 'bob'], event: 'ExtensionRequested' },
  'panel-route': { state: 'awaitingPanel', by: ['chair'], event: 'Routed' },
  'panel-fasttrack': { state: 'draft', by: ['chair'], event: 'BallotOpened' },
  'panel-raise-fasttrack': { state: 'empty', by: ['chair'], event: 'Raised' },
  'panel-extend': { state: 'extension', by: ['chair'], event: 'ExtensionAnswered' },
  'panel-refuse-extension': { state: 'extension', by: ['chair'], event: 'ExtensionAnswered' },
  'panel-approve-report': { state: 'sufficient', by: ['chair'], event: 'ReportApproved' },
  'panel-return': { state: 'drafted', by: ['chair'], event: 'ReportReturned' },
  'panel-stall-notice': {
    state: 'refinement',
    by: ['chair'],
    event: 'StallNoticeSent',
    at: '2027-12-01T10:00',
  },
  'panel-close': { state: 'stallAnswered', by: ['chair'], event: 'Closed', at: '2028-01-20T10:00' },
  'panel-tor': { state: 'empty', by: ['chair'], event: 'TermsOfReferencePublished' },
  'panel-derogate': { state: 'draft', by: ['chair'], event: 'DerogationGranted' },
  'panel-timetable': { state: 'refinement', by: ['chair'], event: 'TimetableSet' },
  'panel-determine': { state: 'draft', by: ['chair'], event: 'DeterminationSet' },
  'admin-person-add': { state: 'empty', by: ['ada'], event: 'PersonAdded' },
  'admin-role': { state: 'empty', by: ['ada'], event: 'RoleChanged' },
  'admin-link': { state: 'empty', by: ['ada'], event: 'IdentityLinked' },
  'admin-alternate': { state: 'empty', by: ['ada'], event: 'AlternateSet' },
  'admin-group': { state: 'empty', by: ['ada'], event: 'VotingGroupSet' },
  'admin-channel': { state: 'empty', by: ['ada'], event: 'ChannelRegistered' },
  'admin-holiday': { state: 'empty', by: ['ada'], event: 'HolidayChanged' },
};
