// R33, R62: a Change Board member's own vote replaces the one their alternate cast for them. The
// alternate was told their vote stands only until the member votes (R74); when that happens they are
// told, once, by DM, that their vote no longer counts and the member's does. Runs on every vote (QUALITY
// P1), so it returns at the first check that fails: most votes are not a member replacing an alternate.
import type { Ballot } from '../../domain/ballots.ts';
import type { EventOf } from '../../domain/events.ts';
import type { Modification } from '../../domain/modification.ts';
import { BALLOT_PHRASES, nameOf, optionWords, refTitle } from '../../domain/words.ts';
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
  const on = ballot.solutions.length > 1 ? ` on ${e.solution}` : '';
  b.out.dm(
    replaced.voter,
    `vote-replaced:${m.number}:${ballot.id}:${e.solution}`,
    `${member} has voted on ${BALLOT_PHRASES[ballot.kind]} for ${refTitle(m)}${on}, so their own vote now counts and the vote you cast for them as alternate (${optionWords(replaced.option)}) no longer does. An alternate votes only while the member has not, so there is nothing more for you to do on this ballot.`,
  );
}
