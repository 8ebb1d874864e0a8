// R73 `history <ref>`: the stored events of one modification as a record a person reads, one line per
// change: when (London), who, and what changed in words with its values, oldest first, 20 a page. The
// event names and ids stay in the store (R71); ballots, deadlines and consultations are named by what
// they are, from the events before them.
import type { Ballot, Tally } from './ballots.ts';
import type { ModificationEvent } from './events.ts';
import type { Consultation, Meeting } from './modification.ts';
import { DEEMED_PHRASE } from './meetings.ts';
import { DOC_NAMES } from './stages/documents.ts';
import { itemWords } from './stages/refinement-steps.ts';
import { formatRef } from './types.ts';
import type { People } from './words.ts';
import {
  BALLOT_TITLES,
  CONSULTATION_NAMES,
  ROUTE_WORDS,
  STATUS_WORDS,
  capitalised,
  count,
  day,
  deadlineLabel,
  determinationWords,
  nameOf,
  namesOf,
  optionWords,
  solutionWords,
  stepChangeWords,
  when,
} from './words.ts';
import { cmd } from '../views/hints.ts';
import { deadlineCause, isDeadlineChange } from './history-cause.ts';

/** R55 R71: where the Authority sent a modification back, in words ("the Report Stage"), not its code. */
export const sentBackTo = (stage: string): string =>
  stage === 'refinement' ? 'the Refinement Stage' : stage === 'report' ? 'the Report Stage' : stage;

/** One stored event as the store reads it back: its type, time, actor and payload. */

const verdict = (passed: boolean): string => (passed ? 'passed' : 'failed');

/**
 * R73 R76: each change is one line, so the text a person typed (a reason, comments, notes) has its line
 * breaks joined with " / "; a break there would start an undated paragraph of its own (on Teams, a
 * paragraph apart from the line it belongs to).
 */
export const oneLine = (text: string): string =>
  text.trim().replace(/[^\S\r\n]*[\r\n\u2028\u2029]\s*/g, ' / ');
const u = (text: unknown): string => oneLine(String(text));
export interface HistoryEntry {
  type: string;
  at: string;
  actor: string;
  payload?: Record<string, unknown>;
}

export const HISTORY_PAGE = 20;

/** What the earlier events said about the ids later ones carry. */
interface Book {
  ballots: Map<string, Ballot>;
  deadlines: Map<string, { what: string; due: string; reminder: boolean }>;
  consultations: Map<string, Consultation['kind']>;
  meetings: Map<string, Meeting>;
  /** The Alternatives' titles, so a solution is named in words ("the Proposed Solution"): R71. */
  solutions: { id: string; title: string }[];
}

const ballotName = (book: Book, id: string): string => {
  const b = book.ballots.get(id);
  return b ? `the ${BALLOT_TITLES[b.kind]}` : 'a ballot';
};
const consultationName = (book: Book, id: string): string => {
  const k = book.consultations.get(id);
  return k ? `the ${CONSULTATION_NAMES[k]}` : 'a consultation';
};
const refs = (ns: readonly number[]): string => ns.map((n) => formatRef(n, false)).join(', ');

/** The words of one event; undefined for what is not a change a person reads (a reminder's own timer). */
function words(e: ModificationEvent, book: Book, ctx: People): string | undefined {
  switch (e.type) {
    case 'Raised':
      return e.splitFrom
        ? `Split from ${formatRef(e.splitFrom, false)}: "${u(e.title)}"`
        : `Raised "${u(e.title)}"${e.fastTrackRequested ? ', asking for Fast Track' : ''}`;
    case 'Amended':
      return `Amended: ${Object.entries(e.fields)
        .map(([k, v]) => `${k} now "${u(v)}"`)
        .join('; ')}`;
    case 'FastTrackRequested':
      return 'Asked for Fast Track';
    case 'CommentSent':
      return `Critical-friend comments sent: ${u(e.text)}`;
    case 'IarRecorded':
      return `Initial Assessment Report recorded${e.fields.route ? ` (recommended route: ${ROUTE_WORDS[e.fields.route]})` : ''}`;
    case 'StatusChanged':
      return `${STATUS_WORDS[e.from]} → ${STATUS_WORDS[e.to]}${e.reason ? ` (${u(e.reason)})` : ''}`;
    case 'Promoted':
      return `${formatRef(e.n, false)} became ${formatRef(e.n, true)}, a Modification Proposal; its scope is fixed`;
    case 'ViewsOpened':
      return `Change Board views open; they close ${when(e.due)}`;
    case 'ViewGiven':
      return `Gave a view: ${capitalised(e.view.stance)}${e.view.rationale ? ` (${u(e.view.rationale)})` : ''}`;
    case 'ViewsClosed':
      return e.cancelled ? 'Change Board views cancelled' : 'Change Board views closed';
    case 'Routed': {
      const det = e.determination ? `; determination: ${determinationWords(e.determination)}` : '';
      const by = e.by ? `; report back by ${day(e.by)}` : '';
      const q = e.questions ? `; questions: ${u(e.questions)}` : '';
      return `Routed to ${ROUTE_WORDS[e.route]}${det}${by}${q}`;
    }
    case 'DeterminationSet':
      return `Determination set: ${determinationWords(e.determination)}`;
    case 'WorkingGroupFormed':
      return `Working Group formed: ${namesOf(ctx, e.members)}`;
    case 'WorkingGroupMemberAdded':
      return `${nameOf(ctx, e.person)} added to the Working Group`;
    case 'WorkingGroupMemberRemoved':
      return `${nameOf(ctx, e.person)} removed from the Working Group`;
    case 'DerogationGranted':
      return `Derogation: the Working Group needs at least ${count(e.min, 'member')} (${u(e.reason)})`;
    case 'MergedInto':
      return `Merged into ${formatRef(e.into, false)}`;
    case 'Absorbed':
      return `${formatRef(e.absorbed, false)} merged into it`;
    case 'Batched':
      return `Batched with ${refs(e.with)}`;
    case 'SplitInto':
      return `Split: ${refs(e.parts)} raised from it`;
    case 'SolutionAdded':
      return `Alternative Solution ${e.id} added: "${u(e.title)}"`;
    case 'StepChanged':
      return stepChangeWords(e.step, e.state, e.note ? u(e.note) : undefined);
    case 'StepsReopened':
      return `Refinement steps reopened from "${itemWords(e.from)}"${e.reason ? `: ${u(e.reason)}` : ''}`;
    case 'BallotOpened': {
      const b = e.ballot;
      const closes = b.due ? `; it closes ${when(b.due)}` : '; the chair closes it';
      return `Opened the ${BALLOT_TITLES[b.kind]} (${b.options.map(optionWords).join(' / ')})${closes}`;
    }
    case 'VoteCast': {
      const b = book.ballots.get(e.ballotId);
      const sol = b && b.solutions.length > 1 ? ` for ${solutionWords(book, e.solution)}` : '';
      const seat = e.seat !== e.voter ? ` in ${nameOf(ctx, e.seat)}'s seat` : '';
      return `Voted ${optionWords(e.option)}${sol} on ${ballotName(book, e.ballotId)}${seat}`;
    }
    case 'BallotClosed': {
      const name = capitalised(ballotName(book, e.ballotId));
      if (e.cancelled) return `${name} was cancelled`;
      // R71: the verdict is said once, then the rule and the counts that gave it (each solution's own
      // when there are several).
      const how = (t: Tally): string => `under ${t.explanation.replace(/ — (passed|failed)$/, '')}`;
      const [only] = e.tallies;
      if (e.tallies.length === 1 && only) return `${name} closed: ${verdict(e.passed)}, ${how(only)}`;
      const each = e.tallies.map((t) => `${solutionWords(book, t.solution)} ${verdict(t.passed)}, ${how(t)}`);
      return `${name} closed: ${each.join('; ')}`;
    }
    case 'BallotVoided':
      return `${capitalised(ballotName(book, e.ballotId))} no longer decides anything: ${u(e.reason)}`;
    case 'ConsultationOpened':
      return `Opened the ${CONSULTATION_NAMES[e.kind]}; it closes ${when(e.due)}`;
    case 'ResponseGiven':
      return `Responded to ${consultationName(book, e.consultationId)} for ${u(e.response.org)}`;
    case 'ConsultationClosed':
      return `${capitalised(consultationName(book, e.id))} ${e.cancelled ? 'was cancelled' : 'closed'}`;
    case 'MeetingProposed':
      return `Proposed Working Group meeting times: ${e.meeting.slots.map((s, i) => `${i + 1}) ${when(s)}`).join('; ')}`;
    case 'AvailabilityGiven': {
      const slot = book.meetings.get(e.meetingId)?.slots[e.slot - 1];
      return `${e.yes ? 'Can' : 'Cannot'} attend slot ${e.slot}${slot ? ` (${when(slot)})` : ''}`;
    }
    case 'MeetingConfirmed':
      return `Working Group meeting confirmed for ${when(e.at)}`;
    case 'AttendanceGiven':
      return e.yes ? 'Will attend the Working Group meeting' : 'Cannot attend the Working Group meeting';
    case 'MeetingHeld': {
      // R41 R73: the record the absent members were told of: when, who came, who sent comments, who
      // is deemed to have read the papers, and the notes.
      const at = book.meetings.get(e.meetingId)?.confirmedAt;
      const comments = e.comments.length ? `; comments from ${namesOf(ctx, e.comments)}` : '';
      const deemed = (e.deemed ?? []).length ? `; ${DEEMED_PHRASE}: ${namesOf(ctx, e.deemed)}` : '';
      const notes = e.notes ? `. Notes: ${u(e.notes)}` : '';
      return `Working Group meeting${at ? ` of ${when(at)}` : ''} held. Attended: ${namesOf(ctx, e.attended) || 'nobody'}${comments}${deemed}${notes}`;
    }
    case 'MeetingCancelled': {
      const at = book.meetings.get(e.meetingId)?.confirmedAt;
      // R78: `meeting cancel` may give a reason; the line's actor is who cancelled it.
      const why = e.reason ? `: ${u(e.reason)}` : '';
      return at
        ? `Working Group meeting of ${when(at)} cancelled${why}`
        : `Proposed Working Group meeting cancelled before a time was confirmed${why}`;
    }
    case 'DocumentRecorded':
      return `${DOC_NAMES[e.doc]} version ${e.version} recorded${e.nonMaterial ? ` (a non-material change${e.note ? `: ${u(e.note)}` : ''})` : ''}`;
    case 'DecisionSummaryDrafted':
      return 'Decision Summary drafted';
    case 'ReportApproved':
      return 'Modification Report approved as final';
    case 'ReportReturned':
      return `Modification Report returned: ${u(e.reason)}`;
    case 'ProposerDecided':
      return `The proposer decided to proceed${e.rationale ? ` (${u(e.rationale)})` : ''}`;
    case 'FastTrackApproved':
      return `Fast Track approved; the objection window closes ${when(e.due)}`;
    case 'RouteRequired':
      return `The Panel chair must route it another way (${u(e.reason)})`;
    case 'Objected':
      return `Objected to Fast Track: ${u(e.reason)}`;
    case 'AuthorityDecided': {
      const note = e.note ? `: ${u(e.note)}` : '';
      if (e.decision !== 'sent-back') return `The Authority's decision: ${e.decision}${note}`;
      return `The Authority sent it back${e.stage ? ` to ${sentBackTo(e.stage)}` : ''}${note}`;
    }
    case 'ImplementationDateSet':
      return `Implementation date set to ${day(e.date)}`;
    case 'ImplementationDateDropped':
      return `Implementation date ${day(e.date)} dropped: ${e.reason}`;
    case 'ExtensionRequested':
      return `Extension asked for ${itemWords(e.item)} to ${day(e.date)}: ${u(e.reason)}`;
    case 'ExtensionAnswered':
      return `Extension for ${itemWords(e.item)} to ${day(e.date)} ${e.granted ? 'granted' : 'refused'}`;
    case 'TimetableSet':
      return `Planned date for ${itemWords(e.item)}: ${day(e.date)}`;
    case 'StallNoticeSent':
      return `Stall notice sent; answer due ${when(e.answerDue)}`;
    case 'PlanSubmitted':
      return `The proposer's plan: ${u(e.text)}`;
    case 'Withdrawn':
      return `Withdrawn: ${u(e.reason)}`;
    case 'Closed':
      return `Closed: ${u(e.reason)}`;
    case 'DeadlineSet':
      // A meeting's start is its own line already (confirmed, moved, cancelled).
      return e.deadline.reminder || e.deadline.what === 'meeting'
        ? undefined
        : `${capitalised(deadlineLabel(e.deadline.what))}: ${when(e.deadline.due)}`;
    case 'DeadlineCancelled': {
      const d = book.deadlines.get(e.id);
      if (!d || d.reminder || d.what === 'meeting') return undefined;
      return `No longer applies: ${deadlineLabel(d.what)}, ${when(d.due)}`;
    }
    case 'DeadlineFired':
      return undefined;
    case 'ReminderSent': {
      // The reminder is about the deadline of the same name (its own timer is not what people read).
      const about = e.what.replace(/^reminder:/, '');
      const d = [...book.deadlines.values()].reverse().find((x) => !x.reminder && x.what === about);
      const what = deadlineLabel(about);
      return `Reminder sent to ${count(e.to.length, 'person', 'people')}: ${what}${d ? `, ${when(d.due)}` : ''}`;
    }
  }
}

/** Keeps what later events refer to by id. */
function remember(e: ModificationEvent, book: Book): void {
  if (e.type === 'BallotOpened') book.ballots.set(e.ballot.id, e.ballot);
  if (e.type === 'DeadlineSet') book.deadlines.set(e.deadline.id, e.deadline);
  if (e.type === 'ConsultationOpened') book.consultations.set(e.id, e.kind);
  if (e.type === 'MeetingProposed') book.meetings.set(e.meeting.id, e.meeting);
  if (e.type === 'SolutionAdded') book.solutions.push({ id: e.id, title: e.title });
  if (e.type === 'MeetingConfirmed') {
    const mt = book.meetings.get(e.meetingId);
    if (mt) book.meetings.set(e.meetingId, { ...mt, confirmedAt: e.at });
  }
}

/** Every change of one modification as a line: "Thu 14 Jan 2027, 10:05 · Hal Chair · Voted Approve on …". */
export function historyLines(entries: readonly HistoryEntry[], ctx: People, n: number): string[] {
  const book: Book = {
    ballots: new Map(),
    deadlines: new Map(),
    consultations: new Map(),
    meetings: new Map(),
    solutions: [],
  };
  const out: string[] = [];
  for (const [i, entry] of entries.entries()) {
    const e = { ...entry.payload, n, type: entry.type } as ModificationEvent;
    let what: string | undefined;
    try {
      what = words(e, book, ctx);
      remember(e, book);
    } catch {
      // An event stored under an older shape still gets a line rather than breaking the history.
      what = 'A change recorded by an earlier version';
    }
    if (what === undefined) continue;
    if (entry.actor !== 'system' && isDeadlineChange(entry.type)) {
      const cause = deadlineCause(entries, i, n, ctx);
      out.push(
        `${when(entry.at)} · the bot · ${what} (${entry.type === 'DeadlineSet' ? 'set' : 'dropped'} when ${cause})`,
      );
      continue;
    }
    const who = entry.actor === 'system' ? 'the bot' : nameOf(ctx, entry.actor);
    out.push(`${when(entry.at)} · ${who} · ${what}`);
  }
  return out;
}

/** One page of the history, with where the next page is (R73). */
export function formatHistory(ref: string, entries: readonly HistoryEntry[], ctx: People, page = 1): string {
  const lines = historyLines(entries, ctx, Number(ref.replace(/\D/g, '')));
  if (lines.length === 0) return `History of ${ref}: nothing recorded yet.`;
  const pages = Math.ceil(lines.length / HISTORY_PAGE);
  if (page > pages)
    return `History of ${ref} has ${count(pages, 'page')}; try ${cmd(`history ${ref} page ${pages}`)}.`;
  const shown = lines.slice((page - 1) * HISTORY_PAGE, page * HISTORY_PAGE);
  const head =
    pages === 1
      ? `History of ${ref} (${count(lines.length, 'change')}):`
      : `History of ${ref}, page ${page} of ${pages} (${count(lines.length, 'change')}):`;
  const next = page < pages ? [`More: ${cmd(`history ${ref} page ${page + 1}`)}`] : [];
  return [head, ...shown, ...next].join('\n');
}
