// Reminders fired by the scheduler (R10, R24, R34, R37, R40, R64). The core decided who is reminded when
// it fired (`to`: for a ballot, only the seats that have not voted); here they become DMs, and the Fast
// Track window and consultation "closing" notices also go to the announcements channel (the proposer's
// DM says what the close means for their modification rather than repeating the public call).
import { seatFor } from '../../domain/ballots.ts';
import type { EventOf } from '../../domain/events.ts';
import type { Modification } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import { hasModificationReport, recordReportCommand } from '../../domain/report-checklist.ts';
import type { Context } from '../../domain/types.ts';
import { effectiveRoles } from '../../domain/types.ts';
import { consultationCard, fastTrackCard } from '../../views/cards.ts';
import { ballotReminderCard, solutionsLeftWords } from '../../views/ballot-card.ts';
import type { Collector } from './out.ts';
import {
  BALLOT_TITLES,
  CONSULTATION_NAMES,
  count,
  day,
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
  // R24 R37 §7: the proposer hears what a closing window means for their own modification, not the
  // public call to object to it or to respond to it; anyone else reminded gets the public text.
  const dmPublicOr = (text: string, proposerText: string) => {
    for (const p of e.to) out.dm(p, suffix, p === m.proposer ? proposerText : text);
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
    // R25 R26 R53: with no objection by the close it is approved (and becomes an MP); an objection
    // sends it back to the Panel chair for another route.
    const mp = refOf({ number: m.number, isMP: true });
    const implemented = m.implementAt ? `, to be implemented on ${day(m.implementAt)}` : '';
    // The Panel chair may have raised it (R21, housekeeping): then the route after an objection is theirs.
    const proposer = ctx.people.find((x) => x.id === m.proposer);
    const router =
      proposer && effectiveRoles(proposer).includes('panel_chair')
        ? 'you, as Panel chair,'
        : 'the Panel chair';
    dmPublicOr(
      text,
      `The Fast Track objection window on your ${refTitle(m)} closes ${when(due)}. If no party objects by then, ` +
        `it is approved and becomes ${mp}${implemented}; an objection sends it back to ${router} to route ` +
        'another way. Nothing is needed from you now.',
    );
    return;
  }
  if (e.what.startsWith('consult-close')) {
    const c = m.consultations.find((x) => x.id === subject);
    if (!c || c.status !== 'open') return;
    const respond = cmd(`respond ${ref} org="…" S0=support|oppose`);
    const text = `The ${CONSULTATION_NAMES[c.kind]} on ${refTitle(m)} closes ${when(c.due)}. Respond or revise your response before then: ${respond}.`;
    const card = { ...consultationCard(m, c, ctx), key: consultReminderKey(m, e.deadlineId) };
    out.channel('announcements', suffix, text, card);
    // R37: at the close the responses are collated into the record and the next step follows: after
    // the Working Group Consultation the Modification Report is drafted, after the Report Consultation
    // the Change Board votes on its decision.
    const responses = count(Object.keys(c.responses).length, 'response');
    const then =
      c.kind === 'wg'
        ? 'the Working Group considers them and SECAS drafts the Modification Report'
        : 'the Change Board votes on its decision';
    const own = c.responses[m.proposer]
      ? ` You have responded yourself; you may revise your response until then: ${respond}.`
      : '';
    dmPublicOr(
      text,
      `The ${CONSULTATION_NAMES[c.kind]} on your ${refTitle(m)} closes ${when(c.due)}, with ${responses} so far. ` +
        `At the close the responses are collated into its record; next, ${then}.${own}`,
    );
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
  if (e.what === 'report-back') {
    dmAll(
      `Reminder: ${refTitle(m)} is due to report back to the Panel by ${main ? when(main.due) : 'the date the Panel chair set'}. ${reportBackAction(m)}`,
    );
    return;
  }
  dmAll(`Reminder for ${refTitle(m)}: ${deadlineLabel(e.what)}${main ? ` is due ${when(main.due)}` : ''}.`);
}

/**
 * R13 R14 R16.12: who does what by the report-back date, with the command (R72), for the Panel chair and
 * SECAS who are reminded of it. In Development SECAS records the Development Report; once it is recorded
 * the proposer asks to proceed or withdraws and the Panel chair routes it. In Refinement the Panel
 * receives the Modification Report: SECAS records it, then the Panel chair approves it as final.
 */
function reportBackAction(m: Modification): string {
  const ref = refOf(m);
  if (m.status === 'development')
    return m.documents.development?.length
      ? `The Development Report is recorded: the proposer asks to proceed or withdraws, then the Panel chair routes it (${cmd(`panel route ${ref} refinement|report`)}).`
      : `By then SECAS records the Development Report: ${cmd(`report ${ref} development <link>`)}.`;
  if (m.status === 'refinement')
    return hasModificationReport(m)
      ? `The Modification Report is recorded: the Panel chair approves it as final (${cmd(`panel approve-report ${ref}`)}) or returns it to the Working Group (${cmd(`panel return ${ref} <reason>`)}).`
      : `By then SECAS records the Modification Report for the Panel: ${cmd(recordReportCommand(ref))}.`;
  return `By then SECAS reports to the Panel on where ${ref} stands.`;
}
