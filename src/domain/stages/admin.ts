// Stage: admin (R1, R30, R54, R62, R67). Directory, channel and calendar changes are system-stream
// events; decide only validates them against the directory and calendar in the context, and the
// store projects them (the process state ignores them, see evolve).
import type { CHANNELS } from '../commands.ts';
import type { SystemEvent } from '../events.ts';
import type { Context, Person, Refusal, Role } from '../types.ts';
import {
  TEAMS_ID,
  canonicalPlatformId,
  effectiveRoles,
  groupSpeltOtherwise,
  isRefusal,
  refuse,
} from '../types.ts';
import { formatLocalDate, isAlwaysExcluded, parseLocalDate } from '../working-days.ts';
import { dayNumber, shippedHolidays, weekdayOfDay } from '../holidays.ts';
import type { Stage } from './common.ts';
import { findPerson, ok } from './common.ts';
import { ROLE_NAME_ONE } from '../roles.ts';
import { cmd as cmdText } from '../../views/hints.ts';

function person(ctx: Context, token: string): Person | Refusal {
  return findPerson(ctx, token) ?? refuse('not_found', `Unknown person: ${token}.`);
}

/**
 * R62: a voting group's votes are counted by its exact name, so "suppliers" beside "Suppliers" would be
 * two groups, each with its own majority; a name that differs from a group in use only in capitals or
 * spaces is refused with the spelling in use.
 */
function sameGroupSpeltOtherwise(ctx: Context, group: string): Refusal | undefined {
  const inUse = ctx.people.find((x) => x.votingGroup && groupSpeltOtherwise(x.votingGroup, group));
  return inUse?.votingGroup
    ? refuse(
        'bad_input',
        `${inUse.name} is in the voting group "${inUse.votingGroup}", which differs from "${group}" only in capitals or spaces; groups are counted by their exact name, so use "${inUse.votingGroup}" (or change theirs first).`,
      )
    : undefined;
}

/** R54: there is one chair at a time, so a second one is refused until the first is removed. */
function chairTaken(ctx: Context, except?: string): Refusal | undefined {
  const chair = ctx.people.find((p) => p.roles.includes('panel_chair') && p.id !== except);
  return chair
    ? refuse(
        'bad_input',
        `${chair.name} is the Panel chair; remove that role first (${cmdText(`admin role remove ${chair.id} panel_chair`)}).`,
      )
    : undefined;
}

/**
 * R62: under voting groups a Change Board ballot cannot open while a voter has no group, so giving
 * someone a Change Board seat without one is told how to give them one now (a warning: the group may
 * be settled later, before the next ballot).
 */
function groupNeeded(ctx: Context, p: Pick<Person, 'id' | 'votingGroup'>, roles: readonly Role[]): string {
  if (ctx.settings.SEC_CB_RULE !== 'voting_groups' || p.votingGroup || !roles.includes('change_board'))
    return '';
  return ` Under voting groups they need a group before the next Change Board ballot: ${cmdText(`admin group ${p.id} <group>`)}.`;
}

/** Weekend and holiday status of a date, or a refusal for a date the calendar cannot answer for. */
function dayFacts(ctx: Context, date: string): { working: boolean; holiday?: string } | Refusal {
  if (!parseLocalDate(date)) return refuse('bad_input', `${date} is not a calendar date.`);
  try {
    const holiday = ctx.calendar.holidays(Number(date.slice(0, 4))).find((h) => h.date === date);
    return { working: ctx.calendar.isWorkingDay(date), ...(holiday ? { holiday: holiday.name } : {}) };
  } catch {
    return refuse('bad_input', `${date} is outside the years the calendar covers.`);
  }
}

export const adminStage: Stage = {
  handlers: {
    // Re-adding an existing e-mail is refused rather than treated as an update: roles change one at a
    // time through `admin role`, so each change is its own recorded event (R67).
    'admin-person-add': (_world, cmd, ctx) => {
      const id = cmd.email.trim().toLowerCase();
      const existing = ctx.people.find((p) => p.id.toLowerCase() === id || p.email.toLowerCase() === id);
      if (existing) {
        return refuse(
          'bad_input',
          `${cmd.email} is already ${existing.name}; change their roles with ${cmdText('admin role')}.`,
        );
      }
      const roles = [...new Set<Role>(cmd.roles)];
      if (roles.includes('panel_chair')) {
        const taken = chairTaken(ctx);
        if (taken) return taken;
      }
      if (cmd.group) {
        const spelt = sameGroupSpeltOtherwise(ctx, cmd.group);
        if (spelt) return spelt;
      }
      const added: Person = {
        id,
        email: cmd.email.trim(),
        name: cmd.name,
        roles,
        ...(cmd.group ? { votingGroup: cmd.group } : {}),
      };
      const event: SystemEvent = { type: 'PersonAdded', person: added };
      // R71: roles by their plain names.
      const names = roles.map((r) => ROLE_NAME_ONE[r]);
      const last = names.pop();
      const what = last
        ? `with the ${names.length ? 'roles' : 'role'} ${names.length ? `${names.join(', ')} and ${last}` : last}`
        : 'with no roles';
      return ok(`Added ${added.name} (${id}) ${what}.${groupNeeded(ctx, added, roles)}`, [event]);
    },

    'admin-role': (_world, cmd, ctx) => {
      const p = person(ctx, cmd.person);
      if (isRefusal(p)) return p;
      const role = ROLE_NAME_ONE[cmd.role];
      // R54: panel_chair implies panel, so a chair without the panel role itself is a Panel member
      // through the chair role; adding or removing panel says so either way.
      if (cmd.role === 'panel' && !p.roles.includes('panel') && p.roles.includes('panel_chair')) {
        return refuse(
          'already_done',
          `${p.name} is a Panel member through the Panel chair role${cmd.op === 'remove' ? `; to end that, remove the chair role (${cmdText(`admin role remove ${p.id} panel_chair`)})` : ''}.`,
        );
      }
      if (cmd.op === 'add') {
        if (effectiveRoles(p).includes(cmd.role))
          return refuse('already_done', `${p.name} already has the ${role} role.`);
        if (cmd.role === 'panel_chair') {
          const taken = chairTaken(ctx, p.id);
          if (taken) return taken;
        }
      } else if (!p.roles.includes(cmd.role)) {
        return refuse('already_done', `${p.name} does not have the ${role} role.`);
      } else if (
        cmd.role === 'admin' &&
        !ctx.people.some((x) => x.id !== p.id && x.roles.includes('admin'))
      ) {
        // R2, R54: only an admin adds people and changes roles in chat, so the last admin stays one.
        return refuse(
          'bad_input',
          `${p.name} is the only admin; give someone else the admin role first (${cmdText('admin role add <person> admin')}), so someone can still manage the directory.`,
        );
      }
      const event: SystemEvent = { type: 'RoleChanged', person: p.id, role: cmd.role, op: cmd.op };
      // R62: ballots keep the voter list frozen at their opening.
      const note =
        cmd.role === 'change_board' || cmd.role.startsWith('panel')
          ? ' Open ballots keep their voter lists.'
          : '';
      // R2, R62: an alternate left with no role is no longer a participant, so ballots opened from
      // now on do not seat them (seatsFor); the reply says so rather than leave the admin guessing.
      const left = effectiveRoles({ ...p, roles: p.roles.filter((r) => r !== cmd.role) });
      const standsFor =
        cmd.op === 'remove' && left.length === 0
          ? ctx.people.filter((m) => m.id !== p.id && m.alternate === p.id)
          : [];
      // R62: an alternate who joins the Change Board votes in their own seat from the next ballot.
      const joins =
        cmd.op === 'add' && cmd.role === 'change_board'
          ? ctx.people.filter((m) => m.id !== p.id && m.alternate === p.id)
          : [];
      const own = joins.length
        ? ` ${p.name} now votes in their own seat, so no longer stands in for ${joins.map((m) => m.name).join(' or ')} from the next ballot.`
        : '';
      const alt = standsFor.length
        ? ` ${p.name} has no roles now, so no longer stands in for ${standsFor.map((m) => m.name).join(' or ')} from the next ballot.`
        : '';
      const group = cmd.op === 'add' && cmd.role === 'change_board' ? groupNeeded(ctx, p, [cmd.role]) : '';
      return ok(
        `${cmd.op === 'add' ? `Gave ${p.name} the ${role} role` : `Removed the ${role} role from ${p.name}`}.${note}${alt}${own}${group}`,
        [event],
      );
    },

    // R1: one person, many platform identities; the store keeps the mapping and its uniqueness.
    'admin-link': (_world, cmd, ctx) => {
      const p = person(ctx, cmd.person);
      if (isRefusal(p)) return p;
      // R1: a Teams id is an AAD object id, a GUID, compared without case (as the CSV import checks).
      const id = canonicalPlatformId(cmd.platform, cmd.platformId);
      if (!id || /\s/.test(id))
        return refuse('bad_input', `"${cmd.platformId}" is not a ${cmd.platform} user id.`);
      if (cmd.platform === 'teams' && !TEAMS_ID.test(id)) {
        return refuse(
          'bad_input',
          `"${cmd.platformId}" is not a Teams user id: give the person's AAD object id, a GUID such as 5f2b1c3d-0a1b-4c2d-9e8f-0123456789ab.`,
        );
      }
      // R1: an id is one person's. Linking one that is already someone else's is the admin moving it
      // (a wrong link put right): the event names whom it is moved from, so the store moves it only
      // from that person, and the reply says so. An import never moves one (people-import.ts).
      if (ctx.linkedTo === p.id)
        return refuse('already_done', `${cmd.platform} id ${id} is already linked to ${p.name}.`);
      const from = ctx.linkedTo ? ctx.people.find((x) => x.id === ctx.linkedTo) : undefined;
      const event: SystemEvent = {
        type: 'IdentityLinked',
        person: p.id,
        platform: cmd.platform,
        platformId: id,
        ...(ctx.linkedTo ? { from: ctx.linkedTo } : {}),
      };
      const moved = ctx.linkedTo
        ? ` It was linked to ${from ? `${from.name} (${from.email})` : ctx.linkedTo}, who no longer acts through it.`
        : '';
      return ok(
        `Linked ${cmd.platform}:${id} to ${p.name}; it now acts as ${p.name} on ${cmd.platform}.${moved}`,
        [event],
      );
    },

    // R62: member and alternate are one seat; the alternate votes only when the member has not.
    'admin-alternate': (_world, cmd, ctx) => {
      const member = person(ctx, cmd.person);
      if (isRefusal(member)) return member;
      if (cmd.alternate === null) {
        const was = member.alternate ? ctx.people.find((p) => p.id === member.alternate) : undefined;
        if (!member.alternate) return refuse('already_done', `${member.name} has no alternate.`);
        const cleared: SystemEvent = { type: 'AlternateSet', person: member.id, alternate: null };
        return ok(
          `${was?.name ?? member.alternate} is no longer ${member.name}'s alternate: from the next ballot nobody stands in for ${member.name}. Ballots already open keep their seats.`,
          [cleared],
        );
      }
      const alternate = person(ctx, cmd.alternate);
      if (isRefusal(alternate)) return alternate;
      if (!member.roles.includes('change_board')) {
        return refuse(
          'bad_input',
          `${member.name} is not a Change Board member, so cannot have an alternate.`,
        );
      }
      if (member.id === alternate.id)
        return refuse('bad_input', `${member.name} cannot be their own alternate.`);
      // R62: a Change Board member votes in their own seat, so as someone's alternate they could never
      // stand in (seatsFor leaves such a seat without one); refused rather than confirmed and ignored.
      if (effectiveRoles(alternate).includes('change_board')) {
        return refuse(
          'bad_input',
          `${alternate.name} is a Change Board member and votes in their own seat, so cannot stand in for ${member.name}. Choose someone who is not on the Change Board.`,
        );
      }
      // R62: member and alternate are one seat; two people standing in for each other would be two
      // seats each claiming the other.
      if (alternate.alternate === member.id) {
        return refuse(
          'bad_input',
          `${member.name} is ${alternate.name}'s alternate, so ${alternate.name} cannot also be ${member.name}'s.`,
        );
      }
      if (member.alternate === alternate.id) {
        return refuse('already_done', `${alternate.name} is already ${member.name}'s alternate.`);
      }
      // R62: a person stands in for one member only; a vote counts in one seat, so a second member's
      // alternate could never vote for them while reminders would ask them to.
      const other = ctx.people.find((p) => p.id !== member.id && p.alternate === alternate.id);
      if (other) {
        return refuse(
          'bad_input',
          `${alternate.name} is already ${other.name}'s alternate, and a person can be the alternate for one Change Board member only. Choose someone else for ${member.name}.`,
        );
      }
      const event: SystemEvent = { type: 'AlternateSet', person: member.id, alternate: alternate.id };
      return ok(`${alternate.name} is now ${member.name}'s alternate for ballots opened from now on.`, [
        event,
      ]);
    },

    // R62: a seat's group is frozen in the ballot when it opens (seatsFor), so a change counts from the
    // next ballot; under voting groups a Change Board member left without one blocks the next ballot.
    'admin-group': (_world, cmd, ctx) => {
      const p = person(ctx, cmd.person);
      if (isRefusal(p)) return p;
      const was = p.votingGroup;
      if (cmd.group === null && !was) return refuse('already_done', `${p.name} has no voting group.`);
      if (cmd.group !== null && was === cmd.group)
        return refuse('already_done', `${p.name} is already in the voting group ${cmd.group}.`);
      if (cmd.group !== null) {
        const spelt = sameGroupSpeltOtherwise(ctx, cmd.group);
        if (spelt) return spelt;
      }
      const event: SystemEvent = { type: 'VotingGroupSet', person: p.id, group: cmd.group };
      const open = ' Ballots already open keep the groups they opened with.';
      if (cmd.group === null) {
        const needed = groupNeeded(ctx, { id: p.id }, p.roles);
        return ok(`${p.name} is no longer in the voting group ${was}.${open}${needed}`, [event]);
      }
      // What the group does now: nothing for someone with no Change Board seat, nor under another rule.
      const counts = !p.roles.includes('change_board')
        ? `; it counts once they are a Change Board member.`
        : ctx.settings.SEC_CB_RULE !== 'voting_groups'
          ? '; Change Board ballots are decided by simple majority at present, so it counts only if the decision rule becomes voting groups.'
          : `; ballots opened from now on count their vote in it.${open}`;
      return ok(`${p.name} is now in the voting group ${cmd.group}${was ? ` (was ${was})` : ''}${counts}`, [
        event,
      ]);
    },

    // R42: a conversation may be more than one of the bot's channels (the SPEC does not keep them
    // apart, and a small team may want one room), so that is allowed and said; a name registered
    // elsewhere on this platform moves here, and the reply says it replaces that one. ctx.channels is
    // read for this command only (execute.ts); without it the reply cannot say either.
    'admin-channel': (_world, cmd, ctx) => {
      // R71: the channel in words, not its id or code.
      const platform = cmd.platform === 'slack' ? 'Slack' : cmd.platform === 'teams' ? 'Teams' : cmd.platform;
      const name = CHANNEL_WORDS[cmd.channel];
      const registered = (ctx.channels ?? []).filter((r) => r.platform === cmd.platform);
      const before = registered.find((r) => r.channel === cmd.channel);
      if (before?.channelId === cmd.channelId)
        return refuse('already_done', `This ${platform} channel is already the ${name} channel.`);
      const also = registered
        .filter((r) => r.channel !== cmd.channel && r.channelId === cmd.channelId)
        .flatMap((r) =>
          Object.hasOwn(CHANNEL_WORDS, r.channel) ? [CHANNEL_WORDS[r.channel as Channel]] : [],
        );
      const event: SystemEvent = {
        type: 'ChannelRegistered',
        channel: cmd.channel,
        platform: cmd.platform,
        channelId: cmd.channelId,
      };
      const replaces = before ? `; it replaces the previous ${name} channel, which gets no more of them` : '';
      const both = also.length
        ? ` This channel is also the ${also.join(' and ')} channel${also.length === 1 ? '; it will get both' : 's; it will get all three'}.`
        : '';
      return ok(
        `This ${platform} channel is now the ${name} channel: ${CHANNEL_POSTS[cmd.channel]} are posted here from now on${replaces}.${both}`,
        [event],
      );
    },

    // R30, R67: the change applies to deadlines computed from now on. Deadlines already set keep their
    // due instants (each records the calendar version that computed it), so nothing here touches them.
    'admin-holiday': (_world, cmd, ctx) => {
      const facts = dayFacts(ctx, cmd.date);
      if (isRefusal(facts)) return facts;
      const day = formatLocalDate(cmd.date);
      if (cmd.op === 'remove') {
        if (isAlwaysExcluded(cmd.date)) {
          return refuse(
            'holiday_fixed',
            `${day} is Christmas Day or Good Friday, which is never a Working Day.`,
          );
        }
        if (!facts.holiday) return refuse('already_done', `${day} is not a holiday.`);
        const event: SystemEvent = { type: 'HolidayChanged', date: cmd.date, op: 'remove' };
        // R30: a holiday removed from a Saturday or Sunday leaves a weekend day; from a weekday it
        // makes a Working Day (facts.working is the day before the removal, so it cannot tell).
        const wd = [0, 6].includes(weekdayOfDay(dayNumber(cmd.date))) ? ' (it is still a weekend day)' : '';
        return ok(`${day} (${facts.holiday}) is no longer a holiday${wd}; existing deadlines do not move.`, [
          event,
        ]);
      }
      if (!facts.working) {
        const why = facts.holiday ? `already a holiday (${facts.holiday})` : 'a weekend day';
        return refuse('already_done', `${day} is ${why}, so it is already not a Working Day.`);
      }
      // R30: re-adding a shipped holiday an admin removed keeps its published name.
      const shipped = shippedHolidays(Number(cmd.date.slice(0, 4))).find((h) => h.date === cmd.date);
      const name = cmd.name ?? shipped?.name ?? 'Holiday (added by an admin)';
      const event: SystemEvent = { type: 'HolidayChanged', date: cmd.date, op: 'add', name };
      return ok(`${day} is now a holiday (${name}); existing deadlines do not move.`, [event]);
    },
  },
};

type Channel = (typeof CHANNELS)[number];

/** R71: the channels by name (SPEC §7). */
const CHANNEL_WORDS: Record<Channel, string> = {
  'change-board': 'Change Board',
  panel: 'Panel',
  announcements: 'announcements',
};

/** What each channel gets (SPEC §7), so the admin reads what the registration does. */
const CHANNEL_POSTS: Record<Channel, string> = {
  'change-board': 'new Draft Proposals, Change Board views and Change Board ballots',
  panel: 'Panel ballots, what awaits the Panel and the stalled digest',
  announcements: 'consultations and Fast Track decisions and objections',
};
