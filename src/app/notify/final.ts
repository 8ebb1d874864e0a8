// Final decisions told to everyone (SPEC §7, R18, R26): a Fast Track approved at the close of its
// objection window, a Self-Governance decision ballot's outcome and the Authority's decision are each a
// new post in the announcements channel, since a card edited in place notifies nobody. The Panel chair
// hears of the Fast Track approval by DM, and the Change Board channel of the Authority's decision on a
// recommendation it made.
import type { DomainEvent } from '../../domain/events.ts';
import type { Modification } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import { winningSolution } from '../../domain/stages/decision.ts';
import { tallyAll } from '../../domain/ballots.ts';
import { day, refTitle, solutionWords, when } from '../../domain/words.ts';
import type { Build } from './notifications.ts';

type StatusChanged = Extract<DomainEvent, { type: 'StatusChanged' }>;

/** R19: what the implementation date hangs on once approved, as the proposer's next step says it. */
const implementation = (m: Modification): string =>
  m.implementAt ? `It is implemented on ${day(m.implementAt)}.` : 'SECAS sets its implementation date.';

/** `MP001 "FT one" (was DP001)`: a Fast Track approval makes the DP an MP with the same number (R53). */
const renamed = (b: Build, m: Modification): string => {
  const was = b.before.modifications[m.number];
  return was && refOf(was) !== refOf(m) ? `${refTitle(m)} (was ${refOf(was)})` : refTitle(m);
};

/**
 * R26, §7: the objection window closed with no objection. The announcement and its reminders are
 * edited in place without their Object button (R75), which tells nobody; this is the new post that
 * does, and the Panel chair's DM. The proposer hears through the status DM (so a chair who proposed
 * it is not told twice).
 */
export function fastTrackApproved(b: Build, e: StatusChanged, m: Modification): void {
  if (e.from !== 'fast_track_window' || e.to !== 'approved' || m.fastTrack?.objection) return;
  const closed = m.fastTrack?.due ? ` on ${when(m.fastTrack.due)}` : '';
  const text = `Fast Track: ${renamed(b, m)} is approved. The objection window closed${closed} with no objection, so the approval is final. ${implementation(m)}`;
  b.out.channel('announcements', `fasttrack-final:${m.number}`, text);
  for (const p of b.withRole('panel_chair'))
    if (p !== m.proposer) b.out.dm(p, `fasttrack-final:${m.number}`, text);
}

/** R18 R55: the Change Board's decision ballot that decided (the last one closed and not voided). */
const decisionBallot = (m: Modification) =>
  m.ballots.filter((x) => x.kind === 'decision' && x.status === 'closed' && !x.voided).pop();

/**
 * R18: a final decision other than Fast Track's. Under Self-Governance the Change Board's decision
 * ballot decides; otherwise the Authority does, on the Change Board's recommendation. Either way the
 * announcements channel hears what was decided and that it is final; the Change Board channel hears
 * what the Authority made of its recommendation.
 */
export function decisionFinal(b: Build, e: StatusChanged, m: Modification): void {
  if (e.to !== 'approved' && e.to !== 'rejected') return;
  if (e.from !== 'report' && e.from !== 'awaiting_authority') return;
  const ballot = decisionBallot(m);
  const winner = ballot ? winningSolution(ballot.tallies ?? tallyAll(ballot)) : undefined;
  const withWinner = winner ? `, with ${solutionWords(m, winner.solution)}` : '';
  const after = e.to === 'approved' ? ` ${implementation(m)}` : '';
  if (e.from === 'report') {
    const text =
      e.to === 'approved'
        ? `Final decision: ${refTitle(m)} is approved${withWinner}. Under Self-Governance the Change Board decides, and its decision ballot passed.${after}`
        : `Final decision: ${refTitle(m)} is rejected. Under Self-Governance the Change Board decides, and no solution passed its decision ballot.`;
    b.out.channel('announcements', `decision-final:${m.number}`, text);
    return;
  }
  const note = m.authority?.note
    ?.trim()
    .split(/\s*\n\s*/)
    .join(' ');
  const because = note ? `: ${note}${/[.!?]$/.test(note) ? '' : '.'}` : '.';
  const recommended = ballot
    ? ` The Change Board had recommended ${winner ? `approving it${withWinner}` : 'rejecting it'}.`
    : '';
  const text = `Final decision: the Authority ${e.to} ${refTitle(m)}${because}${recommended}${after}`;
  b.out.channel('announcements', `decision-final:${m.number}`, text);
  if (ballot) b.out.channel('change-board', `decision-final:${m.number}`, text);
}
