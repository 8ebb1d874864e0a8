// The slot poll of a Working Group meeting (R40, R63): how many can and cannot attend each slot, who has
// answered, and the recommended slot (the one most members can attend; ties go to the earliest), in the
// words that status, the poll card and SECAS's DM share.
import { BUTTON_TWINS } from './grammar/button-twins.ts';
import type { Meeting, Modification } from './modification.ts';
import { count, when } from './words.ts';
import type { PersonId } from './types.ts';

/** R40: the slot most members can attend; ties go to the earliest slot by time. None without a "yes". */
export function recommendedSlot(meeting: Pick<Meeting, 'slots' | 'availability'>): number | undefined {
  let best: { slot: number; yes: number; at: number } | undefined;
  meeting.slots.forEach((iso, i) => {
    const slot = i + 1;
    const yes = Object.values(meeting.availability).filter((a) => a[String(slot)] === true).length;
    const at = new Date(iso).getTime();
    if (yes > 0 && (!best || yes > best.yes || (yes === best.yes && at < best.at))) best = { slot, yes, at };
  });
  return best?.slot;
}

/** R40: how many can and cannot attend each slot, from the answers given so far. */
export interface SlotTally {
  slot: number;
  at: string;
  yes: number;
  no: number;
}
export function slotTallies(meeting: Pick<Meeting, 'slots' | 'availability'>): SlotTally[] {
  const answers = Object.values(meeting.availability);
  return meeting.slots.map((at, i) => {
    const key = String(i + 1);
    return {
      slot: i + 1,
      at,
      yes: answers.filter((a) => a[key] === true).length,
      no: answers.filter((a) => a[key] === false).length,
    };
  });
}

/** The members who have answered the poll (at least one slot). */
export const answeredBy = (
  meeting: Pick<Meeting, 'availability'>,
  members: readonly PersonId[],
): PersonId[] => members.filter((p) => Object.keys(meeting.availability[p] ?? {}).length > 0);

/** Every member has answered: the moment SECAS is sent the recommendation (R40). */
export const everyoneAnswered = (meeting: Pick<Meeting, 'availability'>, members: readonly PersonId[]) =>
  members.length > 0 && answeredBy(meeting, members).length === members.length;

/**
 * R40 in words, for status, the poll card and SECAS's DM: the count per slot, then the recommended slot
 * (the one most can attend; ties go to the earliest) and how SECAS confirms it.
 */
export function pollSummary(
  m: Pick<Modification, 'number' | 'isMP'>,
  meeting: Pick<Meeting, 'slots' | 'availability'>,
  members: readonly PersonId[],
): { slots: string[]; recommendation: string; recommended?: number; confirm?: string } {
  const tallies = slotTallies(meeting);
  const slots = tallies.map((t) => {
    const counts = [`${t.yes} can attend`, ...(t.no ? [`${t.no} can't`] : [])];
    return `Slot ${t.slot}, ${when(t.at)}: ${counts.join(', ')}`;
  });
  const best = recommendedSlot(meeting);
  const answered = answeredBy(meeting, members).length;
  const of = `${answered} of ${count(members.length, 'member')} answered`;
  if (best === undefined) return { slots, recommendation: `No slot has anyone who can attend yet (${of}).` };
  const top = tallies[best - 1] as SlotTally;
  const tied = tallies.filter((t) => t.slot !== best && t.yes === top.yes).map((t) => t.slot);
  const ties = tied.length ? `; tied with slot ${tied.join(' and ')}, so the earliest is recommended` : '';
  return {
    slots,
    recommended: best,
    recommendation: `Recommended: slot ${best} (${when(top.at)}), which ${top.yes} can attend${ties} (${of}).`,
    confirm: BUTTON_TWINS.confirmSlot(m, best),
  };
}
