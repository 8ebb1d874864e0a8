// Every event the core emits. Modification events carry `n`, the modification number (their stream);
// system events (R67) carry no number. Events are plain JSON: they are the stored history (R8).
import type { Ballot, Tally } from './ballots.ts';
import type {
  Deadline,
  DocumentVersion,
  IarFields,
  Meeting,
  ViewRecord,
  ResponseRecord,
  Route,
} from './modification.ts';
import type { PersonId, Person, Role, Status } from './types.ts';

type M<T extends string, P> = { type: T; n: number } & P;

export type ModificationEvent =
  | M<
      'Raised',
      {
        title: string;
        problem: string;
        solution?: string;
        benefits?: string;
        proposer: PersonId;
        fastTrackRequested: boolean;
        at: string;
        splitFrom?: number;
      }
    >
  | M<'Amended', { fields: { title?: string; problem?: string; solution?: string; benefits?: string } }>
  | M<'FastTrackRequested', Record<never, never>>
  | M<'CommentSent', { text: string; by: PersonId }>
  | M<'IarRecorded', { fields: IarFields }>
  | M<'StatusChanged', { from: Status; to: Status; reason?: string }>
  /** R4, R15: DP→MP, same number; scope fixed from here (R6). */
  | M<'Promoted', Record<never, never>>
  | M<'ViewsOpened', { due: string }>
  | M<'ViewGiven', { view: ViewRecord }>
  | M<'ViewsClosed', { cancelled: boolean }>
  | M<'Routed', { route: Route; determination?: string; by?: string; questions?: string }>
  | M<'DeterminationSet', { determination: 'self-governance' | 'authority' }>
  | M<
      'WorkingGroupFormed',
      {
        wgId: string;
        members: PersonId[];
        torVersion: number | null;
        /** R38: that version's link or text, as published. */
        torLink?: string;
        shared: number[];
        questions?: string;
      }
    >
  | M<'WorkingGroupMemberAdded', { person: PersonId }>
  | M<'WorkingGroupMemberRemoved', { person: PersonId }>
  | M<'DerogationGranted', { min: number; reason: string }>
  | M<'MergedInto', { into: number }>
  | M<'Absorbed', { absorbed: number }>
  | M<'Batched', { with: number[] }>
  | M<'SplitInto', { parts: number[] }>
  | M<'SolutionAdded', { id: string; title: string }>
  | M<'StepChanged', { step: string; state: 'requested' | 'done' | 'na'; note?: string }>
  /** R56: more-work / panel return reopen draft-report and every later step. */
  | M<'StepsReopened', { from: string; reason?: string }>
  | M<'BallotOpened', { ballot: Ballot }>
  | M<
      'VoteCast',
      { ballotId: string; voter: PersonId; seat: PersonId; option: string; solution: string; at: string }
    >
  | M<'BallotClosed', { ballotId: string; cancelled: boolean; tallies: Tally[]; passed: boolean }>
  /** R55: the Authority sent it back, so this (closed) decision ballot no longer decides anything. */
  | M<'BallotVoided', { ballotId: string; reason: string }>
  | M<'ConsultationOpened', { id: string; kind: 'wg' | 'report'; due: string }>
  | M<'ResponseGiven', { consultationId: string; response: ResponseRecord }>
  | M<'ConsultationClosed', { id: string; cancelled: boolean }>
  | M<'MeetingProposed', { meeting: Meeting }>
  | M<'AvailabilityGiven', { meetingId: string; person: PersonId; slot: number; yes: boolean }>
  | M<'MeetingConfirmed', { meetingId: string; at: string }>
  | M<'AttendanceGiven', { meetingId: string; person: PersonId; yes: boolean }>
  | M<
      'MeetingHeld',
      { meetingId: string; attended: PersonId[]; comments: PersonId[]; deemed: PersonId[]; notes?: string }
    >
  /** R78: `by` and `reason` when SECAS cancelled it (`meeting cancel`); without, a new poll or the status did. */
  | M<'MeetingCancelled', { meetingId: string; by?: PersonId; reason?: string }>
  | M<'DocumentRecorded', { doc: 'iar' | 'development' | 'modification' | 'summary' } & DocumentVersion>
  | M<'DecisionSummaryDrafted', { text: string }>
  | M<'ReportApproved', { na: Record<string, string> }>
  | M<'ReportReturned', { reason: string }>
  | M<'ProposerDecided', { decision: 'proceed'; rationale?: string; againstRecommendation: boolean }>
  | M<'FastTrackApproved', { due: string }>
  /** R23, R53: a failed Fast Track ballot or an objection; the chair must route it before anything else. */
  | M<'RouteRequired', { reason: string }>
  | M<'Objected', { by: PersonId; reason: string }>
  | M<'AuthorityDecided', { decision: 'approved' | 'rejected' | 'sent-back'; stage?: string; note?: string }>
  | M<'ImplementationDateSet', { date: string }>
  /** R19: an agreed date that no longer falls after the Fast Track window's close (the ballot closed later). */
  | M<'ImplementationDateDropped', { date: string; reason: string }>
  | M<'ExtensionRequested', { item: string; date: string; reason: string; by: PersonId }>
  | M<'ExtensionAnswered', { item: string; date: string; granted: boolean; by: PersonId }>
  | M<'TimetableSet', { item: string; date: string }>
  /**
   * R13 R14 R27: the report-back date moved, by the Panel chair (`panel timetable <ref> report-back`) or by
   * an extension granted. It goes with the TimetableSet or ExtensionAnswered that people are told of; a
   * route's own date is on `Routed`.
   */
  | M<'ReportBackSet', { date: string }>
  | M<'StallNoticeSent', { criteria: string[]; answerDue: string; at: string }>
  | M<'PlanSubmitted', { text: string }>
  | M<'Withdrawn', { reason: string }>
  | M<'Closed', { reason: string }>
  | M<'DeadlineSet', { deadline: Deadline }>
  | M<'DeadlineCancelled', { id: string }>
  | M<'DeadlineFired', { id: string }>
  /**
   * A reminder or notice fired by the scheduler: turned into notifications; it changes no state but the
   * deadline and, for a ballot, who was reminded (R75: their reminder DMs lose the buttons at the close).
   */
  | M<'ReminderSent', { deadlineId: string; what: string; to: PersonId[] }>;

type S<T extends string, P> = { type: T; n?: undefined } & P;
export type SystemEvent =
  | S<'TermsOfReferencePublished', { version: number; link: string; by: PersonId }>
  | S<'PersonAdded', { person: Person }>
  | S<'RoleChanged', { person: PersonId; role: Role; op: 'add' | 'remove' }>
  /** R1: `from`, when the admin moves an id linked to someone else; the store moves it only from them. */
  | S<
      'IdentityLinked',
      { person: PersonId; platform: 'slack' | 'teams'; platformId: string; from?: PersonId }
    >
  /** R62: `alternate: null` clears it (`admin alternate <member> none`). */
  | S<'AlternateSet', { person: PersonId; alternate: PersonId | null }>
  /** R62: the voting group a person's seat has on ballots opened from now on; `group: null` clears it. */
  | S<'VotingGroupSet', { person: PersonId; group: string | null }>
  | S<'ChannelRegistered', { channel: string; platform: string; channelId: string }>
  | S<'HolidayChanged', { date: string; op: 'add' | 'remove'; name?: string }>;

export type DomainEvent = ModificationEvent | SystemEvent;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** Events that count as progress for stalling (R58). */
export const PROGRESS_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
  'StatusChanged',
  'StepChanged',
  'DocumentRecorded',
  'BallotOpened',
  'BallotClosed',
  'ConsultationOpened',
  'ConsultationClosed',
  'MeetingHeld',
  'Raised',
]);
