// The state of a modification and of the world the core decides on, and evolve(state, event).
// State is plain JSON so a store can keep it as a projection (R8: the events stay the source).
import type { Ballot } from './ballots.ts';
import type { CommandOf } from './commands.ts';
import type { ModificationEvent } from './events.ts';
import { stepIds } from './stages/refinement-steps.ts';
import type { PersonId, Status } from './types.ts';
import { formatRef } from './types.ts';

export type Route = 'development' | 'refinement' | 'report' | 'fasttrack';

/** The Initial Assessment Report as recorded: the iar command's fields (grammar/fields.ts). */
export type IarFields = Omit<CommandOf<'iar'>, 'type' | 'ref'>;

/** A Change Board member's view as given: the view command's fields, by whom and when. */
export type ViewRecord = Omit<CommandOf<'view'>, 'type' | 'ref'> & { person: PersonId; at: string };

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
  /** When it was closed or cancelled (R64: a close before `due` ended it early). */
  closedAt?: string;
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
  /** R75: the members sent the slot poll, so their poll DMs lose the buttons when it closes. */
  polled?: PersonId[];
  /**
   * R75: the members sent the confirmed meeting's card, so it loses its buttons once held. R78: a member
   * who joins before it is added (sent the invite), one who leaves is dropped (sent the cancellation).
   */
  invited?: PersonId[];
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
  /**
   * R38: the link (or text) of the Terms of Reference version it adheres to, kept with the group so a
   * later version does not hide it. Absent in groups stored before it was kept (see annexLines).
   */
  torLink?: string;
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
  fastTrack?: {
    due: string;
    objection?: { by: PersonId; reason: string };
    /** R25, R57: how and when the window ended, once it has (approval, objection or an exit). */
    ended?: { to: Status; at?: string };
  };
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
  stall?: {
    noticeAt: string;
    answerDue: string;
    criteria: string[];
    plan?: string;
    /** R29, R58: the first progress after the notice, which voids it. */
    progressedAt?: string;
  };
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

/** The Refinement steps in order for this modification (R16, R56), read from the checklist table. */
export function stepOrder(m: Pick<Modification, 'iar'>): string[] {
  return stepIds(m);
}
