// Generic ballot handling (R33–R36, R54, R62): opening with a frozen voter list, votes, closing, and
// auto-close when every seat has voted. What a closed ballot means is the owning stage's outcome handler.
import type { Ballot, BallotKind, DecisionRule, Seat } from '../ballots.ts';
import {
  BALLOT_OPTIONS,
  BALLOT_QUESTIONS,
  allVoted,
  seatFor,
  solutionsLeft,
  tallyAll,
  talliesWords,
  withVote,
} from '../ballots.ts';
import type { ModificationEvent } from '../events.ts';
import type { Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import { evolveAll } from '../evolve.ts';
import type { Context, Refusal, Role } from '../types.ts';
import { effectiveRoles, isRefusal, refuse } from '../types.ts';
import type { Handlers, OutcomeHandler, Result } from './common.ts';
import { DeadlineMaker, actorId, closeBallotEvent, getMod, nowIso, ok, openBallots } from './common.ts';
import {
  BALLOT_PHRASES,
  BALLOT_TITLES,
  CONSULTATION_NAMES,
  ballotClosedText,
  capitalised,
  listWords,
  optionWords,
  voteConfirmation,
  voteTwin,
  day,
  when,
} from '../words.ts';
import { ROLE_NAMES } from '../roles.ts';
import { checklist, itemWords, missingPrerequisites } from './refinement-steps.ts';
import { reportConsultationDone } from './consultations.ts';
import { cmd as cmdText } from '../../views/hints.ts';

/**
 * Seats for a ballot, from roles at opening (R33, R62). Panel ballots seat every Panel member, without
 * alternates: an alternate stands in for a Change Board member on Change Board ballots only (R33, R22).
 */
export function seatsFor(ctx: Context, role: Role): Seat[] {
  const members = ctx.people.filter((p) => effectiveRoles(p).includes(role));
  const memberIds = new Set(members.map((p) => p.id));
  const withAlternates = role === 'change_board';
  // R2, R62: an alternate stands in only while registered with a role; one whose roles were all
  // taken away is no longer a participant, so a ballot opened now does not seat them.
  const seated = (alt: string | undefined): alt is string =>
    alt !== undefined &&
    !memberIds.has(alt) &&
    ctx.people.some((x) => x.id === alt && effectiveRoles(x).length > 0);
  return members.map((p) => ({
    member: p.id,
    // An alternate who is a voter in their own right keeps their own seat only.
    ...(withAlternates && seated(p.alternate) ? { alternate: p.alternate } : {}),
    ...(p.votingGroup ? { group: p.votingGroup } : {}),
  }));
}

/** Opens a ballot: BallotOpened plus its close deadline and the reminder one Working Day before (R34). */
export function openBallot(
  m: Modification,
  kind: BallotKind,
  ctx: Context,
  opts: { days?: number } = {},
): { events: ModificationEvent[]; ballot: Ballot } | Refusal {
  const panel = kind === 'fasttrack';
  const seats = seatsFor(ctx, panel ? 'panel' : 'change_board');
  if (seats.length === 0) {
    return refuse(
      'not_eligible',
      `Nobody holds the ${panel ? 'Panel' : 'Change Board'} role, so there is nobody to vote.`,
    );
  }
  const rule: DecisionRule = panel ? 'unanimous' : ctx.settings.SEC_CB_RULE;
  if (rule === 'voting_groups') {
    const missing = ctx.people.filter((p) => seats.some((s) => s.member === p.id) && !p.votingGroup);
    if (missing.length) {
      // R62: who is missing one and the command an admin gives it with, so the refusal can be acted on.
      const who = missing.length === 1 ? (missing[0]?.id ?? '<person>') : '<person>';
      return refuse(
        'no_group',
        `Under voting groups every voter needs a group; none for: ${missing.map((p) => p.name).join(', ')}. An admin gives ${missing.length === 1 ? 'one' : 'each a group'} with ${cmdText(`admin group ${who} <group>`)}, then the ballot can be opened.`,
      );
    }
  }
  const id = `${kind}-${m.ballots.filter((b) => b.kind === kind).length + 1}`;
  const maker = new DeadlineMaker(m, ctx);
  // R54: Panel ballots have no deadline and never auto-close.
  const deadline = panel
    ? undefined
    : maker.addAfter(`ballot-close:${kind}`, opts.days ?? ctx.settings.SEC_BALLOT_WD, {
        subject: id,
        remindBefore: [1],
      });
  const ballot: Ballot = {
    id,
    kind,
    question: BALLOT_QUESTIONS[kind],
    options: BALLOT_OPTIONS[kind],
    solutions: kind === 'decision' ? m.solutions.map((s) => s.id) : ['S0'],
    rule,
    seats,
    ...(panel ? { quorum: ctx.settings.SEC_PANEL_QUORUM } : {}),
    status: 'open',
    openedAt: nowIso(ctx),
    ...(deadline ? { deadlineId: deadline.id, due: deadline.due } : {}),
    votes: [],
  };
  return { ballot, events: [{ type: 'BallotOpened', n: m.number, ballot }, ...maker.events] };
}

/**
 * Closes a ballot and applies its outcome. Used by `ballot close`, the close deadline and auto-close.
 * The outcome handler sees the modification with the ballot already closed.
 */
export function closeBallot(
  world: World,
  m: Modification,
  b: Ballot,
  ctx: Context,
  outcomes: Partial<Record<BallotKind, OutcomeHandler>>,
): ModificationEvent[] {
  const closing: ModificationEvent[] = [closeBallotEvent(m, b, false)];
  for (const d of m.deadlines) {
    if (d.status === 'pending' && d.subject === b.id)
      closing.push({ type: 'DeadlineCancelled', n: m.number, id: d.id });
  }
  const after = evolveAll(world, closing, nowIso(ctx));
  const closedM = after.modifications[m.number] as Modification;
  const closedB = closedM.ballots.find((x) => x.id === b.id) as Ballot;
  const outcome = outcomes[b.kind];
  return [...closing, ...(outcome ? outcome(after, closedM, closedB, ctx) : [])];
}

/**
 * R16 R18 R36: the ballot that comes next on a modification with none open, and when, as far as its stage
 * says (a Refinement ballot step after its prerequisites; the decision ballot after the Modification
 * Report Consultation): "the Change Board decision ballot opens after the Modification Report
 * Consultation, which closes …". None where no ballot is due in this stage.
 */
function nextBallot(m: Modification): { kind: BallotKind; words: string } | undefined {
  if (m.status === 'refinement') {
    const s = checklist(m).find((x) => x.ballot && x.state !== 'done' && x.state !== 'na');
    if (!s?.ballot) return undefined;
    const title = BALLOT_TITLES[s.ballot];
    const planned = m.deadlines.find(
      (d) => d.status === 'pending' && !d.reminder && d.what === `timetable:${s.id}`,
    )?.due;
    const by = planned ? ` (the Panel's planned date for it: ${day(planned)})` : '';
    if (s.available) return { kind: s.ballot, words: `the ${title} is next, when SECAS opens it${by}` };
    const after = listWords(missingPrerequisites(m, s.id).map(itemWords), 'and');
    return { kind: s.ballot, words: `the next is the ${title}${after ? `, after: ${after}` : ''}${by}` };
  }
  if (m.status !== 'report') return undefined;
  const decision = `the ${BALLOT_TITLES.decision}`;
  const consultation = m.consultations.find((c) => c.kind === 'report' && c.status === 'open');
  const words = consultation
    ? `${decision} opens after the ${CONSULTATION_NAMES.report}, which closes ${when(consultation.due)}`
    : !reportConsultationDone(m)
      ? `${decision} opens after the ${CONSULTATION_NAMES.report}`
      : // R55: the ballot waits for the determination.
        m.determination
        ? `${decision} is next, when SECAS opens it`
        : `${decision} opens once the Panel chair sets the Self-Governance or Authority determination`;
  return { kind: 'decision', words };
}

export function votingStage(outcomes: () => Partial<Record<BallotKind, OutcomeHandler>>): Handlers {
  return {
    vote: (world, cmd, ctx): Result => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      const open = openBallots(m);
      const me = actorId(ctx);
      let target: Ballot | undefined;
      if (cmd.ballot !== undefined) {
        // R36, R75: a button acts only on the ballot it was made for, never on a later one.
        const clicked = m.ballots.find((x) => x.id === cmd.ballot);
        if (!clicked)
          return refuse(
            'no_open_ballot',
            `That button is not for a ballot on ${refOf(m)}; your vote was not counted.`,
          );
        if (clicked.status !== 'open') return refuse('ballot_closed', ballotClosedText(m, clicked));
        if (!clicked.options.includes(cmd.option))
          return refuse(
            'bad_input',
            `"${cmd.option}" is not an option on ${BALLOT_PHRASES[clicked.kind]} for ${refOf(m)}: ${clicked.options.map(optionWords).join(', ')} (${voteTwin(m, clicked)}).`,
          );
        target = clicked;
      } else {
        if (open.length === 0) {
          // R36 R2: with nothing open, say so and which ballot comes next. The last closed ballot is
          // named (its close, "your vote was not counted") only to someone who had a seat on it: to
          // anyone else it read as a vote they had missed on a ballot they were never on.
          // A late vote on the same kind of ballot as the next one needs only the close; one meant for
          // another kind (a Panel member who is also on the Change Board) is told which is next.
          const last = m.ballots[m.ballots.length - 1];
          const next = nextBallot(m);
          if (last && seatFor(last, me))
            return refuse(
              'ballot_closed',
              `${ballotClosedText(m, last)}${next && next.kind !== last.kind ? ` No ballot is open on ${refOf(m)} now: ${next.words}.` : ''}`,
            );
          return refuse(
            'no_open_ballot',
            `There is no open ballot on ${refOf(m)}${next ? `: ${next.words}` : ''}.`,
          );
        }
        // Several open ballots at once is unusual; vote in the one whose options include this option.
        target = open.find((x) => x.options.includes(cmd.option));
      }
      const b = target;
      if (!b) {
        // R80: the options of the ballot(s) open on this modification, as words and as the typed twin.
        const which = open
          .map(
            (x) =>
              `on the ${BALLOT_TITLES[x.kind]}: ${x.options.map(optionWords).join(', ')} (${voteTwin(m, x)})`,
          )
          .join('; ');
        return refuse('bad_input', `"${cmd.option}" is not an option ${which}.`);
      }
      // R36, R64: a ballot takes votes while now < due; a lagging scheduler does not extend it.
      if (b.due && ctx.now >= new Date(b.due)) {
        return refuse(
          'ballot_closed',
          `${capitalised(BALLOT_PHRASES[b.kind])} for ${refOf(m)} closed at ${when(b.due)}; your vote was not counted.`,
        );
      }
      const seat = seatFor(b, me);
      if (!seat) {
        const who = ROLE_NAMES[b.kind === 'fasttrack' ? 'panel' : 'change_board'];
        return refuse(
          'not_eligible',
          `Only ${who} on the voter list when the ballot opened can vote on ${refOf(m)}.`,
        );
      }
      const solution = cmd.solution ?? 'S0';
      if (!b.solutions.includes(solution)) {
        return refuse(
          'bad_input',
          `${refOf(m)} has no solution ${solution}; choose ${b.solutions.join(', ')}.`,
        );
      }
      const member = seat.seat.member;
      const memberName = ctx.people.find((p) => p.id === member)?.name ?? 'The member';
      const own = (v: Ballot['votes'][number]) => v.voter === member && v.seat === member;
      const onThis = b.votes.filter((v) => v.solution === solution);
      // R33, R62: one seat; the alternate votes only while the member has not (per solution, as counted).
      if (seat.asAlternate && onThis.some(own)) {
        return refuse(
          'member_voted',
          `${memberName} has voted on ${refOf(m)}; an alternate votes only for a member who has not. Your vote was not counted.`,
        );
      }
      // R36: a double click (the same option again) is counted once: nothing changes, nothing is written.
      const mine = onThis.filter((v) => v.voter === me).at(-1);
      // R34: on a ballot per solution the reply names the solutions this seat has still to vote on.
      const left = solutionsLeft(b, member).filter((sol) => sol !== solution);
      // R33, R74: an alternate's vote stands only until the member votes, and the confirmation says so.
      const asAlternate = seat.asAlternate
        ? { note: ` as alternate for ${memberName}`, alternateFor: memberName }
        : {};
      if (mine?.option === cmd.option) {
        return refuse(
          'already_done',
          voteConfirmation(m, b, {
            option: cmd.option,
            solution,
            left,
            already: true,
            ...asAlternate,
          }),
        );
      }
      const voteEvent: ModificationEvent = {
        type: 'VoteCast',
        n: m.number,
        ballotId: b.id,
        voter: me,
        seat: seat.seat.member,
        option: cmd.option,
        solution,
        at: nowIso(ctx),
      };
      const events: ModificationEvent[] = [voteEvent];
      // R33: the member's own vote replaces one their alternate cast for them.
      const replaced = !seat.asAlternate && !onThis.some(own) && onThis.some((v) => v.seat === member);
      const altName = ctx.people.find((p) => p.id === seat.seat.alternate)?.name ?? 'your alternate';
      const note = replaced ? `; it replaces the vote ${altName} cast for you` : '';
      // R34: every eligible voter has voted → it closes (Panel ballots only close by the chair, R54).
      // R74: exactly what was recorded, and until when it can be changed.
      const vote = { option: cmd.option, solution, note, left, ...asAlternate };
      // Asked of the ballot with this vote counted, as evolve will record it; the world after the vote
      // (a copy of the whole modification) is built only when the ballot then closes (P1).
      const cast = { voter: me, seat: member, option: cmd.option, solution, at: voteEvent.at };
      const counted = { ...b, votes: withVote(b.votes, cast) };
      if (b.kind !== 'fasttrack' && allVoted(counted)) {
        const after = evolveAll(world, events, nowIso(ctx));
        const am = after.modifications[m.number] as Modification;
        const ab = am.ballots.find((x) => x.id === b.id) as Ballot;
        events.push(...closeBallot(after, am, ab, ctx, outcomes()));
        return ok(voteConfirmation(m, b, { ...vote, closed: true }), events);
      }
      return ok(voteConfirmation(m, b, vote), events);
    },
    'ballot-close': (world, cmd, ctx): Result => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      const open = openBallots(m);
      if (open.length === 0) return refuse('no_open_ballot', `There is no open ballot on ${refOf(m)}.`);
      const roles = ctx.actor.kind === 'person' ? effectiveRoles(ctx.actor.person) : [];
      // R34/R54: SECAS closes Change Board ballots; only the chair closes Panel ballots.
      const mine = open.filter((b) =>
        b.kind === 'fasttrack' ? roles.includes('panel_chair') : roles.includes('secas'),
      );
      if (mine.length === 0) {
        return refuse(
          'forbidden',
          open[0]?.kind === 'fasttrack'
            ? 'Only the Panel chair can close a Panel ballot.'
            : 'Only SECAS can close a Change Board ballot.',
        );
      }
      let w = world;
      const events: ModificationEvent[] = [];
      for (const b of mine) {
        const cur = w.modifications[m.number] as Modification;
        const fresh = cur.ballots.find((x) => x.id === b.id) as Ballot;
        if (fresh.status !== 'open') continue;
        const evs = closeBallot(w, cur, fresh, ctx, outcomes());
        events.push(...evs);
        w = evolveAll(w, evs, nowIso(ctx));
      }
      // R71: the ballot by its title, the tally in words (a solution named, in words, only when there
      // are several).
      const summary = mine
        .map(
          (b) =>
            `Closed the ${BALLOT_TITLES[b.kind]} on ${refOf(m)}. ${capitalised(talliesWords(m, b, tallyAll(b)))}.`,
        )
        .join(' ');
      // R19: the chair closing later can overtake a date agreed at opening; they give the new one.
      const dropped = events.find((e) => e.type === 'ImplementationDateDropped');
      const note =
        dropped?.type === 'ImplementationDateDropped'
          ? ` The agreed implementation date ${day(dropped.date)} is dropped: ${dropped.reason}. Give a new one: ${cmdText(`panel fasttrack ${refOf(m)} implement=<YYYY-MM-DD>`)}.`
          : '';
      return ok(summary + note, events);
    },
  };
}

export const ballotDueText = (b: Ballot): string => (b.due ? when(b.due) : 'when the chair closes it');
