// R33, R62: a Change Board member's own vote replaces the one their alternate cast for them. The member
// is told by DM when their alternate votes for them (a vote in their name, which their own replaces);
// the alternate was told their vote stands only until the member votes (R74), and when that happens
// they are told, once, by DM, that their vote no longer counts and the member's does. Runs on every vote
// (QUALITY P1), so each returns at the first check that fails: most votes are a member's own.
import type { Ballot } from '../../domain/ballots.ts';
import type { EventOf } from '../../domain/events.ts';
import type { Modification } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import {
  BALLOT_PHRASES,
  nameOf,
  optionWords,
  refTitle,
  solutionWords,
  voteChangeableUntil,
  voteTwin,
} from '../../domain/words.ts';
import { cmd } from '../../views/hints.ts';
import type { Build } from './notifications.ts';

export function replacedVoteNotification(
  b: Build,
  e: EventOf<'VoteCast'>,
  m: Modification,
  ballot: Ballot,
): void {
  // The member voting in their own seat, on a seat with an alternate: anything else replaces nothing.
  if (e.voter !== e.seat) return;
  if (!ballot.seats.some((s) => s.member === e.seat && s.alternate !== undefined)) return;
  // Before this vote: the alternate had voted on this solution and the member had not (a member who
  // changes their vote replaced the alternate's the first time, and the alternate was told then).
  const before = b.before.modifications[m.number]?.ballots.find((x) => x.id === ballot.id);
  let replaced: Ballot['votes'][number] | undefined;
  for (const v of before?.votes ?? []) {
    if (v.solution !== e.solution || v.seat !== e.seat) continue;
    if (v.voter === e.seat) return;
    replaced = v;
  }
  if (!replaced) return;
  const member = nameOf(b.ctx, e.seat);
  const on = ballot.solutions.length > 1 ? ` (${solutionWords(m, e.solution)})` : '';
  b.out.dm(
    replaced.voter,
    `vote-replaced:${m.number}:${ballot.id}:${e.solution}`,
    `${member} has voted on ${BALLOT_PHRASES[ballot.kind]} for ${refTitle(m)}${on}, so their own vote now counts and the vote you cast for them as alternate (${optionWords(replaced.option)}) no longer does. An alternate votes only while the member has not, so there is nothing more for you to do on this ballot.`,
  );
}

/** R33: the member hears that their alternate voted in their seat, and how their own vote replaces it. */
export function alternateVotedNotification(
  b: Build,
  e: EventOf<'VoteCast'>,
  m: Modification,
  ballot: Ballot,
): void {
  if (e.voter === e.seat) return;
  const alternate = nameOf(b.ctx, e.voter);
  const on = ballot.solutions.length > 1 ? ` (${solutionWords(m, e.solution)})` : '';
  const what = `${alternate}, your alternate, voted ${optionWords(e.option)} for you on ${BALLOT_PHRASES[ballot.kind]} for ${refTitle(m)}${on}.`;
  const then =
    ballot.status === 'open'
      ? ` It counts unless you vote yourself: your own vote replaces it (${voteTwin(m, ballot)}), ${voteChangeableUntil(ballot)}.`
      : ` It was the last vote, so the ballot is closed (${cmd(`status ${refOf(m)}`)} shows the outcome).`;
  b.out.dm(e.seat, `alternate-voted:${m.number}:${ballot.id}:${e.solution}`, what + then);
}
