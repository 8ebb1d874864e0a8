// Words the core and the views share, one home each: names from the directory, London times (R31),
// status labels and the display titles of ballots, consultations and deadlines (R70). Plain text:
// user text is passed through as given; the platform renderers escape it (R44).
import type { Ballot } from './ballots.ts';
import type { Consultation, Deadline, Modification, Route } from './modification.ts';
import { refOf } from './modification.ts';
import type { Person, PersonId, Status } from './types.ts';
import { isOpenStatus } from './types.ts';
import { formatLocalDate, formatLondon, londonDate, parseLocalDate } from './working-days.ts';
import { STEP_STATE_WORDS, isSettled, itemTask, itemWords } from './stages/refinement-steps.ts';
import { cmd } from '../views/hints.ts';

export type People = { people: readonly Person[] };

/** The person's name in the directory, or the id when the directory does not know them. */
export const nameOf = (ctx: People, id: PersonId): string => ctx.people.find((p) => p.id === id)?.name ?? id;

export const namesOf = (ctx: People, ids: readonly PersonId[]): string =>
  ids.map((id) => nameOf(ctx, id)).join(', ');

/** "Wed 9 Jan 2019, 17:00" (R31); an unreadable value is shown as given rather than thrown on. */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatLondon(d);
}

/** "Thu 24 Jun 2027" for a `YYYY-MM-DD` date. */
export const day = (date: string): string => (parseLocalDate(date) ? formatLocalDate(date) : date);

/** "Thu 3 Dec 2026": the London date of an instant; an unreadable value is shown as given. */
export function dayOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatLocalDate(londonDate(d));
}

/** R71: each status by its plain name ("Status: Fast Track objection window"), never its code form. */
export const STATUS_WORDS: Record<Status, string> = {
  draft: 'Draft Proposal',
  initial_assessment: 'Initial assessment',
  change_board_views: 'Change Board views',
  awaiting_panel: 'Awaiting the Panel',
  development: 'Development',
  refinement: 'Refinement',
  report: 'Report Stage',
  awaiting_authority: 'Awaiting the Authority',
  fast_track_window: 'Fast Track objection window',
  approved: 'Approved',
  implemented: 'Implemented',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  merged: 'Merged',
  closed: 'Closed',
};

/** R71: the same status inside a sentence, after "is" or "is now": "DP001 is awaiting the Panel". */
const STATUS_PHRASES: Record<Status, string> = {
  draft: 'a Draft Proposal',
  initial_assessment: 'in initial assessment',
  change_board_views: 'with the Change Board for views',
  awaiting_panel: 'awaiting the Panel',
  development: 'in the Development Stage',
  refinement: 'in the Refinement Stage',
  report: 'in the Report Stage',
  awaiting_authority: "awaiting the Authority's decision",
  fast_track_window: 'in the Fast Track objection window',
  approved: 'approved',
  implemented: 'implemented',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  merged: 'merged into another modification',
  closed: 'closed',
};

/** "Status: Awaiting the Panel". */
export const statusLabel = (s: Status): string => STATUS_WORDS[s];
/** "DP001 is awaiting the Panel", "it is now in the Refinement Stage". */
export const statusIs = (s: Status): string => STATUS_PHRASES[s];

export const ROUTE_WORDS: Record<Route, string> = {
  development: 'Development',
  refinement: 'Refinement',
  report: 'Report Stage',
  fasttrack: 'Fast Track',
};

/** R71: "Self-Governance", never the code form `self_governance` or "self governance". */
export const DETERMINATION_WORDS: Record<'self-governance' | 'authority', string> = {
  'self-governance': 'Self-Governance',
  authority: 'Authority',
};
export const determinationWords = (d: string | undefined): string =>
  d === undefined ? 'not set yet' : (DETERMINATION_WORDS[d as 'authority'] ?? d);

/**
 * R71, R74: a ballot option as a person reads it, in the words of its button ("More work needed"), so a
 * confirmation, a refusal and the history say what was clicked; the typed form stays `more-work`. The
 * one table of option words: the cards' optionLabel (src/views/text.ts) is this.
 */
export const OPTION_WORDS: Record<string, string> = {
  approve: 'Approve',
  reject: 'Reject',
  abstain: 'Abstain',
  sufficient: 'Sufficient to vote',
  'more-work': 'More work needed',
  proceed: 'Proceed',
  'do-not-proceed': 'Do not proceed',
};
export const optionWords = (o: string): string => OPTION_WORDS[o] ?? o;

/** R71: counts agree with their nouns ("1 Panel member", "3 Panel members"). */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** R71: a list in a sentence: "A", "A and B", "A, B and C" (or "or"); `none` for an empty list. */
export const listWords = (items: readonly string[], conj: 'and' | 'or', none = ''): string =>
  items.length <= 1
    ? (items[0] ?? none)
    : `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;

/**
 * R5 R71: a solution inside a sentence, never only its id: "the Proposed Solution",
 * 'Alternative Solution A1 "Longer notice"' (the register's names, src/views/register-record.ts).
 */
export function solutionWords(m: Pick<Modification, 'solutions'>, id: string): string {
  if (id === 'S0') return 'the Proposed Solution';
  const title = m.solutions.find((x) => x.id === id)?.title;
  return title ? `Alternative Solution ${id} "${title}"` : `Alternative Solution ${id}`;
}

/** R71: several solutions in a sentence, by name: "the Proposed Solution and Alternative Solution A1 "…"". */
export const solutionsWords = (m: Pick<Modification, 'solutions'>, ids: readonly string[]): string =>
  listWords(
    ids.map((id) => solutionWords(m, id)),
    'and',
  );

/** `DP001 "Faster switching"`: the reference and the title, as the header of most messages. */
export const refTitle = (m: Pick<Modification, 'number' | 'isMP' | 'title'>): string =>
  `${refOf(m)} "${m.title}"`;

export const BALLOT_TITLES: Record<Ballot['kind'], string> = {
  fasttrack: 'Panel Fast Track ballot',
  sufficiency: 'Change Board sufficiency ballot',
  ia: 'Change Board Impact Assessment ballot',
  decision: 'Change Board decision ballot',
};

export const CONSULTATION_NAMES: Record<Consultation['kind'], string> = {
  wg: 'Working Group Consultation',
  report: 'Modification Report Consultation',
};

/** R70 deadline names in words. */
export function deadlineLabel(what: string): string {
  const [head, tail] = [what.split(':')[0] ?? what, what.split(':').slice(1).join(':')];
  if (head === 'reminder') return `reminder before: ${deadlineLabel(tail)}`;
  const labels: Record<string, string> = {
    'secas-comments': 'SECAS critical-friend comments',
    'views-close': 'Change Board views close',
    'ballot-close': `${BALLOT_TITLES[tail as Ballot['kind']] ?? 'ballot'} closes`,
    'consult-close': `${CONSULTATION_NAMES[tail as Consultation['kind']] ?? 'consultation'} closes`,
    'ft-window-close': 'Fast Track objection window closes',
    'report-back': 'report back to the Panel',
    'stall-answer': 'answer to the stall notice',
    // R59 R71: the Panel's planned date for a step, in words ("timetable:" is the scripted output's name).
    timetable: `planned date for ${itemWords(tail)}`,
    meeting: 'Working Group meeting',
    implementation: 'implementation',
  };
  return labels[head] ?? what;
}

/** The modification a listed deadline belongs to, as far as deciding whether it is still owed needs. */
export type DeadlineOwner = Pick<Modification, 'deadlines' | 'status' | 'steps' | 'iar'>;

/**
 * R59 R71: a planned date of the Panel's timetable is a date to meet only while its step is still owed:
 * not once the step is done or not applicable, nor once the modification is past Refinement (the Report
 * Stage, awaiting the Authority) or no longer open. The deadline itself stays pending and fires quietly.
 * The same test as `itemOutstanding` (stages/timetable.ts, which imports this file), written here.
 */
const plannedDateOwed = (m: Omit<DeadlineOwner, 'deadlines'>, what: string): boolean => {
  if (!what.startsWith('timetable:')) return true;
  if (!isOpenStatus(m.status) || m.status === 'report' || m.status === 'awaiting_authority') return false;
  return !isSettled(m, what.slice('timetable:'.length));
};

/**
 * A deadline people read about: not a reminder, and not a meeting's start, which is the meeting's own
 * line (status, the member's card) rather than a date to meet. Given the modification, a planned date
 * whose step is behind it is not one either (R59).
 */
export const listedDeadline = (
  d: Pick<Deadline, 'reminder' | 'what'>,
  m?: Omit<DeadlineOwner, 'deadlines'>,
): boolean => !d.reminder && d.what !== 'meeting' && (!m || plannedDateOwed(m, d.what));

/** The pending deadlines other than reminders, soonest first, in London time (R31). */
export function deadlineLines(m: DeadlineOwner): string[] {
  return m.deadlines
    .filter((d) => d.status === 'pending' && listedDeadline(d, m))
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((d) => `${deadlineLabel(d.what)}: ${when(d.due)}`);
}

/**
 * R71 R73: a Refinement step's change in words, by the step's task, never its id or its checklist
 * title with "is done" after it: "Refinement step done: Draft the legal text",
 * "Refinement step not applicable: Give the DCC Preliminary Assessment (no DCC system change)".
 */
export function stepChangeWords(item: string, state: 'requested' | 'done' | 'na', note?: string): string {
  return `Refinement step ${STEP_STATE_WORDS[state]}: ${itemTask(item, state === 'done')}${note ? ` (${note})` : ''}`;
}

/** "Unanimity: …" from "unanimity: …", for a sentence built from a lower-case phrase. */
export const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** R71, R74: a ballot inside a sentence: "the Panel's Fast Track ballot". */
export const BALLOT_PHRASES: Record<Ballot['kind'], string> = {
  fasttrack: "the Panel's Fast Track ballot",
  sufficiency: "the Change Board's sufficiency ballot",
  ia: "the Change Board's Impact Assessment ballot",
  decision: "the Change Board's decision ballot",
};

/**
 * R74: until when a vote can be changed: a Panel ballot until the chair closes it (R54), else its close;
 * an alternate's only until the member votes (R33: the member's own vote replaces it).
 */
export const voteChangeableUntil = (b: Pick<Ballot, 'kind' | 'due'>, alternateFor?: string): string => {
  if (b.kind === 'fasttrack' || !b.due) return 'until the chair closes the ballot';
  const member = alternateFor ? `${alternateFor} votes or ` : '';
  return `until ${member}the ballot closes (at the latest ${when(b.due)})`;
};

/**
 * R74: what a vote recorded, exactly, and until when it can be changed: "Your vote: Approve on the
 * Panel's Fast Track ballot for DP001; you can change it until the chair closes the ballot". `closed`:
 * this vote was the last one and closed the ballot, so it can no longer be changed; `already`: a double
 * click, nothing new was recorded (R36); `alternateFor`: the member an alternate voted for, whose own
 * vote would replace this one (R33); `left`: on a ballot per solution, the solutions the seat has
 * still to vote on, which the reply names (R34, R74).
 */
export function voteConfirmation(
  m: Pick<Modification, 'number' | 'isMP' | 'solutions'>,
  b: Pick<Ballot, 'kind' | 'due' | 'solutions' | 'options'>,
  vote: {
    option: string;
    solution: string;
    note?: string;
    closed?: boolean;
    already?: boolean;
    alternateFor?: string;
    /** The solutions the voter's seat has still to vote on besides this one (solutionsLeft). */
    left?: readonly string[];
    /** The ballot has ended since (a card drawn again later, which says so): the vote as it stands. */
    ended?: 'closed' | 'cancelled';
  },
): string {
  // R5 R71: the solution by its name ("for Alternative Solution A1 "Phase it in""), never its bare id.
  const on =
    b.solutions.length > 1 || vote.solution !== 'S0' ? ` for ${solutionWords(m, vote.solution)}` : '';
  const what = `Your vote: ${optionWords(vote.option)}${on} on ${BALLOT_PHRASES[b.kind]} for ${refOf(m)}${vote.note ?? ''}${vote.already ? ' is already recorded' : ''}`;
  // The card under it says the ballot closed, or was cancelled and keeps its votes.
  if (vote.ended) return `${what}.`;
  return vote.closed
    ? `${what}. Everyone has voted, so the ballot is closed.`
    : `${what}; you can change it ${voteChangeableUntil(b, vote.alternateFor)}.${stillToVote(m, b, vote)}`;
}

/**
 * R34 R74 R71: on a ballot per solution, the solutions the seat has not voted on yet, by name, with the
 * command that votes on them: " You have not voted on Alternative Solution A1 "Phase it in" yet: vote
 * MP001 approve|reject|abstain A1." (its seat counts as voted only once it has voted on each).
 */
function stillToVote(
  m: Pick<Modification, 'number' | 'isMP' | 'solutions'>,
  b: Pick<Ballot, 'options'>,
  vote: { left?: readonly string[]; alternateFor?: string },
): string {
  const left = vote.left ?? [];
  if (left.length === 0) return '';
  const names = solutionsWords(m, left);
  const who = vote.alternateFor
    ? `No vote has been cast for ${vote.alternateFor} on`
    : 'You have not voted on';
  return ` ${who} ${names} yet: ${cmd(`vote ${refOf(m)} ${b.options.join('|')} ${left.join('|')}`)}.`;
}

/** R80: the typed twin of a ballot's buttons: "vote MP001 sufficient|more-work". */
export const voteTwin = (m: Pick<Modification, 'number' | 'isMP'>, b: Pick<Ballot, 'options'>): string =>
  cmd(`vote ${refOf(m)} ${b.options.join('|')}`);

/**
 * R36, R75, R80: why a vote on a ballot that is no longer open was not counted, with when it closed
 * (London time, so a vote a minute late reads as late): "The Change Board's sufficiency ballot for MP001
 * of Thu 3 Dec 2026 closed on Thu 10 Dec 2026, 17:00; your vote was not counted." When another ballot
 * is open on the modification, it is named with how to vote there. A ballot closed before closing times
 * were recorded says only that it is closed.
 */
export function ballotClosedText(
  m: Pick<Modification, 'number' | 'isMP' | 'ballots'>,
  b: Pick<Ballot, 'id' | 'kind' | 'openedAt' | 'closedAt' | 'status'>,
): string {
  const ref = refOf(m);
  const which = `${capitalised(BALLOT_PHRASES[b.kind])} for ${ref} of ${dayOf(b.openedAt)}`;
  const ended =
    b.status === 'cancelled'
      ? `was cancelled${b.closedAt ? ` on ${when(b.closedAt)}` : ''}`
      : b.closedAt
        ? `closed on ${when(b.closedAt)}`
        : 'is closed';
  const open = m.ballots
    .filter((o) => o.status === 'open' && o.id !== b.id)
    .map((o) => {
      const name = o.kind === b.kind ? 'A new one' : capitalised(BALLOT_PHRASES[o.kind]);
      const until = o.due ? ` until ${when(o.due)}` : '';
      return ` ${name}, opened ${when(o.openedAt)}, is open${until}: vote there with its buttons or ${voteTwin(m, o)}.`;
    })
    .join('');
  return `${which} ${ended}; your vote was not counted.${open}`;
}
