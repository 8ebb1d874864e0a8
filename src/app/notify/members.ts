// Working Group and meeting DMs (R16.12, R20, R29, R39–R41, R57, R60, R63, R78): each member hears when a
// group is formed or they join or leave it (by `wg remove` or a group formed again without them), or when
// the Panel chair returns its Modification Report, gets the slot poll and the confirmed meeting with its
// invite (on joining too), and hears when a meeting is cancelled (or is taken off their calendar on
// leaving) and when the modification is withdrawn, closed or merged; members recorded as deemed are told
// what the record says.
import type { DomainEvent } from '../../domain/events.ts';
import { everyoneAnswered, pollSummary } from '../../domain/meeting-poll.ts';
import { deemedText } from '../../domain/meetings.ts';
import { annexLines } from '../../domain/stages/working-group.ts';
import type { Meeting, Modification, WorkingGroup } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import type { PersonId } from '../../domain/types.ts';
import { meetingCard, recommendationCard, recommendationCardKey, slotPollCard } from '../../views/cards.ts';
import { meetingCardKey, meetingInvite, pollCardKey } from '../../views/meeting-cards.ts';
import type { Build } from './notifications.ts';
import { returnedText } from './people.ts';
import { nameOf, namesOf, refTitle, statusIs, when } from '../../domain/words.ts';
import { cmd } from '../../views/hints.ts';

function groupsIn(
  world: Build['before'],
  ns: readonly number[],
  id: string,
): { members: Set<PersonId>; shared: Set<number> } {
  const members = new Set<PersonId>();
  const shared = new Set<number>();
  for (const n of ns) {
    const wg = world.modifications[n]?.workingGroup;
    if (wg?.id !== id) continue;
    wg.members.forEach((p) => members.add(p));
    [n, ...wg.shared].forEach((k) => shared.add(k));
  }
  return { members, shared };
}

const groupRefs = (b: Build, wg: Pick<WorkingGroup, 'shared'>, n: number): string =>
  [...new Set([n, ...wg.shared])]
    .sort((x, y) => x - y)
    .map((k) => b.after.modifications[k])
    .filter((x): x is Modification => x !== undefined)
    .map(refTitle)
    .join(', ');

/**
 * R38: the Terms of Reference the group adheres to and the annex of each modification it works on (the
 * Panel's questions, any derogation with its reason), one line each.
 */
function annexText(b: Build, wg: Pick<WorkingGroup, 'shared'>, m: Modification): string[] {
  const mods = [...new Set([m.number, ...wg.shared])]
    .sort((x, y) => x - y)
    .map((k) => b.after.modifications[k])
    .filter((x): x is Modification => x !== undefined);
  const several = mods.length > 1;
  const annex = mods.flatMap((x) =>
    annexLines(x, b.after, b.ctx).annex.map((l) => `- ${several ? `${refOf(x)}: ` : ''}${l}`),
  );
  const tor = annexLines(m, b.after, b.ctx).tor;
  return [...(tor ? [tor] : []), ...(annex.length ? ['The annex:', ...annex] : [])];
}

export function workingGroupNotifications(b: Build, e: DomainEvent, m: Modification): void {
  const { out, ctx } = b;
  switch (e.type) {
    case 'WorkingGroupFormed': {
      const prev = groupsIn(b.before, e.shared, e.wgId);
      // A group that now covers more modifications (a batch, a split) is news to every member.
      const grew = e.shared.some((k) => !prev.shared.has(k));
      const to = grew ? e.members : e.members.filter((p) => !prev.members.has(p));
      // One text for the whole group (each sharing modification's event writes the same message).
      const text = [
        `You are a member of the Working Group for ${groupRefs(b, e, m.number)}. Members (${e.members.length}): ${namesOf(ctx, e.members)}.`,
        ...annexText(b, e, m),
      ].join('\n');
      for (const p of to) out.dm(p, `wg:${e.wgId}`, text);
      droppedByReform(b, e, m);
      return;
    }
    case 'StatusChanged':
      workingGroupEnded(b, m);
      return;
    case 'WorkingGroupMemberAdded':
    case 'WorkingGroupMemberRemoved': {
      const wg = m.workingGroup;
      if (!wg) return;
      const added = e.type === 'WorkingGroupMemberAdded';
      out.dm(
        e.person,
        `${added ? 'wg-added' : 'wg-removed'}:${wg.id}`,
        added
          ? [
              `You are added to the Working Group for ${groupRefs(b, wg, m.number)}. Members: ${namesOf(ctx, wg.members)}.`,
              ...annexText(b, wg, m),
            ].join('\n')
          : `You are no longer a member of the Working Group for ${groupRefs(b, wg, m.number)}.`,
      );
      return;
    }
    case 'ReportReturned': {
      // R16.12: the report goes back to the Working Group with the chair's reasons (SECAS is told in
      // people.ts, the proposer through the status DM).
      const secas = b.withRole('secas');
      for (const p of m.workingGroup?.members ?? [])
        if (p !== m.proposer && !secas.includes(p))
          out.dm(
            p,
            `report-returned:${m.number}`,
            `${returnedText(m, e.reason)}\nSECAS redrafts it with the Working Group.`,
          );
      return;
    }
    default:
      return;
  }
}

type Formed = Extract<DomainEvent, { type: 'WorkingGroupFormed' }>;

/**
 * R39 R61: `wg form` run again with a shorter list drops members, as `wg remove` does: each is told so in
 * the words `wg remove` uses, and an invite they hold to a meeting still to come is withdrawn (R78).
 */
function droppedByReform(b: Build, e: Formed, m: Modification): void {
  const was = b.before.modifications[m.number]?.workingGroup;
  if (!was) return;
  const kept = new Set(e.members);
  for (const p of was.members) {
    if (kept.has(p)) continue;
    // One message for the whole new group (each sharing modification's event writes the same): the
    // modifications this person was working on and is now out of.
    const left = [...e.shared]
      .filter((k) => b.before.modifications[k]?.workingGroup?.members.includes(p))
      .sort((x, y) => x - y)
      .map((k) => b.after.modifications[k])
      .filter((x): x is Modification => x !== undefined);
    b.out.dm(
      p,
      `wg-removed:${e.wgId}`,
      `You are no longer a member of the Working Group for ${left.map(refTitle).join(', ')}.`,
    );
    const before = b.before.modifications[m.number];
    for (const mt of upcomingConfirmed(b, m)) {
      const prev = before?.meetings.find((x) => x.id === mt.id);
      if (prev?.status === 'confirmed' && invitedTo(before, prev).includes(p)) inviteWithdrawn(b, p, m, mt);
    }
  }
}

/** R20, R29, R60: how a modification left the process (withdrawn, closed, merged), who did it and why. */
export function endedText(b: Build, m: Modification): string | undefined {
  const { ctx } = b;
  const actor = ctx.actor.kind === 'person' ? ctx.actor.person : undefined;
  const why = (reason: string | undefined): string => {
    const r = reason
      ?.trim()
      .split(/\s*\n\s*/)
      .join(' ');
    return r ? `: ${r}${/[.!?]$/.test(r) ? '' : '.'}` : '.';
  };
  switch (m.status) {
    case 'withdrawn':
      return `${refTitle(m)} was withdrawn by its proposer, ${nameOf(ctx, m.proposer)}${why(m.withdrawnReason)}`;
    case 'closed':
      return `${refTitle(m)} was closed by the Panel chair${actor ? `, ${actor.name}` : ''}${why(m.closedReason)}`;
    case 'merged': {
      const into = m.links.mergedInto === undefined ? undefined : b.after.modifications[m.links.mergedInto];
      return `${refTitle(m)} was merged into ${into ? refTitle(into) : 'another Draft Proposal'}${actor ? ` by ${actor.name}` : ''} and closes as merged.`;
    }
    default:
      return undefined;
  }
}

/** The Working Group's last word on a modification that left the process (R20, R29, R57, R60). */
const WORK_ENDS = "The Working Group's work on it ends.";

/**
 * R20 R29 R57 R60: when a modification is withdrawn, closed or merged, each member of its Working Group
 * is told once that the group's work on it ends. Its proposer hears through the status DM and whoever
 * did it needs no telling; a member whose meeting's calendar update already says it (members below)
 * gets nothing more, and a member told that their vote, view or response was cancelled reads it in that
 * same message.
 */
function workingGroupEnded(b: Build, m: Modification): void {
  const ended = endedText(b, m);
  const wg = b.before.modifications[m.number]?.workingGroup;
  if (!ended || !wg) return;
  const actor = b.ctx.actor.kind === 'person' ? b.ctx.actor.person.id : undefined;
  const meeting = firstConfirmedCancelled(b, m);
  const toldByMeeting = (p: PersonId): boolean =>
    meeting !== undefined && b.out.has(b.out.dmKey(p, `invite:${m.number}:${meeting}`));
  const to = wg.members.filter((p) => p !== m.proposer && p !== actor && !toldByMeeting(p));
  b.tellCancelled(to, `${ended} ${WORK_ENDS}`);
}

/**
 * R57: the first confirmed meeting of `m` this command cancels: its calendar update is where a member reads
 * that the modification left the process.
 */
function firstConfirmedCancelled(b: Build, m: Modification): string | undefined {
  const before = b.before.modifications[m.number];
  for (const x of b.events)
    if (
      x.type === 'MeetingCancelled' &&
      x.n === m.number &&
      before?.meetings.find((y) => y.id === x.meetingId)?.status === 'confirmed'
    )
      return x.meetingId;
  return undefined;
}

/** The confirmed meetings of `m` still to come. */
const upcomingConfirmed = (b: Build, m: Modification): Meeting[] =>
  m.meetings.filter(
    (mt) => mt.status === 'confirmed' && !!mt.confirmedAt && new Date(mt.confirmedAt) > b.ctx.now,
  );

/**
 * R78: a member who leaves the group is sent the meeting's cancellation (same UID, METHOD:CANCEL) and
 * their card loses its buttons.
 */
function inviteWithdrawn(b: Build, person: PersonId, m: Modification, mt: Meeting): void {
  const { out, ctx } = b;
  const at = when(mt.confirmedAt ?? '');
  const cancel = meetingInvite(m, { ...mt, status: 'cancelled' }, ctx.now, ctx);
  const card = meetingCard(m, { ...mt, status: 'cancelled' }, ctx, person);
  const text = `You are no longer a member of the ${refTitle(m)} Working Group, so its meeting of ${at} is off your calendar.`;
  out.dm(person, `meeting:${m.number}:${mt.id}`, text, { ...card, text });
  if (cancel)
    out.dm(
      person,
      `invite:${m.number}:${mt.id}`,
      `Calendar update: you are no longer invited to the ${refTitle(m)} Working Group meeting of ${at}; this update removes it from your calendar.`,
      undefined,
      cancel,
    );
}

/**
 * R40: once every member has answered the poll, SECAS is sent the recommendation with a "Confirm slot n"
 * button; a later answer refreshes that card in place. When the poll is confirmed or withdrawn, a card
 * that was sent is re-rendered without its button (R75).
 */
function recommendationNotifications(b: Build, e: DomainEvent, m: Modification): void {
  if (e.type !== 'AvailabilityGiven' && e.type !== 'MeetingConfirmed' && e.type !== 'MeetingCancelled')
    return;
  const mt = m.meetings.find((x) => x.id === e.meetingId);
  if (!mt) return;
  const answered =
    e.type === 'AvailabilityGiven'
      ? everyoneAnswered(mt, m.workingGroup?.members ?? [])
      : everyoneAnswered(
          b.before.modifications[m.number]?.meetings.find((x) => x.id === mt.id) ?? mt,
          b.before.modifications[m.number]?.workingGroup?.members ?? [],
        );
  if (!answered) return;
  const card = recommendationCard(m, mt, b.ctx);
  const members = m.workingGroup?.members.length ?? 0;
  const text =
    e.type === 'AvailabilityGiven'
      ? [
          `All ${members} members of the ${refTitle(m)} Working Group have answered the meeting poll.`,
          ...pollSummary(m, mt, m.workingGroup?.members ?? []).slots.map((l) => `${l}.`),
          card.text ?? '',
          ...(card.context ? [card.context] : []),
        ].join('\n')
      : `The ${refTitle(m)} Working Group meeting poll is closed. ${card.text ?? ''}`;
  for (const p of b.withRole('secas')) b.out.dm(p, recommendationCardKey(m, mt), text, card);
}

/** Who was sent a confirmed meeting's card and invite (older records lack the list: the members). */
const invitedTo = (m: Modification | undefined, mt: Meeting | undefined): readonly PersonId[] =>
  mt?.invited ?? m?.workingGroup?.members ?? [];

/**
 * R78: invites follow the Working Group. A member who joins is sent each upcoming confirmed meeting's
 * card and invite, as the confirmation was; a member who leaves is sent its cancellation (same UID,
 * METHOD:CANCEL) and their card loses its buttons. Which meetings is what `invited` gained or lost.
 */
function membershipInvites(b: Build, added: boolean, person: PersonId, m: Modification): void {
  const { out, ctx } = b;
  const before = b.before.modifications[m.number];
  for (const mt of m.meetings) {
    if (mt.status !== 'confirmed' || !mt.confirmedAt || new Date(mt.confirmedAt) <= ctx.now) continue;
    const was = before?.meetings.find((x) => x.id === mt.id);
    const had = was?.status === 'confirmed' && invitedTo(before, was).includes(person);
    const has = invitedTo(m, mt).includes(person);
    const at = when(mt.confirmedAt);
    if (added && has && !had) {
      const invite = meetingInvite(m, mt, ctx.now, ctx);
      out.dm(
        person,
        `meeting:${m.number}:${mt.id}`,
        `The ${refTitle(m)} Working Group meeting is confirmed for ${at} (London time, 60 minutes). A separate message follows with how to add it to your calendar. Can you come? ${cmd(`attend ${refOf(m)} yes|no`)}.`,
        meetingCard(m, mt, ctx, person),
      );
      if (invite)
        out.dm(
          person,
          `invite:${m.number}:${mt.id}`,
          `Calendar invite: the ${refTitle(m)} Working Group meeting, ${at} (London time, 60 minutes).`,
          undefined,
          invite,
        );
    } else if (!added && had && !has) inviteWithdrawn(b, person, m, mt);
  }
}

/** The poll DM's text: the times proposed and how to answer them by typing. */
function pollText(m: Modification, mt: { slots: readonly string[] }): string {
  const slots = mt.slots.map((s, i) => `${i + 1}) ${when(s)}`).join('; ');
  return `SECAS proposes these times for the ${refTitle(m)} Working Group meeting (London time, 60 minutes): ${slots}. Which can you attend? ${cmd(`available ${refOf(m)} <slot> yes|no`)}.`;
}

export function meetingNotifications(b: Build, e: DomainEvent, m: Modification): void {
  const { out, ctx } = b;
  const ref = refOf(m);
  const members = m.workingGroup?.members ?? [];
  recommendationNotifications(b, e, m);
  switch (e.type) {
    case 'MeetingProposed': {
      const mt = m.meetings.find((x) => x.id === e.meeting.id);
      if (!mt) return;
      const text = pollText(m, mt);
      for (const p of members) out.dm(p, pollCardKey(m, mt), text, slotPollCard(m, mt, ctx, p));
      return;
    }
    case 'AvailabilityGiven': {
      // R74: the clicker's own poll DM is refreshed (the counts so far and their own answers), the card a
      // click is answered with; it is the only poll card this command sends, so the click's answer is theirs.
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt?.status === 'proposed')
        out.dm(e.person, pollCardKey(m, mt), pollText(m, mt), slotPollCard(m, mt, ctx, e.person));
      return;
    }
    case 'AttendanceGiven': {
      // R74: the member's meeting card is refreshed with their answer, the card a click is answered with.
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt?.status === 'confirmed' && mt.confirmedAt)
        out.dm(
          e.person,
          meetingCardKey(m, mt),
          `Your answer for the ${refTitle(m)} Working Group meeting of ${when(mt.confirmedAt)}: ${e.yes ? 'attending' : "can't attend"}.`,
          meetingCard(m, mt, ctx, e.person),
        );
      return;
    }
    case 'MeetingConfirmed': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (!mt) return;
      const was = b.before.modifications[m.number]?.meetings.find((x) => x.id === mt.id);
      const moved =
        was?.status === 'confirmed' && was.confirmedAt ? ` (moved from ${when(was.confirmedAt)})` : '';
      const text = `The ${refTitle(m)} Working Group meeting is confirmed for ${when(e.at)}${moved} (London time, 60 minutes). A separate message follows with how to add it to your calendar. Can you come? ${cmd(`attend ${ref} yes|no`)}.`;
      // R78: the invite is its own message, so each platform carries it its own way, once.
      // R75: the poll is closed: each member's poll DM loses its buttons, saying which time was confirmed.
      if (was?.status === 'proposed') {
        const closed = `The ${refTitle(m)} Working Group meeting poll is closed: ${slotPollCard(m, mt, ctx).text ?? ''}`;
        for (const p of mt.polled ?? members)
          out.dm(p, pollCardKey(m, mt), closed, slotPollCard(m, mt, ctx, p));
      }
      const invite = meetingInvite(m, mt, ctx.now, ctx);
      const inviteText = `Calendar invite: the ${refTitle(m)} Working Group meeting, ${when(e.at)} (London time, 60 minutes)${moved ? `, replacing ${when(was?.confirmedAt ?? e.at)}` : ''}.`;
      for (const p of members) {
        out.dm(p, `meeting:${m.number}:${mt.id}`, text, meetingCard(m, mt, ctx, p));
        if (invite) out.dm(p, `invite:${m.number}:${mt.id}`, inviteText, undefined, invite);
      }
      return;
    }
    case 'DeadlineFired': {
      // R75: at a meeting's start its answers close; each invited member's card is drawn again without
      // its buttons (the card edited in place, under its key).
      const d = m.deadlines.find((x) => x.id === e.id);
      const mt = d?.what === 'meeting' ? m.meetings.find((x) => x.id === d.subject) : undefined;
      if (!mt || mt.status !== 'confirmed' || !mt.confirmedAt) return;
      const text = `The ${refTitle(m)} Working Group meeting of ${when(mt.confirmedAt)} has started: answers are closed, and SECAS records who came.`;
      for (const p of invitedTo(m, mt)) out.dm(p, meetingCardKey(m, mt), text, meetingCard(m, mt, ctx, p));
      return;
    }
    case 'MeetingCancelled': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      const was = b.before.modifications[m.number]?.meetings.find((x) => x.id === e.meetingId);
      if (!mt || !was) return;
      const to = b.before.modifications[m.number]?.workingGroup?.members ?? members;
      const replaced = b.events.some((x) => x.type === 'MeetingProposed' && x.n === m.number);
      // R78: cancelled by SECAS (`meeting cancel`), with the reason given; else by a new poll or the status.
      const by = e.by ? (ctx.people.find((p) => p.id === e.by)?.name ?? 'SECAS') : undefined;
      const because = e.reason ? `: ${e.reason}` : '';
      const why = by
        ? `${by} cancelled it${because}`
        : replaced
          ? 'SECAS proposed new times instead'
          : `${ref} is now ${statusIs(m.status)}`;
      if (was.status === 'confirmed' && was.confirmedAt) {
        const text = `The ${refTitle(m)} Working Group meeting of ${when(was.confirmedAt)} is cancelled (${why}).`;
        // R78: the same invite (same UID, a higher SEQUENCE) with METHOD:CANCEL takes it off calendars.
        const cancel = meetingInvite(
          m,
          { ...mt, confirmedAt: mt.confirmedAt ?? was.confirmedAt, status: 'cancelled' },
          ctx.now,
          ctx,
        );
        const cancelText = `Calendar update: the ${refTitle(m)} Working Group meeting of ${when(was.confirmedAt)} is cancelled; this update removes it from your calendar.`;
        // R20 R57: when the modification has left the process, this update (the one new message a member
        // gets for it, the card being edited in place) also says how and that the group's work ends, so
        // no second message is needed (workingGroupEnded). Said once, on the first meeting cancelled.
        const ended = !by && !replaced ? endedText(b, m) : undefined;
        const actor = ctx.actor.kind === 'person' ? ctx.actor.person.id : undefined;
        for (const p of to) {
          out.dm(p, `meeting:${m.number}:${mt.id}`, text, meetingCard(m, mt, ctx, p));
          const tell =
            ended && firstConfirmedCancelled(b, m) === mt.id && p !== m.proposer && p !== actor
              ? ` ${ended} ${WORK_ENDS}`
              : '';
          if (cancel) out.dm(p, `invite:${m.number}:${mt.id}`, `${cancelText}${tell}`, undefined, cancel);
        }
      } else {
        const text = `The proposed times for the ${refTitle(m)} Working Group meeting are withdrawn (${by ? `${by} withdrew them${because}` : why}).`;
        for (const p of to) out.dm(p, pollCardKey(m, mt), text, slotPollCard(m, mt, ctx, p));
      }
      return;
    }
    case 'WorkingGroupMemberAdded':
    case 'WorkingGroupMemberRemoved':
      membershipInvites(b, e.type === 'WorkingGroupMemberAdded', e.person, m);
      return;
    case 'MeetingHeld': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      const at = mt?.confirmedAt ? ` of ${when(mt.confirmedAt)}` : '';
      // R75: the meeting card's Attending / Can't attend buttons are retired once it is held.
      if (mt) {
        const held = `The ${refTitle(m)} Working Group meeting${at} is recorded as held; attendance can no longer be changed.`;
        for (const p of mt.invited ?? members)
          out.dm(p, meetingCardKey(m, mt), held, meetingCard(m, mt, ctx, p));
      }
      for (const p of e.deemed) {
        out.dm(
          p,
          `deemed:${m.number}:${e.meetingId}`,
          `The ${refTitle(m)} Working Group meeting${at} is recorded as held. You neither attended nor sent comments, so the record says: ${deemedText(nameOf(ctx, p))}`,
        );
      }
      return;
    }
    default:
      return;
  }
}
