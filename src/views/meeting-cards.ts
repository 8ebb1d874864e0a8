// Working Group meeting cards (R40, R41, R57, R63): the slot poll sent to each member, and the confirmed
// meeting with its London time, an iCalendar invite and Attending / Can't attend buttons. A cancelled
// meeting re-renders the same card without buttons (and a CANCEL invite when it had been confirmed).
import { BUTTON_TWINS } from '../domain/grammar/button-twins.ts';
import { pollSummary, slotTallies } from '../domain/meeting-poll.ts';
import { MEETING_MINUTES } from '../domain/meetings.ts';
import type { Meeting, Modification } from '../domain/modification.ts';
import { refOf } from '../domain/modification.ts';
import type { Card, CardAttachment, CardButton } from './card.ts';
import { orType, typeHint } from './hints.ts';
import { icsFor } from './ics.ts';
import { fields } from './text.ts';
import type { People } from '../domain/words.ts';
import type { PersonId } from '../domain/types.ts';
import { namesOf, when } from '../domain/words.ts';

export const pollCardKey = (m: Pick<Modification, 'number'>, mt: Pick<Meeting, 'id'>): string =>
  `meeting-poll:${m.number}:${mt.id}`;
export const meetingCardKey = (m: Pick<Modification, 'number'>, mt: Pick<Meeting, 'id'>): string =>
  `meeting:${m.number}:${mt.id}`;

const header = (m: Modification): string => `Working Group meeting: ${refOf(m)} "${m.title}"`;

export const recommendationCardKey = (m: Pick<Modification, 'number'>, mt: Pick<Meeting, 'id'>): string =>
  `meeting-recommend:${m.number}:${mt.id}`;

/**
 * "Mon 11 Jan 2027, 14:00", and once anyone has answered, how many can and cannot come (R40). Drawn for
 * one member who has answered (or once the poll is over), each slot also says what they answered, so
 * the card that replaces the one a click was answered with still shows what was recorded (R74).
 */
function slotFields(mt: Meeting, member?: PersonId): [string, string][] {
  const answered = Object.keys(mt.availability).length > 0;
  const own = member === undefined ? undefined : mt.availability[member];
  const open = mt.status === 'proposed';
  const showOwn = member !== undefined && (!open || Object.keys(own ?? {}).length > 0);
  return slotTallies(mt).map((t) => {
    const counts = answered
      ? `${when(t.at)}: ${t.yes} can attend${t.no ? `, ${t.no} can't` : ''}`
      : when(t.at);
    const yes = own?.[String(t.slot)];
    const mine = yes === undefined ? (open ? 'not given yet' : 'none given') : yes ? 'can attend' : "can't";
    return [`Slot ${t.slot}`, showOwn ? `${counts} (your answer: ${mine})` : counts];
  });
}

/** Why a poll's buttons are gone (R75): cancelled, or the time SECAS confirmed. */
const closedPoll = (mt: Meeting): string =>
  mt.status === 'cancelled'
    ? 'This poll is cancelled.'
    : mt.confirmedAt
      ? `SECAS confirmed ${when(mt.confirmedAt)}.`
      : 'This poll is closed.';

const answerWords = (yes: boolean | undefined): string =>
  yes === undefined ? 'not given yet' : yes ? 'attending' : "can't attend";

/** R40: a "can attend" / "can't" pair per slot; the value names the slot, never the member (R2). */
export const pollButtons = (m: Modification, mt: Pick<Meeting, 'id' | 'slots'>): CardButton[] =>
  mt.slots.flatMap((_, i) =>
    [true, false].map((yes) => ({
      action: 'available',
      label: `Slot ${i + 1}: ${yes ? 'can attend' : "can't"}`,
      value: { ref: refOf(m), meeting: mt.id, slot: i + 1, yes },
      twin: BUTTON_TWINS.available(m, i + 1, yes),
      ...(yes ? { style: 'primary' as const } : {}),
    })),
  );

/** A confirmed meeting's Attending / Can't attend buttons. */
export const attendButtons = (m: Modification, mt: Pick<Meeting, 'id'>): CardButton[] =>
  [true, false].map((yes) => ({
    action: 'attend',
    label: yes ? 'Attending' : "Can't attend",
    value: { ref: refOf(m), meeting: mt.id, yes },
    twin: BUTTON_TWINS.attend(m, yes),
    ...(yes ? { style: 'primary' as const } : {}),
  }));

/**
 * R40: one "can attend" / "can't" pair per slot; the value names the slot, never the member (R2). Drawn
 * for one member (every poll DM is), it shows that member's own answer beside each slot (R74): the
 * same key for every member's copy, so each copy is updated in place in that member's chat.
 */
export function slotPollCard(m: Modification, mt: Meeting, _ctx?: People, member?: PersonId): Card {
  const ref = refOf(m);
  const slots = slotFields(mt, member);
  const open = mt.status === 'proposed';
  const buttons: CardButton[] = open ? pollButtons(m, mt) : [];
  const answered = member !== undefined && Object.keys(mt.availability[member] ?? {}).length > 0;
  return {
    key: pollCardKey(m, mt),
    title: header(m),
    text: open
      ? `Which of these times can you attend? London time, ${MEETING_MINUTES} minutes each. SECAS confirms the time most members can attend.${answered ? ' You can change your answers until SECAS confirms the time.' : ''}`
      : closedPoll(mt),
    fields: fields(slots),
    buttons,
    ...(open
      ? {
          context: [
            orType([`available ${ref} <slot> yes|no`]),
            typeHint('For example', [BUTTON_TWINS.available(m, 1, true)]),
          ].join('\n'),
        }
      : {}),
  };
}

/**
 * R40: the poll as SECAS sees it once every member has answered: the count per slot, the recommended
 * slot (most can attend; ties go to the earliest) and one button to confirm it. When the poll is
 * confirmed or withdrawn the same card is re-rendered without the button, saying why (R75).
 */
export function recommendationCard(m: Modification, mt: Meeting, _ctx?: People): Card {
  const ref = refOf(m);
  const members = m.workingGroup?.members ?? [];
  const summary = pollSummary(m, mt, members);
  const open = mt.status === 'proposed';
  const slot = summary.recommended;
  return {
    key: recommendationCardKey(m, mt),
    title: header(m),
    text: open ? summary.recommendation : closedPoll(mt),
    fields: fields(slotFields(mt)),
    buttons:
      open && slot !== undefined
        ? [
            {
              action: 'meeting-confirm',
              label: `Confirm slot ${slot}`,
              value: { ref, meeting: mt.id, slot },
              twin: BUTTON_TWINS.confirmSlot(m, slot),
              style: 'primary' as const,
            },
          ]
        : [],
    ...(open
      ? {
          context: [
            orType([summary.confirm ?? `meeting confirm ${ref} <slot>`]),
            typeHint('For another slot or time', [`meeting confirm ${ref} <slot>|<YYYY-MM-DDTHH:MM>`]),
          ].join('\n'),
        }
      : {}),
  };
}

/** The RFC 5545 invite: a stable UID per meeting, a SEQUENCE that grows when it moves (R40). */
export function meetingInvite(
  m: Modification,
  mt: Meeting,
  stamp: Date,
  ctx: People,
): CardAttachment | undefined {
  if (!mt.confirmedAt) return undefined;
  const cancelled = mt.status === 'cancelled';
  const text = icsFor({
    uid: `${mt.id}.${String(m.number).padStart(3, '0')}@secbot`,
    title: `${refOf(m)} Working Group: ${m.title}`,
    start: new Date(mt.confirmedAt),
    minutes: MEETING_MINUTES,
    description: `Working Group meeting for ${refOf(m)}. Members: ${namesOf(ctx, m.workingGroup?.members ?? [])}.`,
    stamp,
    // The modification's event count only grows, so a moved or cancelled invite always supersedes.
    sequence: m.version,
    cancelled,
  });
  return {
    filename: `${refOf(m)}-${mt.id}.ics`,
    contentType: `text/calendar; method=${cancelled ? 'CANCEL' : 'PUBLISH'}`,
    text,
  };
}

/**
 * R40: the confirmed meeting for one member, with the invite and the attendance buttons; given the
 * member, it shows their own answer, so the card refreshed after a click shows what was recorded (R74).
 */
export function meetingCard(
  m: Modification,
  mt: Meeting,
  ctx: People & { now: Date },
  member?: PersonId,
): Card {
  const invite = meetingInvite(m, mt, ctx.now, ctx);
  const at = mt.confirmedAt ? when(mt.confirmedAt) : 'to be confirmed';
  // R40, R75: answers are about a meeting still to come; from its start the buttons are gone.
  const started = !!mt.confirmedAt && Date.parse(mt.confirmedAt) <= ctx.now.getTime();
  const live = mt.status === 'confirmed' && !started;
  const state: Record<Meeting['status'], string> = {
    proposed: `Proposed for ${at}.`,
    confirmed: started
      ? `Started at ${at} (London time, ${MEETING_MINUTES} minutes): answers are closed, and SECAS records who came.`
      : `Confirmed for ${at} (London time, ${MEETING_MINUTES} minutes). A separate message follows with how to add it to your calendar.`,
    held: `Held on ${at}.`,
    cancelled: `Cancelled: the meeting of ${at} will not take place.`,
  };
  return {
    key: meetingCardKey(m, mt),
    title: header(m),
    text: state[mt.status],
    fields: fields([
      ['When', `${at} (London)`],
      ['Members', namesOf(ctx, m.workingGroup?.members ?? [])],
      // Once answers are closed (started, held, cancelled) a missing answer is not "yet" to come.
      [
        'Your answer',
        member === undefined
          ? undefined
          : !live && mt.attendance[member] === undefined
            ? 'none given'
            : answerWords(mt.attendance[member]),
      ],
    ]),
    buttons: live ? attendButtons(m, mt) : [],
    ...(live ? { context: orType([BUTTON_TWINS.attend(m, true), BUTTON_TWINS.attend(m, false)]) } : {}),
    ...(invite ? { attachments: [invite] } : {}),
  };
}
