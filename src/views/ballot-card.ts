// The ballot card (R33–R35, R54, R57): one button per option (per solution on a decision ballot) while
// open, with "k of N voted; waiting for …" and no running split unless configured; the same card key
// re-rendered on every vote; closed, it has no buttons and shows each vote, the tally and the outcome
// with the rule that produced it. A cancelled ballot loses its buttons and says so.
import type { Ballot, DecisionRule, Seat } from '../domain/ballots.ts';
import {
  BALLOT_QUESTIONS,
  effectiveVotes,
  seatFor,
  solutionsLeft,
  tallyAll,
  waitingFor,
} from '../domain/ballots.ts';
import { ballotTwins } from '../domain/grammar/button-twins.ts';
import { twinFor } from '../domain/grammar/usage.ts';
import { winningSolution } from '../domain/stages/decision.ts';
import type { Modification } from '../domain/modification.ts';
import { refOf } from '../domain/modification.ts';
import type { Settings } from '../domain/settings.ts';
import type { Card, CardButton } from './card.ts';
import { orType, typeHint } from './hints.ts';
import { fields, optionLabel } from './text.ts';
import type { PersonId } from '../domain/types.ts';
import type { People } from '../domain/words.ts';
import {
  BALLOT_TITLES,
  capitalised,
  solutionsWords,
  nameOf,
  namesOf,
  optionWords,
  solutionWords,
  statusIs,
  voteConfirmation,
  when,
} from '../domain/words.ts';

type Ctx = People & { settings: Pick<Settings, 'SEC_SHOW_RUNNING_SPLIT'> };

export const RULE_NAMES: Record<DecisionRule, string> = {
  simple_majority: 'simple majority (for > against; abstentions do not count; a tie fails)',
  voting_groups: "voting groups (each group's majority is its vote; more groups for than against passes)",
  unanimous: 'unanimity (at least the quorum votes and every vote cast is in favour)',
};

export const ballotCardKey = (m: Pick<Modification, 'number'>, b: Pick<Ballot, 'id'>): string =>
  `ballot:${m.number}:${b.id}`;

const isDecisionPerSolution = (b: Ballot): boolean => b.kind === 'decision' && b.solutions.length > 1;

/** The vote buttons with their twins (R43); value identifies the target only, never the voter (R2). */
export function voteButtons(m: Modification, b: Ballot): CardButton[] {
  return ballotTwins(m, b).map((t) => ({
    action: 'vote',
    label: t.solution ? `${t.solution}: ${optionLabel(t.option)}` : optionLabel(t.option),
    // A solution only where the twin names one (a per-solution decision ballot), so that the click and
    // the typed twin give the very same command; the core reads a missing solution as S0.
    value: { ref: refOf(m), ballot: b.id, option: t.option, ...(t.solution ? { solution: t.solution } : {}) },
    twin: t.text,
    ...(t.option === b.options[0] ? { style: 'primary' as const } : {}),
  }));
}

/**
 * The question as the card asks it: a decision ballot on several solutions is voted on solution by
 * solution, so it asks about each (the ballot records the one-solution wording).
 */
function questionOf(b: Ballot): string {
  return isDecisionPerSolution(b) && b.question === BALLOT_QUESTIONS.decision
    ? 'Should each solution be approved?'
    : b.question;
}

/**
 * R34 R71: the solutions a seat has voted on some but not all of, by name, never their ids ("the
 * Proposed Solution and Alternative Solution A2 "Faster""); undefined when it has voted on none (or all),
 * or the ballot is on one solution.
 */
function leftWords(m: Pick<Modification, 'solutions'>, b: Ballot, s: Seat): string | undefined {
  const left = solutionsLeft(b, s.member);
  if (left.length === 0 || left.length === b.solutions.length) return undefined;
  return solutionsWords(m, left);
}

/**
 * R34 R71: what a person reminded of a ballot per solution still has to vote on, by name, when their
 * seat has voted on some of its solutions; undefined when it has voted on none (or has no seat).
 */
export function solutionsLeftWords(m: Modification, b: Ballot, person: PersonId): string | undefined {
  const held = seatFor(b, person);
  return held ? leftWords(m, b, held.seat) : undefined;
}

/**
 * R34: "3 of 5 voted; waiting for Cb4, Cb5". On a ballot per solution a seat is done only once it has
 * voted on every solution, so the count says so and each seat that voted on some is named with the
 * solutions it still has to vote on, by name (R71): "0 of 5 voted on every solution, 1 on some; waiting
 * for Cb1 (on the Proposed Solution and Alternative Solution A2 "Faster"), Cb2, …". Without the
 * modification an Alternative Solution is named without its title.
 */
export function progressText(
  b: Ballot,
  ctx: Ctx,
  m: Pick<Modification, 'solutions'> = { solutions: [] },
): string {
  const waiting = waitingFor(b);
  const voted = b.seats.length - waiting.length;
  if (!isDecisionPerSolution(b)) {
    const who = waiting.length
      ? `; waiting for ${namesOf(
          ctx,
          waiting.map((s) => s.member),
        )}`
      : '';
    return `${voted} of ${b.seats.length} voted${who}`;
  }
  const some = waiting.filter((s) => solutionsLeft(b, s.member).length < b.solutions.length).length;
  const who = waiting.map((s) => {
    const left = leftWords(m, b, s);
    const name = nameOf(ctx, s.member);
    return left ? `${name} (on ${left})` : name;
  });
  return (
    `${voted} of ${b.seats.length} voted on every solution${some ? `, ${some} on some` : ''}` +
    (who.length ? `; waiting for ${who.join(', ')}` : '')
  );
}

/**
 * R57: what was cast before a ballot was cancelled. On a ballot per solution a seat that voted on any
 * solution has voted, and the votes are counted (the latest per seat and solution, as a tally would).
 */
function castBeforeCancel(b: Ballot): string {
  const any = b.seats.filter((s) => solutionsLeft(b, s.member).length < b.solutions.length).length;
  if (!isDecisionPerSolution(b)) return `${any} of ${b.seats.length}`;
  const votes = b.solutions.reduce((n, sol) => n + effectiveVotes(b, sol).size, 0);
  return `${any} of ${b.seats.length} voted on at least one solution (${votes} ${votes === 1 ? 'vote' : 'votes'})`;
}

/**
 * The running split, only when SEC_SHOW_RUNNING_SPLIT is on (R34): each option as its button reads,
 * and on a ballot per solution each solution by name, never its id (R71). `status` shows the same.
 */
export function runningSplit(m: Pick<Modification, 'solutions'>, b: Ballot): string {
  return tallyAll(b)
    .map((t) => {
      const counts = Object.entries(t.counts)
        .map(([o, k]) => `${k} ${optionLabel(o)}`)
        .join(', ');
      return isDecisionPerSolution(b) ? `${capitalised(solutionWords(m, t.solution))}: ${counts}` : counts;
    })
    .join('; ');
}

/**
 * A seat's vote as its button reads ("More work needed", not `more-work`: R71), and who cast the vote
 * that counts (`counted`: the solution's effectiveVotes): the member, or their alternate (R33, R62).
 */
function seatVote(b: Ballot, s: Seat, solution: string, counted: Map<PersonId, string>, ctx: Ctx): string {
  const option = counted.get(s.member);
  if (option === undefined) return 'did not vote';
  const own = b.votes.some((v) => v.seat === s.member && v.voter === s.member && v.solution === solution);
  const label = optionLabel(option);
  return own || !s.alternate ? label : `${label} (by alternate ${nameOf(ctx, s.alternate)})`;
}

/** R35: each seat's vote; on a ballot per solution each vote with its solution by name, never its id (R71). */
function votesText(m: Pick<Modification, 'solutions'>, b: Ballot, ctx: Ctx): string {
  const counted = new Map(b.solutions.map((sol) => [sol, effectiveVotes(b, sol)]));
  const lines = b.seats.map((s) => {
    const per = b.solutions.map((sol) => {
      const vote = seatVote(b, s, sol, counted.get(sol) as Map<PersonId, string>, ctx);
      return isDecisionPerSolution(b) ? `${vote} on ${solutionWords(m, sol)}` : vote;
    });
    return `${nameOf(ctx, s.member)}: ${per.join(', ')}`;
  });
  return lines.join('\n');
}

function solutionsText(m: Modification, b: Ballot): string | undefined {
  if (b.kind !== 'decision') return undefined;
  return b.solutions.map((id) => `${id} ${m.solutions.find((s) => s.id === id)?.title ?? id}`).join('; ');
}

/** A closed ballot's result in one line (R35): "Passed under simple majority". */
function resultText(b: Ballot, m: Pick<Modification, 'solutions'>): string {
  const tallies = b.tallies ?? tallyAll(b);
  const passed = b.passed ?? tallies.some((t) => t.passed);
  const outcome =
    b.kind === 'decision' && isDecisionPerSolution(b)
      ? // R71: each solution by its name ("the Proposed Solution passed"), not its id.
        `${passed ? 'Passed' : 'Failed'}: ${tallies.map((t) => `${solutionWords(m, t.solution)} ${t.passed ? 'passed' : 'failed'}`).join(', ')}`
      : passed
        ? 'Passed'
        : 'Failed';
  return `${outcome} under ${RULE_NAMES[b.rule].split(' (')[0] ?? b.rule}`;
}

/** How the decision ballot's void reason is recorded when the Authority sends a modification back (R55). */
const SENT_BACK = 'sent back by the Authority: ';

/**
 * R55 R75: why a closed decision ballot no longer decides anything, and what it had decided: "the
 * Authority sent it back (Needs cost data), so it no longer decides anything; it had passed under simple
 * majority". Undefined while it stands.
 */
export function voidedText(b: Ballot, m: Pick<Modification, 'solutions'>): string | undefined {
  if (!b.voided) return undefined;
  const why = b.voided.startsWith(SENT_BACK)
    ? `the Authority sent it back (${b.voided.slice(SENT_BACK.length).trim()})`
    : b.voided;
  const result = resultText(b, m);
  return `${why}, so it no longer decides anything; it had ${result.charAt(0).toLowerCase()}${result.slice(1)}`;
}

/** A closed ballot's outcome in one line (R35), or that it is void and why (R55). */
function outcomeText(b: Ballot, m: Pick<Modification, 'solutions'>): string {
  const voided = voidedText(b, m);
  return voided ? `Void: ${voided}` : resultText(b, m);
}

/**
 * R18 R35 R55: what a closed Change Board decision ballot means, beside its outcome: under
 * Self-Governance the Change Board's decision is final ("the Change Board approved MP001, with
 * Alternative Solution A1 "…""); otherwise it is a recommendation that the Authority decides on (and,
 * once it has, what it decided). The winning solution is named only where there were several. Undefined
 * for any other ballot, or a void one (its card says why it no longer decides anything).
 */
export function decisionMeaning(b: Ballot, m: Modification): string | undefined {
  if (b.kind !== 'decision' || b.status !== 'closed' || b.voided) return undefined;
  const winner = winningSolution(b.tallies ?? tallyAll(b));
  const ref = refOf(m);
  const which = winner && b.solutions.length > 1 ? `, with ${solutionWords(m, winner.solution)}` : '';
  if (m.determination === 'self-governance')
    return `Self-Governance, so this decision is final: the Change Board ${winner ? 'approved' : 'rejected'} ${ref}${which}.`;
  const recommendation = `Authority route, so this is the Change Board's recommendation to ${winner ? 'approve' : 'reject'} ${ref}${which}`;
  const decided = m.authority?.decision;
  return decided === 'approved' || decided === 'rejected'
    ? `${recommendation}; the Authority ${decided} it.`
    : `${recommendation}; it is now with the Authority to decide.`;
}

/** Where a ballot stands in one line: its progress while open (R34), its outcome once closed (R35). */
export function ballotSummary(b: Ballot, ctx: Ctx, m: Pick<Modification, 'solutions'>): string | undefined {
  if (b.status === 'open') return progressText(b, ctx, m);
  return b.status === 'closed' ? outcomeText(b, m) : undefined;
}

export function ballotCard(m: Modification, b: Ballot, ctx: Ctx): Card {
  const ref = refOf(m);
  const voided = voidedText(b, m);
  const base = {
    key: ballotCardKey(m, b),
    // R74: whoever reads it in a channel may have their own line on it (readerNotice), drawn for them.
    perReader: true,
    // R55: a void ballot says so where it is seen first, so its old result does not read as standing.
    title: `${BALLOT_TITLES[b.kind]}: ${ref} "${m.title}"${voided ? ' (void)' : ''}`,
    text: questionOf(b),
  };
  const rule = `${RULE_NAMES[b.rule]}${b.rule === 'unanimous' && b.quorum ? `; quorum ${b.quorum}` : ''}`;
  if (b.status === 'open') {
    const split = ctx.settings.SEC_SHOW_RUNNING_SPLIT ? runningSplit(m, b) : undefined;
    const twins = ballotTwins(m, b).map((t) => t.text);
    return {
      ...base,
      fields: fields([
        ['Solutions', solutionsText(m, b)],
        ['Progress', progressText(b, ctx, m)],
        ['So far', split],
        ['Rule', rule],
        ['Closes', b.due ? when(b.due) : 'when the Panel chair closes it'],
      ]),
      buttons: voteButtons(m, b),
      // R54: a Panel ballot has no deadline; the chair's command is a hint too, so that it reads as
      // typed where the card is shown (R77).
      context: [
        `You may change your vote until it closes. ${orType(twins)}`,
        ...(b.due ? [] : [typeHint('Panel chair, to close it', [twinFor('ballot-close', ref)])]),
      ].join('\n'),
    };
  }
  if (b.status === 'cancelled') {
    return {
      ...base,
      text: `${questionOf(b)}\nThis ballot was cancelled: ${ref} is now ${statusIs(m.status)}. The votes cast are kept in the history.`,
      fields: fields([
        ['Solutions', solutionsText(m, b)],
        ['Votes cast before it was cancelled', castBeforeCancel(b)],
      ]),
      buttons: [],
    };
  }
  // R71: each solution's tally under the solution's name in words, not its id ("Tally S0").
  const tallyRows: [string, string][] = (b.tallies ?? tallyAll(b)).map((t) => [
    isDecisionPerSolution(b) ? `Tally for ${solutionWords(m, t.solution)}` : 'Tally',
    `${t.explanation} (${t.voted} of ${t.eligible} voted)`,
  ]);
  return {
    ...base,
    text: `${questionOf(b)}\n${voided ? `The ballot is void: ${voided}.` : 'The ballot is closed.'}`,
    fields: fields([
      ['Solutions', solutionsText(m, b)],
      // R18: a decision ballot's outcome says what it means for the modification, on the card itself.
      ['Outcome', [outcomeText(b, m), decisionMeaning(b, m)].filter(Boolean).join('. ')],
      ...tallyRows,
      ['Votes', votesText(m, b, ctx)],
    ]),
    buttons: [],
    context: `Rule: ${rule}.`,
  };
}

/**
 * R74, R33, R34: the ballot card's line for one reader, as Teams draws it for each person who opens the
 * channel (a user-specific view): their vote on each solution and until when it can be changed, an
 * alternate's vote that their member's own vote replaced, the vote an alternate cast for a member, and
 * what they have not voted on yet. Undefined for someone with no seat on it and no vote in it.
 */
export function readerNotice(m: Modification, b: Ballot, ctx: People, person: PersonId): string | undefined {
  const lines: string[] = [];
  const ended = b.status === 'open' ? undefined : b.status;
  const on = (sol: string) => (b.solutions.length > 1 || sol !== 'S0' ? ` for ${solutionWords(m, sol)}` : '');
  const latest = (voter: PersonId, sol: string) =>
    b.votes.filter((v) => v.voter === voter && v.solution === sol).at(-1);
  for (const sol of b.solutions) {
    const own = latest(person, sol);
    if (own && own.voter !== own.seat) {
      const member = nameOf(ctx, own.seat);
      const replacedBy = latest(own.seat, sol);
      lines.push(
        replacedBy && replacedBy.seat === own.seat
          ? `${member} voted${on(sol)} (${optionWords(replacedBy.option)}), which replaced your vote as alternate (${optionWords(own.option)}).`
          : voteConfirmation(m, b, {
              option: own.option,
              solution: sol,
              note: ` as alternate for ${member}`,
              alternateFor: member,
              ...(ended ? { ended } : {}),
            }),
      );
    } else if (own) {
      lines.push(voteConfirmation(m, b, { option: own.option, solution: sol, ...(ended ? { ended } : {}) }));
    } else {
      // A member's alternate may have voted for them (R33): their own vote would replace it.
      const forMe = b.votes
        .filter((v) => v.seat === person && v.voter !== person && v.solution === sol)
        .at(-1);
      if (forMe)
        lines.push(
          `${nameOf(ctx, forMe.voter)} voted${on(sol)} for you, as your alternate: ${optionWords(forMe.option)}.${b.status === 'open' ? ' Your own vote replaces it.' : ''}`,
        );
    }
  }
  const held = seatFor(b, person);
  if (b.status === 'open' && held && solutionsLeft(b, held.seat.member).length > 0)
    lines.push(reminderText(m, b, ctx, person));
  return lines.length ? lines.join('\n') : undefined;
}

export const ballotReminderKey = (m: Pick<Modification, 'number'>, b: Pick<Ballot, 'id'>): string =>
  `ballot-reminder:${m.number}:${b.id}`;

/** R75: why a ballot's buttons are gone, in one sentence: when it closed and how, or that it was cancelled. */
export function ballotEndedText(m: Modification, b: Ballot): string {
  const at = b.closedAt ? ` ${when(b.closedAt)}` : '';
  return b.status === 'cancelled'
    ? `This ballot was cancelled${b.closedAt ? ` on${at}` : ''}: ${refOf(m)} is now ${statusIs(m.status)}. The buttons are retired.`
    : `This ballot closed${b.closedAt ? ` on${at}` : ''}: ${outcomeText(b, m)}. The buttons are retired; votes can no longer be cast or changed.`;
}

/**
 * R34: what the reminder is for, on the card itself (Slack shows the blocks and Teams the card, never
 * the notification's text): that this person has not voted (or on which solutions, if they voted on
 * some), in whose seat when they are an alternate (R62, R33), and when the ballot closes (R31).
 */
function reminderText(m: Modification, b: Ballot, ctx: People, person: PersonId | undefined): string {
  const held = person ? seatFor(b, person) : undefined;
  // R71: the solutions by name ("the Proposed Solution"), never their ids.
  const what = (held && leftWords(m, b, held.seat)) ?? 'this ballot';
  const member = held?.asAlternate ? nameOf(ctx, held.seat.member) : undefined;
  const closes = b.due
    ? `It closes ${when(b.due)} (London time).`
    : 'It is open until the Panel chair closes it.';
  return [
    `You have not voted on ${what} yet${member ? `, as alternate for ${member}` : ''}. ${closes}`,
    ...(member
      ? [`Your vote counts only while ${member} has not voted; ${member}’s own vote replaces it.`]
      : []),
  ].join('\n');
}

/**
 * R34: the reminder DM to a voter who has not voted, with the vote buttons while the ballot is open;
 * R75: once it closes or is cancelled, the same card (same key) again, without buttons, saying why.
 * `person` is the one reminded (their seat, and what they have left to vote on); without it the card
 * still says it is a reminder and when the ballot closes.
 */
export function ballotReminderCard(
  m: Modification,
  b: Ballot,
  ctx: People = { people: [] },
  person?: PersonId,
): Card {
  const ref = refOf(m);
  const base = {
    key: ballotReminderKey(m, b),
    title: `Reminder: ${BALLOT_TITLES[b.kind]}: ${ref} "${m.title}"`,
  };
  if (b.status !== 'open')
    return { ...base, fields: [], text: `${questionOf(b)}\n${ballotEndedText(m, b)}`, buttons: [] };
  return {
    ...base,
    text: `${reminderText(m, b, ctx, person)}\n${questionOf(b)}`,
    fields: fields([['Solutions', solutionsText(m, b)]]),
    buttons: voteButtons(m, b),
    context: orType([voteUsage(m, b)]),
  };
}

/**
 * R43: the one typed twin of a reminder's buttons: every option, and every solution where the ballot has
 * buttons per solution (the core reads a vote without one as S0, so the A1 buttons need it said).
 */
function voteUsage(m: Modification, b: Ballot): string {
  const sols = isDecisionPerSolution(b) ? ` ${b.solutions.join('|')}` : '';
  return `vote ${refOf(m)} ${b.options.join('|')}${sols}`;
}
