// Ballots and decision rules (R33–R36, R54, R55, R62). Pure functions over the ballot record kept in a
// modification's state; votes are a history (every change kept), the latest per seat counts.
import type { Modification } from './modification.ts';
import type { PersonId } from './types.ts';
import { count, optionWords, solutionWords } from './words.ts';

export type BallotKind = 'fasttrack' | 'sufficiency' | 'ia' | 'decision';
export type DecisionRule = 'simple_majority' | 'voting_groups' | 'unanimous';

/** R33: options per kind; the "for" option is listed first (R56). */
export const BALLOT_OPTIONS: Record<BallotKind, readonly string[]> = {
  fasttrack: ['approve', 'reject', 'abstain'],
  decision: ['approve', 'reject', 'abstain'],
  sufficiency: ['sufficient', 'more-work'],
  ia: ['proceed', 'do-not-proceed'],
};
/** Options that count neither for nor against. */
const NEUTRAL = new Set(['abstain']);

export const BALLOT_QUESTIONS: Record<BallotKind, string> = {
  fasttrack: 'Should this modification follow the Fast Track procedure?',
  decision: 'Should this solution be approved?',
  sufficiency: 'Is the Modification Report sufficient for the Change Board to vote on?',
  ia: 'Should this modification proceed to a DCC Impact Assessment, noting its cost?',
};

/** R62: a member and their alternate are one seat. */
export interface Seat {
  member: PersonId;
  alternate?: PersonId;
  group?: string;
}

export interface VoteRecord {
  voter: PersonId;
  /** The seat's member (the voter, or the member an alternate stands for). */
  seat: PersonId;
  option: string;
  solution: string;
  at: string;
}

export interface Tally {
  solution: string;
  counts: Record<string, number>;
  for: number;
  against: number;
  voted: number;
  eligible: number;
  passed: boolean;
  /** The rule and how it produced the outcome, in words (R35). */
  explanation: string;
  groups?: Record<string, 'for' | 'against' | 'tied' | 'none'>;
}

export interface Ballot {
  id: string;
  kind: BallotKind;
  question: string;
  options: readonly string[];
  /** S0 for the Proposed Solution, A1… alternatives; single-question ballots use ['S0']. */
  solutions: string[];
  rule: DecisionRule;
  seats: Seat[];
  quorum?: number;
  status: 'open' | 'closed' | 'cancelled';
  openedAt: string;
  /** When it closed or was cancelled (R75); absent on ballots closed before this was recorded. */
  closedAt?: string;
  /** R75: who was sent a reminder DM with its vote buttons, so those DMs lose them when it closes. */
  reminded?: PersonId[];
  /** Panel ballots have none (R54). */
  deadlineId?: string;
  due?: string;
  votes: VoteRecord[];
  tallies?: Tally[];
  passed?: boolean;
  /** R55: why a closed decision ballot was voided (the Authority sent the modification back). */
  voided?: string;
}

/** The seat a person may vote in, and whether they hold it as the member or the alternate. */
export function seatFor(b: Ballot, person: PersonId): { seat: Seat; asAlternate: boolean } | undefined {
  const own = b.seats.find((s) => s.member === person);
  if (own) return { seat: own, asAlternate: false };
  const alt = b.seats.find((s) => s.alternate === person);
  return alt ? { seat: alt, asAlternate: true } : undefined;
}

/**
 * R33: the votes with `vote` in the place of the one it changes (the same voter, seat and solution),
 * else after them: the latest vote per voter, seat and solution is what counts (every change stays in
 * the history, the events), and the voters keep the order in which they first voted.
 */
export function withVote(votes: readonly VoteRecord[], vote: VoteRecord): VoteRecord[] {
  const i = votes.findIndex(
    (v) => v.voter === vote.voter && v.seat === vote.seat && v.solution === vote.solution,
  );
  return i < 0 ? [...votes, vote] : votes.map((v, j) => (j === i ? vote : v));
}

/**
 * The vote that counts for each seat on one solution: the member's latest vote if the member voted,
 * else the alternate's latest (R33: the member's own vote replaces the alternate's).
 */
export function effectiveVotes(b: Ballot, solution: string): Map<PersonId, string> {
  const memberVote = new Map<PersonId, string>();
  const altVote = new Map<PersonId, string>();
  for (const v of b.votes) {
    if (v.solution !== solution) continue;
    (v.voter === v.seat ? memberVote : altVote).set(v.seat, v.option);
  }
  const out = new Map<PersonId, string>();
  for (const s of b.seats) {
    const option = memberVote.get(s.member) ?? altVote.get(s.member);
    if (option !== undefined) out.set(s.member, option);
  }
  return out;
}

/**
 * R34: the solutions a seat (its member's id) has no vote on yet, its own or its alternate's (R62, one
 * seat): on a ballot per solution a seat has voted only once this is empty.
 */
export const solutionsLeft = (b: Ballot, member: PersonId): string[] =>
  b.solutions.filter((sol) => !effectiveVotes(b, sol).has(member));

/**
 * Seats that have not voted on every solution (R34: shown while open, reminded, auto-close). Each
 * solution's counted votes are worked out once, not once per seat: every vote's card asks this (P1).
 */
export function waitingFor(b: Ballot): Seat[] {
  const counted = b.solutions.map((sol) => effectiveVotes(b, sol));
  return b.seats.filter((s) => counted.some((votes) => !votes.has(s.member)));
}

export const allVoted = (b: Ballot): boolean => b.seats.length > 0 && waitingFor(b).length === 0;

/** R71: counts agree with their nouns ("1 group", "2 groups"). */
const groupCount = (n: number): string => `${n} ${n === 1 ? 'group' : 'groups'}`;

/**
 * R35 R71: what a vote for each option says, after "N votes" and "every vote cast was": the question's
 * answer in words ("5 votes to approve"), never the option's id ("5 approve", "2 sufficient").
 */
const OPTION_VOTES: Record<string, string> = {
  approve: 'to approve',
  reject: 'to reject',
  sufficient: 'that the report is sufficient',
  'more-work': 'that more work is needed',
  proceed: 'to proceed',
  'do-not-proceed': 'not to proceed',
};
const optionVotes = (o: string): string => OPTION_VOTES[o] ?? `for "${optionWords(o)}"`;

/**
 * R35 R71: the counts behind an outcome, each option in words with its count agreeing ("5 votes to
 * approve, 1 vote to reject, 1 abstention"); abstentions only when there are some, as they count for
 * nothing. The for option comes first (R33 lists it first).
 */
function splitWords(options: readonly string[], counts: Record<string, number>): string {
  const cast = options
    .filter((o) => !NEUTRAL.has(o))
    .map((o) => `${count(counts[o] ?? 0, 'vote')} ${optionVotes(o)}`);
  const abstained = counts.abstain ? [count(counts.abstain, 'abstention')] : [];
  return [...cast, ...abstained].join(', ');
}

export function tally(b: Ballot, solution: string, quorum = b.quorum ?? 0): Tally {
  const votes = effectiveVotes(b, solution);
  const counts: Record<string, number> = Object.fromEntries(b.options.map((o) => [o, 0]));
  for (const o of votes.values()) counts[o] = (counts[o] ?? 0) + 1;
  const forOption = b.options[0] ?? '';
  const againstOptions = b.options.filter((o) => o !== forOption && !NEUTRAL.has(o));
  const forCount = counts[forOption] ?? 0;
  const against = againstOptions.reduce((n, o) => n + (counts[o] ?? 0), 0);
  const base = { solution, counts, for: forCount, against, voted: votes.size, eligible: b.seats.length };
  const split = splitWords(b.options, counts);

  switch (b.rule) {
    case 'simple_majority': {
      const passed = forCount > against;
      return { ...base, passed, explanation: `simple majority: ${split} — ${passed ? 'passed' : 'failed'}` };
    }
    case 'unanimous': {
      // R22: quorum voted, every vote cast is the for option; an abstention breaks unanimity.
      const quorate = votes.size >= quorum;
      const unanimous = votes.size > 0 && forCount === votes.size;
      const passed = quorate && unanimous;
      const why = !quorate
        ? `only ${votes.size} voted and the quorum is ${quorum}`
        : unanimous
          ? `every vote cast was ${optionVotes(forOption)}`
          : `not every vote cast was ${optionVotes(forOption)}`;
      return {
        ...base,
        passed,
        explanation: `unanimity: ${split}; ${why} — ${passed ? 'passed' : 'failed'}`,
      };
    }
    case 'voting_groups': {
      const byGroup = new Map<string, { f: number; a: number }>();
      for (const s of b.seats) {
        const g = s.group ?? '(none)';
        const entry = byGroup.get(g) ?? { f: 0, a: 0 };
        const o = votes.get(s.member);
        if (o === forOption) entry.f++;
        else if (o !== undefined && againstOptions.includes(o)) entry.a++;
        byGroup.set(g, entry);
      }
      const groups: Record<string, 'for' | 'against' | 'tied' | 'none'> = {};
      let gf = 0;
      let ga = 0;
      for (const [g, { f, a }] of byGroup) {
        // R62: a tied group casts no vote.
        const r = f > a ? 'for' : a > f ? 'against' : f === 0 ? 'none' : 'tied';
        groups[g] = r;
        if (r === 'for') gf++;
        if (r === 'against') ga++;
      }
      const passed = gf > ga;
      return {
        ...base,
        groups,
        passed,
        explanation: `voting groups: ${groupCount(gf)} for, ${groupCount(ga)} against (${split}) — ${passed ? 'passed' : 'failed'}`,
      };
    }
  }
}

export const tallyAll = (b: Ballot): Tally[] => b.solutions.map((s) => tally(b, s));

/**
 * R35 R71: a ballot's tallies inside a sentence, each solution named in words when there are several
 * ("on the Proposed Solution, simple majority: …; on Alternative Solution A1 "Cheaper", …"), never by
 * its id alone.
 */
export function talliesWords(
  m: Pick<Modification, 'solutions'>,
  b: Pick<Ballot, 'solutions'>,
  tallies: readonly Tally[],
): string {
  if (b.solutions.length <= 1) return tallies.map((t) => t.explanation).join('; ');
  return tallies.map((t) => `on ${solutionWords(m, t.solution)}, ${t.explanation}`).join('; ');
}
