// Reminders fired by the scheduler (R10, R24, R34, R37, R40, R64). The core decided who is reminded when
// it fired (`to`: for a ballot, only the seats that have not voted); here they become DMs, and the Fast
// Track window and consultation "closing" notices also go to the announcements channel.
import { seatFor } from '../../domain/ballots.ts';
import type { EventOf } from '../../domain/events.ts';
import type { Modification } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import type { Context } from '../../domain/types.ts';
import { consultationCard, fastTrackCard } from '../../views/cards.ts';
import { ballotReminderCard, solutionsLeftWords } from '../../views/ballot-card.ts';
import type { Collector } from './out.ts';
import {
  BALLOT_TITLES,
  CONSULTATION_NAMES,
  deadlineLabel,
  nameOf,
  refTitle,
  when,
} from '../../domain/words.ts';
import { cmd } from '../../views/hints.ts';

/** The keys of the announcements-channel reminder cards, one per reminder fired (R75 retires them). */
export const fastTrackReminderKey = (m: Pick<Modification, 'number'>, deadlineId: string): string =>
  `fasttrack-reminder:${m.number}:${deadlineId}`;
export const consultReminderKey = (m: Pick<Modification, 'number'>, deadlineId: string): string =>
  `consult-reminder:${m.number}:${deadlineId}`;

export function reminderNotifications(
  out: Collector,
  e: EventOf<'ReminderSent'>,
  m: Modification,
  ctx: Context,
): void {
  const ref = refOf(m);
  const fired = m.deadlines.find((d) => d.id === e.deadlineId);
  const subject = fired?.subject;
  const main = m.deadlines.find(
    (x) =>
      x.id === subject ||
      (subject !== undefined && x.subject === subject && !x.reminder && x.what === e.what),
  );
  const suffix = `reminder:${e.deadlineId}`;
  const dmAll = (text: string) => {
    for (const p of e.to) out.dm(p, suffix, text);
  };

  if (e.what.startsWith('ballot-close')) {
    const b = m.ballots.find((x) => x.id === subject);
    if (!b || b.status !== 'open') return;
    const closes = b.due ? `; it closes ${when(b.due)}` : '';
    for (const p of e.to) {
      const seat = seatFor(b, p);
      const alt = seat?.asAlternate ? ` (as alternate for ${nameOf(ctx, seat.seat.member)})` : '';
      const card = ballotReminderCard(m, b, ctx, p);
      // R34 R71: whoever voted on some of the solutions is told which are left, by name, as the card
      // says; the notification's text is what the platform previews.
      const left = solutionsLeftWords(m, b, p);
      const what = left ? `${left} in the ${BALLOT_TITLES[b.kind]}` : `the ${BALLOT_TITLES[b.kind]}`;
      out.dm(p, suffix, `You have not voted on ${what} on ${refTitle(m)}${alt}${closes}.`, card);
    }
    return;
  }
  if (e.what === 'meeting') {
    const mt = m.meetings.find((x) => x.id === subject);
    if (!mt?.confirmedAt || mt.status !== 'confirmed') return;
    // R40, R74: every member is reminded; whoever has answered is told their answer and how to change it,
    // and only the others are asked.
    const on = `Reminder: the ${ref} Working Group meeting is on ${when(mt.confirmedAt)} (London time, 60 minutes).`;
    for (const p of e.to) {
      const said = mt.attendance[p];
      const ask =
        said === undefined
          ? `Tell SECAS whether you can come: ${cmd(`attend ${ref} yes|no`)}.`
          : said
            ? `You said you are attending; to change it: ${cmd(`attend ${ref} no`)}.`
            : `You said you cannot attend; to change it: ${cmd(`attend ${ref} yes`)}.`;
      out.dm(p, suffix, `${on} ${ask}`);
    }
    return;
  }
  if (e.what === 'ft-window-close') {
    const due = m.fastTrack?.due ?? main?.due;
    if (m.status !== 'fast_track_window' || !due) return;
    const text = `The Fast Track objection window on ${refTitle(m)} closes ${when(due)}. Any party may object with a reason: ${cmd(`object ${ref} <reason>`)}.`;
    const card = { ...fastTrackCard(m, ctx), key: fastTrackReminderKey(m, e.deadlineId) };
    out.channel('announcements', suffix, text, card);
    dmAll(text);
    return;
  }
  if (e.what.startsWith('consult-close')) {
    const c = m.consultations.find((x) => x.id === subject);
    if (!c || c.status !== 'open') return;
    const text = `The ${CONSULTATION_NAMES[c.kind]} on ${refTitle(m)} closes ${when(c.due)}. Respond or revise your response before then: ${cmd(`respond ${ref} org="…" S0=support|oppose`)}.`;
    const card = { ...consultationCard(m, c, ctx), key: consultReminderKey(m, e.deadlineId) };
    out.channel('announcements', suffix, text, card);
    dmAll(text);
    return;
  }
  // Any other reminder: its deadline must still be pending. One that would come after what it reminds of
  // never gets here: the core drops it (tooLate in src/domain/stages/reminders.ts).
  if (main && main.status !== 'pending') return;
  if (e.what === 'secas-comments') {
    if (m.secasCommented) return;
    dmAll(
      `Reminder: SECAS comments on ${refTitle(m)} are due by ${main ? when(main.due) : 'the target date'} ` +
        `(within ${ctx.settings.SEC_CRITICAL_FRIEND_WD} Working Days of raising): ${cmd(`comment ${ref} <text>`)}.`,
    );
    return;
  }
  dmAll(`Reminder for ${refTitle(m)}: ${deadlineLabel(e.what)}${main ? ` is due ${when(main.due)}` : ''}.`);
}
