// Turns accepted events into neutral notifications (SPEC §7, R46): written to the outbox in the same
// transaction as the events, delivered later by the adapters. Pure: the same events, worlds and context
// always give the same notifications with the same keys, so a retried command never sends twice.
import type { DomainEvent } from '../../domain/events.ts';
import type { Deadline, Modification, World } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import type { Context, PersonId, Role } from '../../domain/types.ts';
import { effectiveRoles } from '../../domain/types.ts';
import {
  ballotCard,
  ballotSummary,
  consultationCard,
  dpCard,
  fastTrackCard,
  statusDm,
  viewsCard,
  viewsSummaryCard,
} from '../../views/cards.ts';
import { determinationAwaited, determineTwin, nextStep } from '../../domain/next-step.ts';
import { fastTrackEndedEarly } from '../../domain/stages/fast-track.ts';
import { draftReportHow } from '../../domain/report-checklist.ts';
import type { Notification } from '../notification.ts';
import { changeLine } from './lines.ts';
import { decisionFinal, fastTrackApproved } from './final.ts';
import { meetingNotifications, workingGroupNotifications } from './members.ts';
import { missedNotifications } from './missed.ts';
import { alternateVotedNotification, replacedVoteNotification } from './replaced.ts';
import { Collector } from './out.ts';
import { approvalNotifications, peopleNotifications } from './people.ts';
import { consultReminderKey, fastTrackReminderKey, reminderNotifications } from './reminders.ts';
import { ballotEndedText, ballotReminderCard, voidedText } from '../../views/ballot-card.ts';
import { BALLOT_TITLES, CONSULTATION_NAMES, nameOf, refTitle, statusIs, when } from '../../domain/words.ts';
import { cmd } from '../../views/hints.ts';

export interface NotifyInput {
  events: readonly DomainEvent[];
  before: World;
  after: World;
  ctx: Context;
  /** Unique per command (e.g. the first stored event's stream and sequence), used to build keys. */
  keyBase: string;
}

/** What one command's notifications share while they are built. */
export interface Build {
  out: Collector;
  before: World;
  after: World;
  ctx: Context;
  events: readonly DomainEvent[];
  withRole: (r: Role) => PersonId[];
  /** R57: a person who voted, gave a view or responded is told once about what was cancelled. */
  tellCancelled: (people: readonly PersonId[], line: string) => void;
}

export function notificationsFor(input: NotifyInput): Notification[] {
  const { events, before, after, ctx, keyBase } = input;
  const out = new Collector(keyBase);
  const status = new Map<number, string[]>();
  const cancelled = new Map<PersonId, string[]>();
  const b: Build = {
    out,
    before,
    after,
    ctx,
    events,
    withRole: (r) => ctx.people.filter((p) => effectiveRoles(p).includes(r)).map((p) => p.id),
    tellCancelled: (people, line) => {
      for (const p of new Set(people)) {
        // The placeholder fixes the message's place in the order; its text is filled in at the end.
        if (!cancelled.has(p)) out.dm(p, 'cancelled', '');
        const lines = cancelled.get(p) ?? [];
        if (!lines.includes(line)) lines.push(line);
        cancelled.set(p, lines);
      }
    },
  };

  for (const e of events) {
    if (e.n === undefined) continue;
    const m = after.modifications[e.n];
    if (!m) continue;
    channelNotifications(b, e, m);
    workingGroupNotifications(b, e, m);
    meetingNotifications(b, e, m);
    peopleNotifications(b, e, m);
    if (e.type === 'ReminderSent') reminderNotifications(out, e, m, ctx);
    if (e.type === 'DeadlineFired') missedNotifications(b, e, m);
    const line = changeLine(e, m, ctx);
    if (line) {
      // One status DM per modification per command, placed where its first change happened.
      if (!status.has(e.n)) out.dm(m.proposer, `status:${e.n}`, '');
      status.set(e.n, [...(status.get(e.n) ?? []), line]);
    }
  }
  for (const n of new Set(events.map((e) => e.n))) if (n !== undefined) approvalNotifications(b, n);
  for (const [n, lines] of status) {
    const m = after.modifications[n] as Modification;
    out.dm(m.proposer, `status:${n}`, statusDm(m, lines, ctx));
  }
  for (const [p, lines] of cancelled) out.dm(p, 'cancelled', lines.join('\n'));
  return out.list();
}

/** Cards in the Change Board, Panel and announcements channels (R9, R12, R24–R26, R33–R35, R37). */
function channelNotifications(b: Build, e: DomainEvent, m: Modification): void {
  const { out, ctx } = b;
  const ref = refOf(m);
  switch (e.type) {
    case 'Raised':
    case 'Amended':
      // R9: the new DP (a split part too); an amendment re-renders the same card in place.
      if (e.type === 'Amended' && !b.before.modifications[m.number]) return;
      out.channel(
        'change-board',
        `dp:${m.number}`,
        e.type === 'Raised' ? dpText(m, ctx) : `${refTitle(m)} was amended by its proposer.`,
        dpCard(m, ctx),
      );
      return;
    case 'ViewsOpened':
    case 'ViewsClosed': {
      const card = viewsCard(m, ctx);
      const text =
        m.views.status === 'open'
          ? `Change Board views on ${refTitle(m)} are open${m.views.due ? ` until ${when(m.views.due)}` : ''}. Give your view: ${cmd(`view ${ref} support|concerns|oppose`)}.`
          : `Change Board views on ${refTitle(m)} are ${m.views.status}.`;
      out.channel('change-board', `views:${m.number}`, text, card);
      if (e.type === 'ViewsClosed') {
        const givers = Object.keys(m.views.byPerson);
        if (e.cancelled)
          b.tellCancelled(
            givers,
            `Change Board views on ${refTitle(m)} were cancelled (it is now ${statusIs(m.status)}); your view is kept.`,
          );
        else {
          const summary = viewsSummaryCard(m, ctx);
          out.channel('panel', `awaiting:${m.number}`, `${summary.title}: ${summary.text}`, summary);
        }
      }
      return;
    }
    case 'BallotOpened':
    case 'VoteCast':
    case 'BallotClosed':
    case 'BallotVoided': {
      const id = e.type === 'BallotOpened' ? e.ballot.id : e.ballotId;
      const ballot = m.ballots.find((x) => x.id === id);
      if (!ballot) return;
      if (e.type === 'VoteCast') {
        replacedVoteNotification(b, e, m, ballot);
        alternateVotedNotification(b, e, m, ballot);
      }
      const card = ballotCard(m, ballot, ctx);
      const channel = ballot.kind === 'fasttrack' ? 'panel' : 'change-board';
      const progress = ballotSummary(ballot, ctx, m);
      // R55: a void ballot's title says so; the text says why and what it had decided.
      const voided = voidedText(ballot, m);
      out.channel(
        channel,
        `ballot:${m.number}:${id}`,
        voided
          ? `${card.title}: ${voided}.`
          : `${card.title}: ${ballot.status}${progress ? `; ${progress}` : ''}.`,
        card,
      );
      // R75: each reminder DM that carried this ballot's buttons is re-rendered without them, saying why.
      if (e.type === 'BallotClosed') {
        const retired = ballotReminderCard(m, ballot);
        for (const p of ballot.reminded ?? [])
          out.dm(p, retired.key, `${retired.title}. ${ballotEndedText(m, ballot)}`, retired);
      }
      if (e.type === 'BallotClosed' && e.cancelled) {
        const voters = ballot.votes.map((v) => v.voter);
        b.tellCancelled(
          voters,
          `The ${BALLOT_TITLES[ballot.kind]} on ${refTitle(m)} was cancelled (it is now ${statusIs(m.status)}); your vote is kept in the history.`,
        );
      }
      return;
    }
    case 'ConsultationOpened':
    case 'ConsultationClosed': {
      const id = e.id;
      const c = m.consultations.find((x) => x.id === id);
      if (!c) return;
      const card = consultationCard(m, c, ctx);
      out.channel('announcements', `consult:${m.number}:${id}`, `${card.title}: ${card.text}`, card);
      if (e.type === 'ConsultationClosed') {
        // R75: the "closing" reminders posted with a Respond button lose it too.
        for (const d of firedReminders(
          m,
          (x) => x.subject === id && x.what.startsWith('reminder:consult-close'),
        ))
          out.channel('announcements', `consult-reminder:${d.id}`, `${card.title}: ${card.text}`, {
            ...card,
            key: consultReminderKey(m, d.id),
          });
        const respondents = Object.keys(c.responses);
        if (e.cancelled)
          b.tellCancelled(
            respondents,
            `The ${CONSULTATION_NAMES[c.kind]} on ${refTitle(m)} was cancelled (it is now ${statusIs(m.status)}); your response is kept.`,
          );
        else {
          // R37: at the close the next step's owner is told; after either consultation that is SECAS.
          const next =
            c.kind === 'wg'
              ? `Next for SECAS: the Working Group considers the responses and SECAS drafts the Modification Report: ${draftReportHow(m)}.`
              : determinationAwaited(m)
                ? `Next: the Panel chair sets the Self-Governance or Authority determination (${cmd(determineTwin(ref))}); then SECAS opens the Change Board decision ballot.`
                : `Next for SECAS: open the Change Board decision ballot (${cmd(`ballot open ${ref} decision`)}).`;
          for (const p of b.withRole('secas'))
            out.dm(p, `consult-closed:${m.number}:${id}`, `${card.title}: ${card.text} ${next}`);
        }
      }
      return;
    }
    case 'ProposerDecided':
      // R16.9: proceeding against a "do not proceed" recommendation needs a written rationale, which is
      // shown to the Panel; the Modification Report comes to the Panel chair later (R16.12).
      if (e.againstRecommendation && e.rationale)
        out.channel(
          'panel',
          `proposer-decision:${m.number}`,
          `${refTitle(m)}: the proposer proceeds to the DCC Impact Assessment against the Change Board's recommendation not to proceed. Their rationale: ${e.rationale}`,
        );
      return;
    case 'FastTrackApproved':
    case 'Objected':
      out.channel('announcements', `fasttrack:${m.number}`, fastTrackText(m, ctx), fastTrackCard(m, ctx));
      return;
    case 'StatusChanged':
      if (e.to === 'awaiting_panel' && !out.has(out.channelKey('panel', `awaiting:${m.number}`))) {
        out.channel(
          'panel',
          `awaiting:${m.number}`,
          `${refTitle(m)} awaits the Panel${e.reason ? `: ${e.reason}` : ''}. ${nextStep(m, ctx).sentence}`,
        );
      }
      if (e.from === 'fast_track_window') {
        // R57: a withdrawal, merge or close during the window ends it early; R24 announced the window,
        // so the announcements channel and the chair are told why.
        const early = fastTrackEndedEarly(m);
        const text = early ? `Fast Track: ${refTitle(m)}. ${early}` : fastTrackText(m, ctx);
        if (e.to === 'approved' || early) {
          // R75: the announcement is updated in place without its Object button; an edit notifies
          // nobody, so an approval is also posted anew (fastTrackApproved, R26).
          out.channel('announcements', `fasttrack:${m.number}`, text, fastTrackCard(m, ctx));
        }
        if (early)
          for (const p of b.withRole('panel_chair'))
            if (p !== actorOf(ctx)) out.dm(p, `fasttrack-ended:${m.number}`, text);
        // R75: the window has ended: its reminders lose their Object button as the announcement did.
        for (const d of firedReminders(m, (x) => x.what === 'reminder:ft-window-close'))
          out.channel('announcements', `fasttrack-reminder:${d.id}`, text, {
            ...fastTrackCard(m, ctx),
            key: fastTrackReminderKey(m, d.id),
          });
      }
      // R26 R18 §7: a final decision is a new post that everyone sees.
      fastTrackApproved(b, e, m);
      decisionFinal(b, e, m);
      return;
    default:
      return;
  }
}

const actorOf = (ctx: Context): PersonId | undefined =>
  ctx.actor.kind === 'person' ? ctx.actor.person.id : undefined;

/** The reminders of this modification that have fired (been posted), matching `which`. */
const firedReminders = (m: Modification, which: (d: Deadline) => boolean): Deadline[] =>
  m.deadlines.filter((d) => d.reminder && d.status === 'fired' && which(d));

function dpText(m: Modification, ctx: Context): string {
  // A Fast Track raised by the chair (R53) has no critical-friend review, so no promise of one.
  const review = m.deadlines.some((d) => d.what === 'secas-comments')
    ? ` SECAS reviews it within ${ctx.settings.SEC_CRITICAL_FRIEND_WD} Working Days.`
    : '';
  return `New Draft Proposal ${refTitle(m)}. Problem: ${m.problem}.${review}`;
}

/** A text on one line: a person's line breaks become spaces. */
const oneLine = (s: string): string =>
  s
    .trim()
    .split(/\s*\n\s*/)
    .join(' ');

/**
 * The announcement's notification and fallback text (R24–R26), from the state itself rather than the
 * card's lines: after an objection (R25) it names the objector and gives the whole reason.
 */
function fastTrackText(m: Modification, ctx: Context): string {
  const card = fastTrackCard(m, ctx);
  const obj = m.fastTrack?.objection;
  if (!obj) return `${card.title}. ${oneLine(card.text ?? '')}`;
  const reason = oneLine(obj.reason);
  const stop = /[.!?]$/.test(reason) ? '' : '.';
  return `${card.title}. The window ended with an objection by ${nameOf(ctx, obj.by)}: ${reason}${stop} ${refOf(m)} returns to the Panel.`;
}
