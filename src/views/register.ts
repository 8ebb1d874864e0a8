// R82: one row of the Modification Register, public fields only, shared by the web page, its JSON and
// CSV twins: reference, title, status and stage in words, route, proposer (a name, never an e-mail
// address), next deadline and last change. Plain data: the renderers escape it.
import type { Deadline, Modification } from '../domain/modification.ts';
import { refOf } from '../domain/modification.ts';
import { checklist } from '../domain/stages/refinement-steps.ts';
import type { Status } from '../domain/types.ts';
import { FINAL_STATUSES, STATUSES, formatRef } from '../domain/types.ts';
import { isoLondon } from '../domain/working-days.ts';
import {
  BALLOT_TITLES,
  CONSULTATION_NAMES,
  ROUTE_WORDS,
  STATUS_WORDS,
  day,
  deadlineLabel,
  listedDeadline,
  when,
} from '../domain/words.ts';

/** One row of the register as stored: the projection, its proposer's name and its last change. */
export interface StoredEntry {
  state: Modification;
  /** The proposer's name, or undefined when the directory no longer has them (never the e-mail). */
  proposerName: string | undefined;
  /** The time of the newest change a person reads in its history (R73), not of bookkeeping. */
  lastChange: Date;
  /** R82: the reference now of the modification it was merged into (MP once that was promoted). */
  mergedIntoRef?: string;
}

/**
 * R31: an instant as London time with its offset, still machine-readable: 2027-06-08T17:00:00+01:00.
 * Every time the register gives (its JSON twins, the CSV, a page's datetime attributes) is written so,
 * so that the date part is the London day, as on the page.
 */
export const londonIso = (iso: string): string => isoLondon(new Date(iso));

// R71: the register reads the statuses and routes from the one table of words the chat uses.
export { ROUTE_WORDS, STATUS_WORDS } from '../domain/words.ts';

/** The filters the register offers: open (the default), each status, or everything. */
export const STATUS_FILTERS = ['open', 'all', ...STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** The statuses a filter stands for; undefined for all. */
export function statusesOf(filter: StatusFilter): Status[] | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'open') return STATUSES.filter((s) => s !== 'approved' && !FINAL_STATUSES.includes(s));
  return [filter];
}

/** The name a proposer goes by on the register: the directory's name, never the e-mail address (R82). */
export const proposerText = (name: string | undefined): string => name ?? 'a former participant';

/**
 * What is happening now, in a few words. `mergedIntoRef` is the current reference of the modification
 * it was merged into (R82); without it, the number as a DP.
 */
export function stageText(m: Modification, mergedIntoRef?: string): string {
  const ballot = m.ballots.find((b) => b.status === 'open');
  if (ballot) return `${BALLOT_TITLES[ballot.kind]} open`;
  const consultation = m.consultations.find((c) => c.status === 'open');
  if (consultation) return `${CONSULTATION_NAMES[consultation.kind]} open`;
  if (m.views.status === 'open') return 'Change Board views open';
  if (m.meetings.some((x) => x.status === 'proposed')) return 'Working Group meeting being arranged';
  switch (m.status) {
    case 'draft':
      return 'SECAS critical-friend review';
    case 'initial_assessment':
      return 'Initial Assessment Report being prepared';
    case 'change_board_views':
      return 'Change Board views';
    case 'awaiting_panel':
      return m.routeRequired ? 'Waiting for the Panel chair to route it' : 'Waiting for the Panel';
    case 'development':
      return m.documents.development?.length
        ? 'Development Report recorded; the proposer decides'
        : 'Working Group developing the solution';
    case 'refinement': {
      const now = checklist(m).filter((s) => s.available);
      return now.length ? now.map((s) => s.title).join('; ') : 'Refinement';
    }
    case 'report':
      return 'Modification Report';
    case 'awaiting_authority':
      return "Waiting for the Authority's decision";
    case 'fast_track_window':
      return m.fastTrack ? `Objections may be made until ${when(m.fastTrack.due)}` : 'Objection window';
    case 'approved':
      return m.implementAt ? `To be implemented on ${day(m.implementAt)}` : 'Awaiting an implementation date';
    case 'implemented':
      return m.implementAt ? `Implemented on ${day(m.implementAt)}` : 'Implemented';
    case 'rejected':
      return 'Rejected; the decision is final';
    case 'withdrawn':
      return 'Withdrawn by the proposer';
    case 'merged':
      return m.links.mergedInto
        ? `Merged into ${mergedIntoRef ?? formatRef(m.links.mergedInto, false)}`
        : 'Merged';
    case 'closed':
      return 'Closed by the Panel';
  }
}

export interface DeadlineEntry {
  label: string;
  /** ISO 8601 instant in London time with its offset (R31): 2027-06-08T17:00:00+01:00. */
  due: string;
  /** The due time in London words. */
  text: string;
}

/** A deadline's name to start a line or a cell: "Report back to the Panel". */
export const deadlineName = (what: string): string => {
  const label = deadlineLabel(what);
  return label.charAt(0).toUpperCase() + label.slice(1);
};

/**
 * R82 R84: the start of a Working Group meeting SECAS confirmed (or, once it started, recorded as held).
 * Chat shows it on a line of its own beside the deadlines (status) and sends every member the invite;
 * the register has no such line, so there it is one of the dates to come, "Working Group meeting:
 * Wed 9 Dec 2026, 14:00", or a people-free register would never say a meeting is booked.
 */
export const meetingStart = (
  d: Pick<Deadline, 'reminder' | 'what' | 'subject'>,
  m: Pick<Modification, 'meetings'>,
): boolean =>
  !d.reminder &&
  d.what === 'meeting' &&
  m.meetings.some((x) => x.id === d.subject && (x.status === 'confirmed' || x.status === 'held'));

/** The dates the register lists: the deadlines people read about, and confirmed meetings (R82). */
export const registerDate = (d: Deadline, m: Modification): boolean =>
  listedDeadline(d, m) || meetingStart(d, m);

/** The pending deadlines other than reminders, and the confirmed meetings to come, soonest first (R31). */
export function pendingDeadlines(m: Modification): DeadlineEntry[] {
  return m.deadlines
    .filter((d) => d.status === 'pending' && registerDate(d, m))
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((d) => ({ label: deadlineName(d.what), due: londonIso(d.due), text: when(d.due) }));
}

export interface RegisterEntry {
  ref: string;
  number: number;
  title: string;
  status: Status;
  statusText: string;
  stage: string;
  route: string | null;
  proposer: string;
  nextDeadline: DeadlineEntry | null;
  /** ISO 8601 instant of the last recorded change, in London time with its offset (R31). */
  lastChange: string;
  lastChangeText: string;
}

/**
 * The way it went, in words. A Routed event sets the route; a Fast Track modification has none, so the
 * Panel's Fast Track approval (its objection window) marks it, unless an objection sent it back to be
 * routed (R24, R25).
 */
function routeOf(m: Modification): string | null {
  if (m.route) return ROUTE_WORDS[m.route];
  if (m.fastTrack && !m.fastTrack.objection) return ROUTE_WORDS.fasttrack;
  return null;
}

export function registerEntry(e: StoredEntry): RegisterEntry {
  const m = e.state;
  return {
    ref: refOf(m),
    number: m.number,
    title: m.title,
    status: m.status,
    statusText: STATUS_WORDS[m.status],
    stage: stageText(m, e.mergedIntoRef),
    route: routeOf(m),
    proposer: proposerText(e.proposerName),
    nextDeadline: pendingDeadlines(m)[0] ?? null,
    lastChange: isoLondon(e.lastChange),
    lastChangeText: when(e.lastChange.toISOString()),
  };
}

/**
 * The CSV twin's columns, in order (RFC 4180 quoting is the renderer's); times in London (R31), whatever
 * form of ISO 8601 the entry holds.
 */
export const CSV_COLUMNS: readonly [string, (r: RegisterEntry) => string | number][] = [
  ['ref', (r) => r.ref],
  ['title', (r) => r.title],
  ['status', (r) => r.statusText],
  ['stage', (r) => r.stage],
  ['route', (r) => r.route ?? ''],
  ['proposer', (r) => r.proposer],
  ['next_deadline', (r) => r.nextDeadline?.label ?? ''],
  ['next_deadline_due', (r) => (r.nextDeadline ? londonIso(r.nextDeadline.due) : '')],
  ['last_change', (r) => londonIso(r.lastChange)],
];
