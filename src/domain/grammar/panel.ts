// Text forms of the Panel chair's and the admins' commands (§6, R53, R59, R61, R65, R67).
import { CHANNELS, DETERMINATIONS, ROUTES } from '../commands.ts';
import type { Args } from './args.ts';
import { dateValue, intValue } from './args.ts';
import { Bad, splitList, unwrapLink } from './tokens.ts';
import type { Draft, Reader } from './process.ts';
import { clean, noWords, refOnly } from './process.ts';
import type { UsageKey } from './usage.ts';
import { cmd } from '../../views/hints.ts';
import { ROLES, canonicalPlatformId } from '../types.ts';
import type { Role } from '../types.ts';
import { pairKeys } from './fields.ts';

const DETERMINATION_ALIASES = {
  selfgovernance: 'self-governance',
  'self-governed': 'self-governance',
  sg: 'self-governance',
} as const;

const refReason = (type: string, key: UsageKey): Reader => ({
  key,
  read: (a) => {
    const ref = a.ref();
    const reason = a.rest('reason');
    if (reason === undefined) throw new Bad('Missing the reason.');
    return { type, ref, reason };
  },
});

/** Role words as typed: `change_board`, `change-board` or `changeboard`. */
export function roleValue(s: string): Role | undefined {
  const v = s.toLowerCase().replace(/-/g, '_');
  return ROLES.find((r) => r === v || r.replace(/_/g, '') === v);
}

const role = (a: Args): Role => roleOrBad(a.word('a role'));

const titleProblem = (a: Args, type: string): Draft => {
  const { pairs, words } = a.options(['title', 'problem']);
  noWords(words);
  if (pairs.title === undefined || pairs.problem === undefined)
    throw new Bad('Give title="…" and problem="…".');
  return { type, title: pairs.title, problem: pairs.problem };
};

export const PANEL_READERS: Record<string, Reader> = {
  'panel route': {
    key: 'panel-route',
    read: (a) => {
      const ref = a.ref();
      const route = a.oneOf(ROUTES.join(', '), ROUTES);
      const determination = a.optOneOf(DETERMINATIONS, DETERMINATION_ALIASES);
      let by: string | undefined;
      if (a.optOneOf(['by'])) by = a.date();
      const { pairs, words } = a.options(pairKeys('panel-route'));
      noWords(words);
      if (by !== undefined && pairs.by !== undefined) throw new Bad('Give the report-back date once.');
      by ??= pairs.by === undefined ? undefined : dateValue(pairs.by);
      return clean({ type: 'panel-route', ref, route, determination, by, questions: pairs.questions });
    },
  },
  'panel fasttrack': {
    key: 'panel-fasttrack',
    read: (a) => {
      const ref = a.ref();
      const { pairs, words } = a.options(['implement']);
      noWords(words);
      return clean({
        type: 'panel-fasttrack',
        ref,
        implement: pairs.implement && dateValue(pairs.implement),
      });
    },
  },
  'panel raise-fasttrack': {
    key: 'panel-raise-fasttrack',
    read: (a) => titleProblem(a, 'panel-raise-fasttrack'),
  },
  'panel extend': {
    key: 'panel-extend',
    read: (a) => {
      const ref = a.ref();
      const date = a.done ? undefined : a.date();
      a.end();
      return clean({ type: 'panel-extend', ref, date });
    },
  },
  'panel refuse-extension': refOnly('panel-refuse-extension', 'panel-refuse-extension'),
  'panel approve-report': {
    key: 'panel-approve-report',
    read: (a) => {
      const ref = a.ref();
      const na: Record<string, string> = {};
      while (!a.done) {
        const t = a.next('na:<item>="why"');
        const item = t.key?.toLowerCase().startsWith('na:') ? t.key.slice(3) : '';
        if (!item) throw new Bad(`Expected na:<item>="why", got ${JSON.stringify(t.raw)}.`);
        na[item] = t.value;
      }
      return { type: 'panel-approve-report', ref, na };
    },
  },
  'panel return': refReason('panel-return', 'panel-return'),
  'panel stall-notice': refOnly('panel-stall-notice', 'panel-stall-notice'),
  'panel close': refReason('panel-close', 'panel-close'),
  'panel tor': {
    key: 'panel-tor',
    read: (a) => {
      const link = a.rest('link');
      if (link === undefined) throw new Bad('Missing the link (or text) of the Terms of Reference.');
      return { type: 'panel-tor', link: unwrapLink(link) };
    },
  },
  'panel derogate': {
    key: 'panel-derogate',
    read: (a) => {
      const ref = a.ref();
      const t = a.next('min=<n>');
      if (t.key?.toLowerCase() !== 'min' && !(t.key === undefined && /^\d+$/.test(t.value))) {
        throw new Bad(`Expected min=<n>, got ${JSON.stringify(t.raw)}.`);
      }
      const min = intValue(t.value, 'min=<n>');
      const reason = a.rest('reason');
      if (reason === undefined) throw new Bad('Missing the reason.');
      return { type: 'panel-derogate', ref, min, reason };
    },
  },
  'panel timetable': {
    key: 'panel-timetable',
    read: (a) => {
      const ref = a.ref();
      // R72: `legal-text=2027-03-01`, the way other commands take a value, reads as the item and its date.
      const pair = a.peek();
      if (pair?.key !== undefined) {
        a.next('a timetable item');
        a.end();
        return {
          type: 'panel-timetable',
          ref,
          item: pair.key,
          date: dateValue(pair.value, 'a date (YYYY-MM-DD)'),
        };
      }
      const item = a.word('a timetable item');
      const date = a.date();
      a.end();
      return { type: 'panel-timetable', ref, item, date };
    },
  },
  'panel determine': {
    key: 'panel-determine',
    read: (a) => {
      const ref = a.ref();
      const determination = a.oneOf(DETERMINATIONS.join(' or '), DETERMINATIONS, DETERMINATION_ALIASES);
      a.end();
      return { type: 'panel-determine', ref, determination };
    },
  },
  // R2, R45: the name and the roles must never be confused, since a role word read from a name grants
  // that role (`Lee Admin party` would make Lee an admin). So the name is one quoted token (or name=…),
  // after which every word is a role or key=value; an unquoted name is allowed only when no role word
  // follows it, and otherwise is refused with the quoted form to type.
  'admin person add': {
    key: 'admin-person-add',
    read: (a) => {
      const email = unwrapLink(a.word('an e-mail'));
      let name: string | undefined;
      const bare: string[] = [];
      const roles: Role[] = [];
      let group: string | undefined;
      while (!a.done) {
        const t = a.next('');
        const k = t.key?.toLowerCase();
        if (k === 'group') group = t.value;
        else if (k === 'roles' || k === 'role') roles.push(...splitList(t.value).map(roleOrBad));
        else if (k !== undefined && k !== 'name')
          throw new Bad(`Unknown field ${JSON.stringify(t.key)}; expected group, roles, name.`);
        else if (k === 'name' || t.quoted) {
          if (name !== undefined) throw new Bad('Give the name once.');
          if (bare.length) throw new Bad(`Put the name first, in quotes: ${JSON.stringify(t.raw)}.`);
          name = t.value;
        } else if (name !== undefined) roles.push(...splitList(t.value).map(roleOrBad));
        else bare.push(t.value);
      }
      if (name === undefined) {
        if (bare.length === 0) throw new Bad('Missing the name.');
        const roleWords = bare.filter((w) => splitList(w).every((r) => roleValue(r)));
        if (roleWords.length) {
          throw new Bad(
            `Put the name in quotes so I can tell it from the roles (${roleWords.map((w) => JSON.stringify(w)).join(', ')} ${roleWords.length > 1 ? 'are role words' : 'is a role word'}): admin person add ${email} "<name>" <role…>.`,
          );
        }
        name = bare.join(' ');
      }
      return clean({
        type: 'admin-person-add',
        email,
        name,
        roles: [...new Set(roles)],
        group,
      });
    },
  },
  'admin role': {
    key: 'admin-role',
    read: (a) => {
      const op = a.oneOf('add or remove', ['add', 'remove'] as const);
      const person = a.person();
      const r = role(a);
      a.end();
      return { type: 'admin-role', op, person, role: r };
    },
  },
  'admin link': {
    key: 'admin-link',
    read: (a) => {
      const person = a.person();
      const w = a.word('slack:<id> or teams:<id>');
      const m = /^(slack|teams):(.+)$/i.exec(w);
      if (!m) throw new Bad(`Expected slack:<id> or teams:<id>, got ${JSON.stringify(w)}.`);
      a.end();
      const platform = (m[1] ?? '').toLowerCase();
      const platformId = canonicalPlatformId(platform, m[2] ?? '');
      return { type: 'admin-link', person, platform, platformId };
    },
  },
  'admin alternate': {
    key: 'admin-alternate',
    read: (a) => {
      const person = a.person('the member (e-mail, handle or mention)');
      // R62: `none` clears the member's alternate.
      const t = a.peek();
      const none = t !== undefined && t.key === undefined && !t.quoted && t.value.toLowerCase() === 'none';
      const alternate = none
        ? (a.word('none'), null)
        : a.person('the alternate (e-mail, handle or mention), or none');
      a.end();
      return { type: 'admin-alternate', person, alternate };
    },
  },
  'admin group': {
    key: 'admin-group',
    read: (a) => {
      const person = a.person();
      // R62: `none` clears the group; any other rest of the line is the group's name, as typed (a
      // quoted "none" is a group of that name).
      const t = a.peek();
      const none =
        t !== undefined &&
        a.toks.length === a.i + 1 &&
        t.key === undefined &&
        !t.quoted &&
        t.value.toLowerCase() === 'none';
      if (none) {
        a.word('none');
        return { type: 'admin-group', person, group: null };
      }
      const group = a.rest('group');
      if (group === undefined) throw new Bad('Missing the voting group (or none to clear it).');
      return { type: 'admin-group', person, group };
    },
  },
  'admin channel': {
    key: 'admin-channel',
    read: (a) => {
      const channel = a.oneOf(CHANNELS.join(', '), CHANNELS, {
        changeboard: 'change-board',
        change_board: 'change-board',
      });
      a.end();
      const here = a.opts.channel;
      if (!here)
        throw new Bad(
          `Run ${cmd('admin channel')} in the channel you are registering, so I know which one it is.`,
        );
      // R9, R24, R42: the posts of a channel are for everyone in it; a direct message is one person's.
      if (here.direct)
        throw new Bad(
          `This is a direct message, where only you would see those posts: run ${cmd('admin channel')} in the channel you are registering.`,
        );
      return { type: 'admin-channel', channel, platform: here.platform, channelId: here.id };
    },
  },
  'admin holiday': {
    key: 'admin-holiday',
    read: (a) => {
      const op = a.oneOf('add or remove', ['add', 'remove'] as const);
      const date = a.date();
      return clean({ type: 'admin-holiday', op, date, name: a.rest('name') });
    },
  },
};

function roleOrBad(w: string): Role {
  const r = roleValue(w);
  if (!r) throw new Bad(`Unknown role ${JSON.stringify(w)}; roles are ${ROLES.join(', ')}.`);
  return r;
}
