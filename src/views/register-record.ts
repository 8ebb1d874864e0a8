// R82: a modification's page in the register, public fields only: what it is, where it stands, its
// documents (the links given with `report`), decisions with their tallies, consultation response counts
// and pending deadlines. Never shown: e-mail addresses, comments, Change Board views by person, and who
// voted what unless the register is set to show votes (SEC_REGISTER_SHOW_VOTES).
import type { Ballot } from '../domain/ballots.ts';
import { effectiveVotes } from '../domain/ballots.ts';
import type { Modification } from '../domain/modification.ts';
import { DOC_NAMES } from '../domain/stages/documents.ts';
import type { Person } from '../domain/types.ts';
import { formatRef } from '../domain/types.ts';
import type { Calendar } from '../domain/working-days.ts';
import { BALLOT_TITLES, CONSULTATION_NAMES, capitalised, day, when } from '../domain/words.ts';
import type { DeadlineEntry, RegisterEntry, StoredEntry } from './register.ts';
import { londonIso, pendingDeadlines, registerEntry } from './register.ts';
import type { Timeline, TimelineEvent } from './timeline.ts';
import { timeline } from './timeline.ts';
import { optionLabel } from './text.ts';

export interface DocumentEntry {
  name: string;
  version: number;
  /** The link as given; the renderer makes only http(s) links clickable. */
  link: string;
  recorded: string;
  /** R31: `recorded` as an instant in London time with its offset: 2027-02-22T10:00:00+00:00. */
  recordedAt: string;
  note?: string;
  nonMaterial: boolean;
}

export interface TallyEntry {
  solution: string;
  /** The solution in words (R71): "Proposed Solution", 'Alternative Solution A1 "Longer notice"'. */
  solutionName: string;
  counts: { option: string; votes: number }[];
  passed: boolean;
  /** The rule and how it produced the outcome, in words (R35). */
  explanation: string;
}

export interface DecisionEntry {
  title: string;
  opened: string;
  /** R31: `opened` in London time with its offset. */
  openedAt: string;
  /** When it was closed or cancelled, in words and in London time with its offset; not while open. */
  closed?: string;
  closedAt?: string;
  /** open, passed, failed, cancelled or voided (sent back by the Authority). */
  outcome: 'open' | 'passed' | 'failed' | 'cancelled' | 'voided';
  outcomeText: string;
  tallies: TallyEntry[];
  /** While open: how many of the eligible have voted ("2 of 5 voted"), never how (R34). */
  progress?: string;
  /**
   * Only with SEC_REGISTER_SHOW_VOTES, and while the ballot is open only with the running split shown
   * (R34): each seat's counted vote, named by who cast it, with the member's name when an alternate
   * voted in their seat (R33).
   */
  votes?: VoteEntry[];
}

export interface VoteEntry {
  /** Who cast the vote that counts. */
  name: string;
  /** The seat's member, when their alternate cast it. */
  inSeatOf?: string;
  solution: string;
  solutionName: string;
  option: string;
}

export interface ConsultationEntry {
  title: string;
  status: 'open' | 'closed' | 'cancelled';
  closes: string;
  /** R31: `closes` in London time with its offset. */
  closesAt: string;
  responses: number;
  /** Per solution: how many responses support and oppose it. */
  positions: { solution: string; solutionName: string; support: number; oppose: number }[];
}

export interface ModificationRecord extends RegisterEntry {
  raised: string;
  /** R31: `raised` in London time with its offset. */
  raisedAt: string;
  problem: string;
  solution?: string;
  /** R5: its solutions, the Proposed Solution first, then each Alternative Solution with its title. */
  solutions: { id: string; name: string }[];
  benefits?: string;
  determination?: string;
  /** Merged, split and batched with other modifications. */
  related: { relation: string; ref: string }[];
  documents: DocumentEntry[];
  decisions: DecisionEntry[];
  authority?: string;
  consultations: ConsultationEntry[];
  deadlines: DeadlineEntry[];
  /** Why it was withdrawn or closed, when it was. */
  ending?: string;
  /**
   * The implementation date, once set; while it still hangs on the Fast Track (its ballot or its
   * objection window) it says so: "Mon 1 Mar 2027, if no party objects by Thu 17 Dec 2026, 17:00".
   */
  implementation?: string;
  timeline: Timeline;
}

export interface RecordOptions {
  /** R82: the current reference of each linked modification, by number (MP once promoted). */
  refs?: Readonly<Record<number, string>>;
  showVotes: boolean;
  /** R34: an open ballot's votes are shown only with the running split on (SEC_SHOW_RUNNING_SPLIT). */
  showRunningSplit?: boolean;
  people: readonly Pick<Person, 'id' | 'name'>[];
  calendar: Calendar;
  now: Date;
}

function documents(m: Modification): DocumentEntry[] {
  return (Object.keys(DOC_NAMES) as (keyof typeof DOC_NAMES)[]).flatMap((doc) =>
    (m.documents[doc] ?? []).map((v) => ({
      name: DOC_NAMES[doc],
      version: v.version,
      link: v.link,
      recorded: when(v.at),
      recordedAt: londonIso(v.at),
      ...(v.note ? { note: v.note } : {}),
      nonMaterial: v.nonMaterial === true,
    })),
  );
}

/** R5 R71: a solution in words, never only its id: 'Alternative Solution A1 "Longer notice alternative"'. */
export function solutionName(m: Pick<Modification, 'solutions'>, id: string): string {
  if (id === 'S0') return 'Proposed Solution';
  const title = m.solutions.find((s) => s.id === id)?.title;
  return title ? `Alternative Solution ${id} "${title}"` : `Alternative Solution ${id}`;
}

function decision(m: Modification, b: Ballot, opts: RecordOptions, closedAt?: string): DecisionEntry {
  const outcome: DecisionEntry['outcome'] = b.voided
    ? 'voided'
    : b.status === 'open'
      ? 'open'
      : b.status === 'cancelled'
        ? 'cancelled'
        : b.passed
          ? 'passed'
          : 'failed';
  const outcomeText = {
    open: b.due ? `Open until ${when(b.due)}` : 'Open until the chair closes it',
    passed: 'Passed',
    failed: 'Not passed',
    cancelled: 'Cancelled',
    voided: 'Set aside: the Authority sent the modification back',
  }[outcome];
  const tallies = (b.tallies ?? []).map((t) => ({
    solution: t.solution,
    solutionName: solutionName(m, t.solution),
    counts: b.options.map((o) => ({ option: optionLabel(o), votes: t.counts[o] ?? 0 })),
    passed: t.passed,
    // "Simple majority: 4 votes to approve, …": the rule's phrase starts the footer's sentence.
    explanation: capitalised(t.explanation),
  }));
  const name = (id: string) => opts.people.find((p) => p.id === id)?.name ?? 'a former member';
  const open = outcome === 'open';
  const votes =
    opts.showVotes && (!open || opts.showRunningSplit === true)
      ? b.solutions.flatMap((solution) => countedVotes(b, solution, solutionName(m, solution), name))
      : undefined;
  // R34: while open, how many of the eligible have voted (on at least one solution), as the card says.
  const voted = b.seats.filter((s) => b.solutions.some((sol) => effectiveVotes(b, sol).has(s.member))).length;
  return {
    title: BALLOT_TITLES[b.kind],
    opened: when(b.openedAt),
    openedAt: londonIso(b.openedAt),
    ...(closedAt && !open ? { closed: when(closedAt), closedAt: londonIso(closedAt) } : {}),
    outcome,
    outcomeText,
    tallies,
    ...(open ? { progress: `${voted} of ${b.seats.length} voted` } : {}),
    ...(votes ? { votes } : {}),
  };
}

/**
 * Each seat's counted vote on one solution, named by who cast it (R33: the member's own vote if they
 * voted, else their alternate's latest, as effectiveVotes counts it).
 */
function countedVotes(
  b: Ballot,
  solution: string,
  solutionWords: string,
  name: (id: string) => string,
): VoteEntry[] {
  const counted = effectiveVotes(b, solution);
  return b.seats.flatMap((seat) => {
    const option = counted.get(seat.member);
    if (option === undefined) return [];
    const mine = b.votes.some(
      (v) => v.solution === solution && v.seat === seat.member && v.voter === seat.member,
    );
    const by = mine
      ? seat.member
      : (b.votes.findLast((v) => v.solution === solution && v.seat === seat.member)?.voter ?? seat.member);
    return [
      {
        name: name(by),
        ...(by === seat.member ? {} : { inSeatOf: name(seat.member) }),
        solution,
        solutionName: solutionWords,
        option: optionLabel(option),
      },
    ];
  });
}

function consultations(m: Modification): ConsultationEntry[] {
  return m.consultations.map((c) => {
    const responses = Object.values(c.responses);
    const solutions = m.solutions.map((s) => s.id);
    return {
      title: CONSULTATION_NAMES[c.kind],
      status: c.status,
      closes: when(c.due),
      closesAt: londonIso(c.due),
      responses: responses.length,
      positions: solutions.map((solution) => ({
        solution,
        solutionName: solutionName(m, solution),
        support: responses.filter((r) => r.positions[solution] === 'support').length,
        oppose: responses.filter((r) => r.positions[solution] === 'oppose').length,
      })),
    };
  });
}

function related(m: Modification, refOfNumber: (n: number) => string): ModificationRecord['related'] {
  const l = m.links;
  return [
    ...(l.mergedInto ? [{ relation: 'Merged into', ref: refOfNumber(l.mergedInto) }] : []),
    ...l.absorbed.map((n) => ({ relation: 'Absorbed', ref: refOfNumber(n) })),
    ...(l.splitFrom ? [{ relation: 'Split from', ref: refOfNumber(l.splitFrom) }] : []),
    ...l.splitInto.map((n) => ({ relation: 'Split into', ref: refOfNumber(n) })),
    ...l.batchedWith.map((n) => ({ relation: 'Batched with', ref: refOfNumber(n) })),
  ];
}

/**
 * R19 R24 R25: the implementation date as settled only once the modification is approved. An agreed
 * date in the Fast Track holds only if the Panel's ballot passes and no party objects in the window; an
 * objection ends it; a modification that ended otherwise is not implemented at all.
 */
function implementation(m: Modification): string | undefined {
  if (!m.implementAt) return undefined;
  const date = day(m.implementAt);
  if (m.status === 'approved' || m.status === 'implemented') return date;
  if (m.status === 'fast_track_window' && m.fastTrack && !m.fastTrack.objection)
    return `${date}, if no party objects by ${when(m.fastTrack.due)}`;
  if (m.ballots.some((b) => b.kind === 'fasttrack' && b.status === 'open'))
    return `${date}, if the Panel's Fast Track ballot passes and no party objects`;
  if (m.fastTrack?.objection) return `${date} no longer holds: an objection ended the Fast Track`;
  return undefined;
}

const AUTHORITY: Record<string, string> = {
  approved: 'The Authority approved it',
  rejected: 'The Authority rejected it',
  'sent-back': 'The Authority sent it back',
};

export function modificationRecord(
  e: StoredEntry,
  events: readonly TimelineEvent[],
  opts: RecordOptions,
): ModificationRecord {
  const m = e.state;
  const a = m.authority;
  const ending = m.withdrawnReason ?? m.closedReason;
  // When each ballot was closed (or cancelled): the decision's date, the first thing people look up.
  const closedAt = new Map<string, string>();
  for (const ev of events) {
    if (ev.type === 'BallotClosed' && typeof ev.payload.ballotId === 'string')
      closedAt.set(ev.payload.ballotId, ev.at.toISOString());
  }
  return {
    ...registerEntry(e),
    raised: when(m.raisedAt),
    raisedAt: londonIso(m.raisedAt),
    problem: m.problem,
    ...(m.solution ? { solution: m.solution } : {}),
    solutions: m.solutions.map((s) => ({ id: s.id, name: solutionName(m, s.id) })),
    ...(m.benefits ? { benefits: m.benefits } : {}),
    ...(m.determination
      ? { determination: m.determination === 'authority' ? 'Authority decision' : 'Self-Governance' }
      : {}),
    // R82: each linked modification by its reference now; one not given is still a DP.
    related: related(m, (n) => opts.refs?.[n] ?? formatRef(n, false)),
    documents: documents(m),
    decisions: m.ballots.map((b) => decision(m, b, opts, closedAt.get(b.id))),
    ...(a
      ? {
          authority: `${AUTHORITY[a.decision] ?? a.decision}${a.stage ? ` (to the ${a.stage} stage)` : ''}${a.note ? `: ${a.note}` : ''}.`,
        }
      : {}),
    consultations: consultations(m),
    deadlines: pendingDeadlines(m),
    ...(ending ? { ending } : {}),
    ...(implementation(m) ? { implementation: implementation(m) } : {}),
    timeline: timeline(m, events, opts.calendar, opts.now),
  };
}
