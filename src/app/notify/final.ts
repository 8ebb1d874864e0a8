// Final decisions told to everyone (SPEC §7, R26): a Fast Track approved at the close of its objection
// window is a new post in the announcements channel, since a card edited in place notifies nobody, and
// the Panel chair hears of it by DM.
import type { DomainEvent } from '../../domain/events.ts';
import type { Modification } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import { day, refTitle, when } from '../../domain/words.ts';
import type { Build } from './notifications.ts';

type StatusChanged = Extract<DomainEvent, { type: 'StatusChanged' }>;

/** R19: what the implementation date hangs on once approved, as the proposer's next step says it. */
const implementation = (m: Modification): string =>
  m.implementAt
    ? `It is implemented on ${day(m.implementAt)} (00:00 London).`
    : 'SECAS sets its implementation date.';

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
