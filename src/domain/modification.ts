// The state of a modification and of the world the core decides on, and evolve(state, event).
// State is plain JSON so a store can keep it as a projection (R8: the events stay the source).
import type { Ballot } from './ballots.ts';
import type { DomainEvent, ModificationEvent } from './events.ts';
import { PROGRESS_EVENTS } from './events.ts';
import { stepIds } from './stages/refinement-steps.ts';
import type { PersonId, Status } from './types.ts';
import { formatRef } from './types.ts';

export type Route = 'development' | 'refinement' | 'report' | 'fasttrack';

export interface IarFields {
  impacts?: string;
  questions?: string;
  expertise?: string;
  route?: Route;
  subcommittees?: string[];
  timetable?: string;
  dcc?: boolean;
}

export interface ViewRecord {
  person: PersonId;
  stance: 'support' | 'concerns' | 'oppose';
  rationale?: string;
  fit?: string;
  areas?: string;
  questions?: string;
  parallel?: string;
  comments?: string;
  at: string;
}

export interface ResponseRecord {
  person: PersonId;
  org: string;
  positions: Record<string, 'support' | 'oppose'>;
  comments?: string;
  at: string;
}

export interface Consultation {
  id: string;
  kind: 'wg' | 'report';
  status: 'open' | 'closed' | 'cancelled';
  due: string;
  /** Latest response per person (earlier versions stay in the history). */
  responses: Record<PersonId, ResponseRecord>;
}

export interface Meeting {
  id: string;
  slots: string[];
  status: 'proposed' | 'confirmed' | 'held' | 'cancelled';
  availability: Record<PersonId, Record<string, boolean>>;
  confirmedAt?: string;
  attendance: Record<PersonId, boolean>;
  attended?: PersonId[];
  comments?: PersonId[];
  /** R41: neither attended nor sent comments. */
  deemed?: PersonId[];
  notes?: string;
}

/** R70 names; reminders use `reminder:<what>`. */
export interface Deadline {
  id: string;
  what: string;
  due: string;
  calendarVersion: string;
  status: 'pending' | 'fired' | 'cancelled';
  reminder: boolean;
  /** What the deadline is about (ballot, consultation, meeting id). */
  subject?: string;
}

export interface WorkingGroup {
  id: string;
  members: PersonId[];
  torVersion: number | null;
  /** Modifications sharing this Working Group (R3, R61). */
  shared: number[];
  questions?: string;
  derogation?: { min: number; reason: string };
}

export interface DocumentVersion {
  version: number;
  link: string;
  by: PersonId;
  at: string;
  nonMaterial?: boolean;
  note?: string;
  items?: string[];
}

export type StepState = 'pending' | 'requested' | 'done' | 'na';

export interface Modification {
  number: number;
  isMP: boolean;
  status: Status;
  title: string;
  problem: string;
  solution?: string;
  benefits?: string;
  proposer: PersonId;
  raisedAt: string;
  fastTrackRequested: boolean;
  /** R53: one Panel Fast Track ballot per modification. */
  fastTrackTried: boolean;
  /** R53: set by a failed Fast Track ballot or an objection until the chair routes it. */
  routeRequired: boolean;
  determination?: 'self-governance' | 'authority';
  route?: Route;
  panelQuestions?: string;
  reportBackBy?: string;
  iar?: IarFields;
  secasCommented: boolean;
  views: {
    status: 'none' | 'open' | 'closed' | 'cancelled';
    due?: string;
    byPerson: Record<PersonId, ViewRecord>;
  };
  solutions: { id: string; title: string }[];
  workingGroup?: WorkingGroup;
  steps: Record<string, { state: StepState; note?: string }>;
  ballots: Ballot[];
  consultations: Consultation[];
  meetings: Meeting[];
  documents: Record<string, DocumentVersion[]>;
  decisionSummaryDraft?: string;
  reportApproved?: { na: Record<string, string> };
  proposerDecision?: { rationale?: string; againstRecommendation: boolean };
  fastTrack?: { due: string; objection?: { by: PersonId; reason: string } };
  implementAt?: string;
  authority?: { decision: string; stage?: string; note?: string };
  timetable: Record<string, string>;
  extensions: {
    item: string;
    date: string;
    reason: string;
    by: PersonId;
    granted?: boolean;
    answeredBy?: PersonId;
  }[];
  stall?: { noticeAt: string; answerDue: string; criteria: string[]; plan?: string };
  links: {
    mergedInto?: number;
    absorbed: number[];
    splitFrom?: number;
    splitInto: number[];
    batchedWith: number[];
  };
  deadlines: Deadline[];
  lastProgressAt: string;
  withdrawnReason?: string;
  closedReason?: string;
  /** Count of events folded; gives deterministic ids for ballots, deadlines, meetings. */
  version: number;
}

export interface SystemState {
  torVersion: number | null;
  torLink?: string;
}

export interface World {
  modifications: Record<number, Modification>;
  /** The highest number ever allocated (R4: one sequence for DPs). */
  lastNumber: number;
  system: SystemState;
}

export const emptyWorld = (): World => ({ modifications: {}, lastNumber: 0, system: { torVersion: null } });

export const refOf = (m: Pick<Modification, 'number' | 'isMP'>): string => formatRef(m.number, m.isMP);

export function newModification(e: Extract<ModificationEvent, { type: 'Raised' }>): Modification {
  return {
    number: e.n,
    isMP: false,
    status: 'draft',
    title: e.title,
    problem: e.problem,
    solution: e.solution,
    benefits: e.benefits,
    proposer: e.proposer,
    raisedAt: e.at,
    fastTrackRequested: e.fastTrackRequested,
    fastTrackTried: false,
    routeRequired: false,
    secasCommented: false,
    views: { status: 'none', byPerson: {} },
    solutions: [{ id: 'S0', title: 'Proposed Solution' }],
    steps: {},
    ballots: [],
    consultations: [],
    meetings: [],
    documents: {},
    timetable: {},
    extensions: [],
    links: {
      absorbed: [],
      splitInto: [],
      batchedWith: [],
      ...(e.splitFrom ? { splitFrom: e.splitFrom } : {}),
    },
    deadlines: [],
    lastProgressAt: e.at,
    version: 0,
  };
}

/** Fold one event into the world. Never throws for a well-formed history. */
export function evolve(world: World, event: DomainEvent, at?: string): World {
  if (event.n === undefined) {
    if (event.type === 'TermsOfReferencePublished') {
      return { ...world, system: { ...world.system, torVersion: event.version, torLink: event.link } };
    }
    return world; // directory and calendar events are projected by the store, not the process state
  }
  if (event.type === 'Raised') {
    const m = newModification(event);
    return {
      ...world,
      lastNumber: Math.max(world.lastNumber, event.n),
      modifications: { ...world.modifications, [event.n]: m },
    };
  }
  const current = world.modifications[event.n];
  if (!current) return world;
  const m = structuredClone(current);
  apply(m, event);
  m.version++;
  if (at && PROGRESS_EVENTS.has(event.type)) m.lastProgressAt = at;
  return { ...world, modifications: { ...world.modifications, [event.n]: m } };
}

export const evolveAll = (world: World, events: readonly DomainEvent[], at?: string): World =>
  events.reduce((w, e) => evolve(w, e, at), world);

const ballotOf = (m: Modification, id: string) => m.ballots.find((b) => b.id === id);

function apply(m: Modification, e: ModificationEvent): void {
  switch (e.type) {
    case 'Raised':
      return;
    case 'Amended':
      Object.assign(m, e.fields);
      return;
    case 'FastTrackRequested':
      m.fastTrackRequested = true;
      return;
    case 'CommentSent':
      m.secasCommented = true;
      return;
    case 'IarRecorded':
      m.iar = { ...m.iar, ...e.fields };
      return;
    case 'StatusChanged':
      m.status = e.to;
      return;
    case 'Promoted':
      m.isMP = true;
      return;
    case 'ViewsOpened':
      m.views = { status: 'open', due: e.due, byPerson: {} };
      return;
    case 'ViewGiven':
      m.views.byPerson[e.view.person] = e.view;
      return;
    case 'ViewsClosed':
      m.views.status = e.cancelled ? 'cancelled' : 'closed';
      return;
    case 'Routed':
      m.route = e.route;
      m.routeRequired = false;
      if (e.determination === 'self-governance' || e.determination === 'authority')
        m.determination = e.determination;
      if (e.by) m.reportBackBy = e.by;
      if (e.questions) m.panelQuestions = e.questions;
      return;
    case 'DeterminationSet':
      m.determination = e.determination;
      return;
    case 'WorkingGroupFormed':
      m.workingGroup = {
        id: e.wgId,
        members: [...e.members],
        torVersion: e.torVersion,
        shared: [...e.shared],
        ...(e.questions ? { questions: e.questions } : {}),
        ...(m.workingGroup?.derogation ? { derogation: m.workingGroup.derogation } : {}),
      };
      return;
    case 'WorkingGroupMemberAdded':
      if (m.workingGroup && !m.workingGroup.members.includes(e.person)) m.workingGroup.members.push(e.person);
      return;
    case 'WorkingGroupMemberRemoved':
      if (m.workingGroup) m.workingGroup.members = m.workingGroup.members.filter((p) => p !== e.person);
      return;
    case 'DerogationGranted':
      m.workingGroup = m.workingGroup ?? {
        id: `wg-${m.number}`,
        members: [],
        torVersion: null,
        shared: [m.number],
      };
      m.workingGroup.derogation = { min: e.min, reason: e.reason };
      return;
    case 'MergedInto':
      m.links.mergedInto = e.into;
      return;
    case 'Absorbed':
      m.links.absorbed.push(e.absorbed);
      return;
    case 'Batched':
      m.links.batchedWith = [...new Set([...m.links.batchedWith, ...e.with])];
      return;
    case 'SplitInto':
      m.links.splitInto.push(...e.parts);
      return;
    case 'SolutionAdded':
      m.solutions.push({ id: e.id, title: e.title });
      return;
    case 'StepChanged':
      m.steps[e.step] = { state: e.state, ...(e.note ? { note: e.note } : {}) };
      return;
    case 'StepsReopened': {
      const order = stepOrder(m);
      const from = order.indexOf(e.from);
      for (const id of order.slice(from < 0 ? 0 : from)) delete m.steps[id];
      if (e.from === 'draft-report' || from >= 0) m.reportApproved = undefined;
      return;
    }
    case 'BallotOpened':
      m.ballots.push(structuredClone(e.ballot));
      if (e.ballot.kind === 'fasttrack') m.fastTrackTried = true;
      return;
    case 'VoteCast': {
      const b = ballotOf(m, e.ballotId);
      if (b) b.votes.push({ voter: e.voter, seat: e.seat, option: e.option, solution: e.solution, at: e.at });
      return;
    }
    case 'BallotClosed': {
      const b = ballotOf(m, e.ballotId);
      if (b) {
        b.status = e.cancelled ? 'cancelled' : 'closed';
        b.tallies = e.tallies;
        b.passed = e.passed;
      }
      return;
    }
    case 'BallotVoided': {
      const b = ballotOf(m, e.ballotId);
      if (b) b.voided = e.reason;
      return;
    }
    case 'ConsultationOpened':
      m.consultations.push({ id: e.id, kind: e.kind, status: 'open', due: e.due, responses: {} });
      return;
    case 'ResponseGiven': {
      const c = m.consultations.find((x) => x.id === e.consultationId);
      if (c) c.responses[e.response.person] = e.response;
      return;
    }
    case 'ConsultationClosed': {
      const c = m.consultations.find((x) => x.id === e.id);
      if (c) c.status = e.cancelled ? 'cancelled' : 'closed';
      return;
    }
    case 'MeetingProposed':
      m.meetings.push(structuredClone(e.meeting));
      return;
    case 'AvailabilityGiven': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt) (mt.availability[e.person] ??= {})[String(e.slot)] = e.yes;
      return;
    }
    case 'MeetingConfirmed': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt) Object.assign(mt, { status: 'confirmed', confirmedAt: e.at });
      return;
    }
    case 'AttendanceGiven': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt) mt.attendance[e.person] = e.yes;
      return;
    }
    case 'MeetingHeld': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt)
        Object.assign(mt, {
          status: 'held',
          attended: e.attended,
          comments: e.comments,
          deemed: e.deemed,
          notes: e.notes,
        });
      return;
    }
    case 'MeetingCancelled': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt) mt.status = 'cancelled';
      return;
    }
    case 'DocumentRecorded':
      (m.documents[e.doc] ??= []).push({
        version: e.version,
        link: e.link,
        by: e.by,
        at: e.at,
        ...(e.nonMaterial ? { nonMaterial: true } : {}),
        ...(e.note ? { note: e.note } : {}),
        ...(e.items ? { items: e.items } : {}),
      });
      return;
    case 'DecisionSummaryDrafted':
      m.decisionSummaryDraft = e.text;
      return;
    case 'ReportApproved':
      m.reportApproved = { na: e.na };
      return;
    case 'ReportReturned':
      m.reportApproved = undefined;
      return;
    case 'ProposerDecided':
      m.proposerDecision = {
        againstRecommendation: e.againstRecommendation,
        ...(e.rationale ? { rationale: e.rationale } : {}),
      };
      return;
    case 'FastTrackApproved':
      m.fastTrack = { due: e.due };
      return;
    case 'RouteRequired':
      m.routeRequired = true;
      return;
    case 'Objected':
      if (m.fastTrack) m.fastTrack.objection = { by: e.by, reason: e.reason };
      return;
    case 'AuthorityDecided':
      m.authority = {
        decision: e.decision,
        ...(e.stage ? { stage: e.stage } : {}),
        ...(e.note ? { note: e.note } : {}),
      };
      return;
    case 'ImplementationDateSet':
      m.implementAt = e.date;
      return;
    case 'ExtensionRequested':
      m.extensions.push({ item: e.item, date: e.date, reason: e.reason, by: e.by });
      return;
    case 'ExtensionAnswered': {
      const x = [...m.extensions].reverse().find((r) => r.item === e.item && r.granted === undefined);
      if (x) Object.assign(x, { granted: e.granted, answeredBy: e.by });
      if (e.granted) m.timetable[e.item] = e.date;
      return;
    }
    case 'TimetableSet':
      m.timetable[e.item] = e.date;
      return;
    case 'StallNoticeSent':
      m.stall = { noticeAt: e.at, answerDue: e.answerDue, criteria: e.criteria };
      return;
    case 'PlanSubmitted':
      if (m.stall) m.stall.plan = e.text;
      return;
    case 'Withdrawn':
      m.withdrawnReason = e.reason;
      return;
    case 'Closed':
      m.closedReason = e.reason;
      return;
    case 'DeadlineSet':
      m.deadlines.push(structuredClone(e.deadline));
      return;
    case 'DeadlineCancelled': {
      const d = m.deadlines.find((x) => x.id === e.id);
      if (d) d.status = 'cancelled';
      return;
    }
    case 'DeadlineFired': {
      const d = m.deadlines.find((x) => x.id === e.id);
      if (d) d.status = 'fired';
      return;
    }
    case 'ReminderSent':
      return;
  }
  const _exhaustive: never = e;
  return _exhaustive;
}

/** The Refinement steps in order for this modification (R16, R56), read from the checklist table. */
export function stepOrder(m: Pick<Modification, 'iar'>): string[] {
  return stepIds(m);
}
