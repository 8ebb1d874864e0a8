// Working Group meetings (R39–R41, R63, R64): slot polls, confirmation with a reminder, attendance,
// and the record of a held meeting, where members who neither came nor sent comments are "deemed".
import type { ModificationEvent } from './events.ts';
import type { Deadline, Meeting, Modification, World } from './modification.ts';
import { refOf } from './modification.ts';
import type { Result, Stage } from './stages/common.ts';
import { DeadlineMaker, actorId, cancelDeadlines, getMod, ok, resolvePeople } from './stages/common.ts';
import type { Context, Person, PersonId, Refusal, Status } from './types.ts';
import { isRefusal, refuse } from './types.ts';
import { statusIs, when } from './words.ts';
import { londonDate, londonInstant } from './working-days.ts';
import { cmd as cmdText } from '../views/hints.ts';

/** R63: every slot is one hour. */
export const MEETING_MINUTES = 60;

/** R41: the exact words the record uses for a member who neither attended nor sent comments. */
export const DEEMED_PHRASE = 'deemed to have read the papers and to have nothing further to add';
export const deemedText = (personName: string): string => `${personName} is ${DEEMED_PHRASE}.`;

/**
 * Meetings are proposed only while the Working Group works: in Development (R14, "meetings are
 * scheduled as in §5") and in Refinement (R16, up to the final Working Group meeting). Later stages
 * have no Working Group work, and a pre-routing DP has no Working Group yet. A meeting already
 * proposed or confirmed carries on across a routing; only final exits cancel it (R57).
 */
export const MEETING_STATUSES: readonly Status[] = ['development', 'refinement'];

export { recommendedSlot } from './meeting-poll.ts';

/** The newest meeting in one of these states (R63: commands address the latest one). */
export function latestMeeting(m: Modification, states: readonly Meeting['status'][]): Meeting | undefined {
  return [...m.meetings].reverse().find((x) => states.includes(x.status));
}

/** Confirmed meetings not yet recorded as held, soonest first. */
const confirmedByTime = (m: Modification): (Meeting & { confirmedAt: string })[] =>
  m.meetings
    .filter((x): x is Meeting & { confirmedAt: string } => x.status === 'confirmed' && !!x.confirmedAt)
    .sort((a, b) => a.confirmedAt.localeCompare(b.confirmedAt));

/**
 * R63, R40: the meeting a typed `attend` answers about: the earliest confirmed meeting still to come (the
 * one its reminder asked about), else the latest confirmed one already started, else the open poll (which
 * `attend` refuses: a poll is answered slot by slot).
 */
function attendTarget(m: Modification, now: Date): Meeting | undefined {
  const confirmed = confirmedByTime(m);
  return (
    confirmed.find((x) => new Date(x.confirmedAt) > now) ?? confirmed.at(-1) ?? latestMeeting(m, ['proposed'])
  );
}

const slotList = (slots: readonly string[]): string => slots.map((s, i) => `${i + 1}) ${when(s)}`).join('; ');

function withWorkingGroup(world: World, n: number, doing: string): Modification | Refusal {
  const m = getMod(world, n);
  if (isRefusal(m)) return m;
  if (!m.workingGroup || m.workingGroup.members.length === 0) {
    return refuse(
      'prerequisites',
      `${refOf(m)} has no Working Group yet: form one (${cmdText('wg form')}) before you ${doing}.`,
    );
  }
  return m;
}

function noMeeting(m: Modification, what: string): Refusal {
  return refuse('no_meeting', `${refOf(m)} has no ${what} Working Group meeting.`);
}

/** R75: why an old poll button records nothing: the poll it was made for is confirmed or withdrawn. */
function pollClosedText(m: Modification, mt: Meeting | undefined): string {
  if (!mt) return `That button is not for a ${refOf(m)} meeting poll; your answer was not recorded.`;
  const why =
    mt.status === 'confirmed' || mt.status === 'held'
      ? `SECAS confirmed ${mt.confirmedAt ? when(mt.confirmedAt) : 'a time'}`
      : 'the poll was withdrawn';
  return `The ${refOf(m)} meeting poll is closed (${why}); your answer was not recorded.`;
}

/** R75: why an old attendance button records nothing: the meeting was held or cancelled. */
function meetingOverText(m: Modification, mt: Meeting | undefined): string {
  const at = mt?.confirmedAt ? ` of ${when(mt.confirmedAt)}` : '';
  const why =
    mt?.status === 'held' ? 'was held' : mt?.status === 'cancelled' ? 'was cancelled' : 'is not confirmed';
  return `The ${refOf(m)} Working Group meeting${at} ${why}; your answer was not recorded.`;
}

/**
 * R64: the reminder at 09:00 London on the Working Day before the meeting's date, unless that has
 * already passed; and the meeting's start as a deadline of its own (subject: the meeting), since at the
 * start answers close and SECAS owes the record of who came (R40, R41): the members' cards lose their
 * buttons and what each person owes is drawn again then (R75, R81), not at the next change.
 */
function meetingDeadlines(m: Modification, meetingId: string, at: Date, ctx: Context): ModificationEvent[] {
  const day = ctx.calendar.subtractWorkingDays(londonDate(at), 1);
  const at9 = londonInstant(day, '09:00');
  const maker = new DeadlineMaker(m, ctx);
  if (at9 > ctx.now) maker.add('reminder:meeting', at9, { reminder: true, subject: meetingId });
  maker.add('meeting', at, { subject: meetingId });
  return maker.events;
}

/** R40, R41: at a meeting's start its answers close; nothing changes in the record until SECAS's. */
function onMeetingStart(_world: World, m: Modification, d: Deadline): Result {
  const mt = m.meetings.find((x) => x.id === d.subject);
  const at = mt?.confirmedAt ?? d.due;
  return ok(`The ${refOf(m)} Working Group meeting of ${when(at)} has started; SECAS records who came.`, []);
}

const names = (people: readonly Person[]): string => people.map((p) => p.name).join(', ');

export const meetingsStage: Stage = {
  deadlines: { meeting: onMeetingStart },
  handlers: {
    'meeting-propose': (world, cmd, ctx) => {
      const m = withWorkingGroup(world, cmd.ref, 'propose a meeting');
      if (isRefusal(m)) return m;
      if (!MEETING_STATUSES.includes(m.status)) {
        return refuse(
          'wrong_status',
          `${refOf(m)} is ${statusIs(m.status)}: Working Group meetings are proposed in development or refinement.`,
        );
      }
      const slots = cmd.slots.map((s) => new Date(s).toISOString());
      const past = slots.findIndex((s) => new Date(s) <= ctx.now);
      if (past >= 0)
        return refuse('bad_input', `Slot ${past + 1} (${when(slots[past] as string)}) is not in the future.`);
      if (new Set(slots).size !== slots.length)
        return refuse('bad_input', 'Each slot must be a different time.');
      const events: ModificationEvent[] = [];
      // A new poll replaces an unconfirmed one; confirmed meetings stand (several may be planned).
      for (const old of m.meetings.filter((x) => x.status === 'proposed')) {
        events.push({ type: 'MeetingCancelled', n: m.number, meetingId: old.id });
      }
      const meeting: Meeting = {
        id: `mtg-${m.meetings.length + 1}`,
        slots,
        status: 'proposed',
        availability: {},
        attendance: {},
      };
      events.push({ type: 'MeetingProposed', n: m.number, meeting });
      const replaced = events.length > 1 ? ' It replaces the earlier unconfirmed proposal.' : '';
      return ok(
        `Proposed ${slots.length} slots for the ${refOf(m)} Working Group meeting (London time, ${MEETING_MINUTES} minutes): ${slotList(slots)}. Members are asked which they can attend.${replaced}`,
        events,
      );
    },

    available: (world, cmd, ctx) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      const mt = latestMeeting(m, ['proposed']);
      // R75: a poll button acts only on the poll it was made for, and only while that poll is open.
      if (cmd.meeting !== undefined && mt?.id !== cmd.meeting)
        return refuse(
          'no_meeting',
          pollClosedText(
            m,
            m.meetings.find((x) => x.id === cmd.meeting),
          ),
        );
      if (!mt) return noMeeting(m, 'proposed');
      const at = mt.slots[cmd.slot - 1];
      if (!at)
        return refuse(
          'bad_input',
          `The ${refOf(m)} meeting has slots 1 to ${mt.slots.length}; there is no slot ${cmd.slot}.`,
        );
      const event: ModificationEvent = {
        type: 'AvailabilityGiven',
        n: m.number,
        meetingId: mt.id,
        person: actorId(ctx),
        slot: cmd.slot,
        yes: cmd.yes,
      };
      return ok(
        `Your answer: you ${cmd.yes ? 'can' : 'cannot'} attend slot ${cmd.slot} (${when(at)}) of the ${refOf(m)} Working Group meeting poll; you can change it until SECAS confirms the time.`,
        [event],
      );
    },

    'meeting-confirm': (world, cmd, ctx) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      const mt = latestMeeting(m, ['proposed', 'confirmed']);
      if (!mt) return noMeeting(m, 'proposed');
      // R75: a "Confirm slot n" button acts only on the poll it was made for, and only while it is open.
      if (cmd.meeting !== undefined && (mt.id !== cmd.meeting || mt.status !== 'proposed')) {
        const clicked = m.meetings.find((x) => x.id === cmd.meeting);
        return clicked?.status === 'confirmed' && clicked.confirmedAt
          ? refuse(
              'already_done',
              `The ${refOf(m)} meeting is already confirmed for ${when(clicked.confirmedAt)}; nothing changed. To move it, type ${cmdText(`meeting confirm ${refOf(m)} <slot or time>`)}.`,
            )
          : refuse(
              'no_meeting',
              `Those proposed times for the ${refOf(m)} meeting are no longer open; nothing was confirmed.`,
            );
      }
      let at: string;
      if (typeof cmd.slot === 'number') {
        const s = mt.slots[cmd.slot - 1];
        if (!s)
          return refuse(
            'bad_input',
            `The ${refOf(m)} meeting has slots 1 to ${mt.slots.length}; there is no slot ${cmd.slot}.`,
          );
        at = s;
      } else {
        at = new Date(cmd.slot).toISOString();
      }
      if (new Date(at) <= ctx.now) return refuse('bad_input', `${when(at)} is not in the future.`);
      if (mt.status === 'confirmed' && mt.confirmedAt === at) {
        return refuse('already_done', `The ${refOf(m)} meeting is already confirmed for ${when(at)}.`);
      }
      // Moving a confirmed meeting drops the reminder computed for the old time.
      const events: ModificationEvent[] = [
        ...cancelDeadlines(m, (d) => d.subject === mt.id),
        { type: 'MeetingConfirmed', n: m.number, meetingId: mt.id, at },
        ...meetingDeadlines(m, mt.id, new Date(at), ctx),
      ];
      return ok(
        // R64: the reminder is promised only when there is one (none once 09:00 the Working Day before has passed).
        `Confirmed the ${refOf(m)} Working Group meeting for ${when(at)} (London time, ${MEETING_MINUTES} minutes); members get an invite${events.some((e) => e.type === 'DeadlineSet' && e.deadline.reminder) ? ' and a reminder the Working Day before' : ''}.`,
        events,
      );
    },

    attend: (world, cmd, ctx) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      // R75: an attendance button acts only on the meeting it was made for, while it is still to come.
      const mt =
        cmd.meeting === undefined ? attendTarget(m, ctx.now) : m.meetings.find((x) => x.id === cmd.meeting);
      if (cmd.meeting !== undefined && mt?.status !== 'confirmed')
        return refuse('no_meeting', meetingOverText(m, mt));
      if (!mt) return noMeeting(m, 'confirmed');
      // R40, R63: attendance is an answer about a confirmed time; while only a poll is open there is no
      // time to attend yet, and the answer is given slot by slot (it would otherwise stand for whichever
      // slot SECAS confirms, even one the member said they cannot attend).
      if (mt.status === 'proposed')
        return refuse(
          'no_meeting',
          `The ${refOf(m)} Working Group meeting has no confirmed time yet, so your answer was not recorded. Say which proposed times you can attend: ${cmdText(`available ${refOf(m)} <slot> yes|no`)}. The proposed times: ${slotList(mt.slots)}.`,
        );
      // R40, R74: "will attend" is an answer about a meeting still to come; once it has started, who came
      // is SECAS's record (R41), and a late answer would say "will" of the past.
      if (mt.status === 'confirmed' && mt.confirmedAt && Date.parse(mt.confirmedAt) <= ctx.now.getTime())
        return refuse(
          'no_meeting',
          `The ${refOf(m)} Working Group meeting of ${when(mt.confirmedAt)} has started; your answer was not recorded. SECAS records who came.`,
        );
      const until = mt.confirmedAt
        ? `until it starts, ${when(mt.confirmedAt)} (London time)`
        : 'until it starts';
      // R74: what was recorded, and until when it can be changed: answers close at the start (R40, R75).
      return ok(
        `Your answer: you ${cmd.yes ? 'will' : 'cannot'} attend the ${refOf(m)} Working Group meeting; you can change it ${until}.`,
        [{ type: 'AttendanceGiven', n: m.number, meetingId: mt.id, person: actorId(ctx), yes: cmd.yes }],
      );
    },

    // R78: cancelling sends every member an update with the invite's UID (METHOD:CANCEL), through the
    // MeetingCancelled notifications a new poll or a final status already sends. The meeting cancelled is
    // the next confirmed one still to come (or the one at the time given), else the open poll; a meeting
    // that has started is SECAS's to record as held, not to cancel.
    'meeting-cancel': (world, cmd, ctx) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      const upcoming = confirmedByTime(m).filter((x) => new Date(x.confirmedAt) > ctx.now);
      let mt: Meeting | undefined;
      if (cmd.at !== undefined) {
        const at = new Date(cmd.at).toISOString();
        mt = upcoming.find((x) => x.confirmedAt === at);
        if (!mt) {
          const list = upcoming.map((x) => when(x.confirmedAt)).join('; ');
          return refuse(
            'no_meeting',
            `${refOf(m)} has no confirmed Working Group meeting at ${when(at)} still to come${list ? `; its confirmed meetings: ${list}` : ''}.`,
          );
        }
      } else {
        mt = upcoming[0] ?? latestMeeting(m, ['proposed']);
      }
      if (!mt) {
        const started = confirmedByTime(m).at(-1);
        return started
          ? refuse(
              'no_meeting',
              `The ${refOf(m)} Working Group meeting of ${when(started.confirmedAt)} has started, so it cannot be cancelled; record it as held (${cmdText(`meeting held ${refOf(m)} attended=<people>`)}).`,
            )
          : noMeeting(m, 'confirmed or proposed');
      }
      const events: ModificationEvent[] = [
        ...cancelDeadlines(m, (d) => d.subject === mt.id),
        {
          type: 'MeetingCancelled',
          n: m.number,
          meetingId: mt.id,
          by: actorId(ctx),
          ...(cmd.reason ? { reason: cmd.reason } : {}),
        },
      ];
      const others = upcoming.filter((x) => x.id !== mt.id).length;
      const still = others
        ? ` ${others === 1 ? 'One other confirmed meeting stands' : `${others} other confirmed meetings stand`}.`
        : '';
      return ok(
        mt.confirmedAt
          ? `Cancelled the ${refOf(m)} Working Group meeting of ${when(mt.confirmedAt)}: members are told, and their calendar invite is withdrawn.${still}`
          : `Withdrew the proposed times for the ${refOf(m)} Working Group meeting: members are told. Propose new ones with ${cmdText(`meeting propose ${refOf(m)} <time> <time>`)}.`,
        events,
      );
    },

    'meeting-held': (world, cmd, ctx) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      // R41, R63: the meeting just held is the latest confirmed one that has started and is not yet
      // recorded; a later confirmed meeting does not hide an earlier one.
      const confirmed = confirmedByTime(m);
      const mt = confirmed.filter((x) => new Date(x.confirmedAt) <= ctx.now).at(-1);
      if (!mt) {
        const next = confirmed[0];
        if (!next) return noMeeting(m, 'confirmed');
        return refuse(
          'too_early',
          `The ${refOf(m)} meeting starts ${when(next.confirmedAt)}; record it as held after that.`,
        );
      }
      const attended = resolvePeople(ctx, cmd.attended);
      if (isRefusal(attended)) return attended;
      // R39: no quorum, but a meeting nobody attended was not held.
      if (attended.length === 0)
        return refuse('bad_input', 'Name at least one person who attended (attended=<people>).');
      const commented = resolvePeople(ctx, cmd.comments);
      if (isRefusal(commented)) return commented;
      const spoke = new Set<PersonId>([...attended, ...commented].map((p) => p.id));
      const members = m.workingGroup?.members ?? [];
      const deemed = members.filter((id) => !spoke.has(id));
      const events: ModificationEvent[] = [
        ...cancelDeadlines(m, (d) => d.subject === mt.id),
        {
          type: 'MeetingHeld',
          n: m.number,
          meetingId: mt.id,
          attended: attended.map((p) => p.id),
          comments: commented.map((p) => p.id).filter((id) => !attended.some((p) => p.id === id)),
          deemed,
          ...(cmd.notes ? { notes: cmd.notes } : {}),
        },
      ];
      const nameOf = (id: PersonId) => ctx.people.find((p) => p.id === id)?.name ?? id;
      const deemedNote = deemed.length ? ` ${deemed.map((id) => deemedText(nameOf(id))).join(' ')}` : '';
      return ok(
        `Recorded the ${refOf(m)} Working Group meeting of ${when(mt.confirmedAt)} as held (attended: ${names(attended)}).${deemedNote}`,
        events,
      );
    },
  },
};
