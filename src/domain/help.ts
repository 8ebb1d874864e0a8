// R72: `help` shows first what this person owes now (owed.ts), each with its command, then the topics;
// `help <topic>` a short list, `help <command>` its usage and one example, `help all` every command this
// person may use by role (R45), from the permission table (roles.ts) and the usage lines
// (grammar/usage.ts), so the help can never promise a command that authorise() would refuse.
import type { World } from './modification.ts';
import { emptyWorld } from './modification.ts';
import { owedBy } from './owed.ts';
import type { Permission } from './roles.ts';
import { PERMISSIONS, RELATION_NAMES, ROLE_NAMES } from './roles.ts';
import { REPORT_ITEMS } from './report-checklist.ts';
import type { StepDef } from './stages/refinement-steps.ts';
import { REFINEMENT_STEPS, STEP_OWNER_WORDS } from './stages/refinement-steps.ts';
import type { Context, Person, Role } from './types.ts';
import { effectiveRoles, isOpenStatus } from './types.ts';
import type { TypedCommand, UsageKey } from './grammar/usage.ts';
import { USAGE, phraseOf, usageFor } from './grammar/usage.ts';
import { exampleOf } from './grammar/examples.ts';
import { nearest } from './grammar/suggest.ts';
import { when } from './words.ts';
import { cmd, cmds } from '../views/hints.ts';

const TYPED = Object.keys(PERMISSIONS).filter((t) => t !== 'deadline-fire') as TypedCommand[];

const ROLE_TITLES: Record<Role, string> = {
  party: 'As an SEC Party',
  secas: 'As SECAS',
  change_board: 'As a Change Board member',
  panel: 'As a Panel member',
  panel_chair: 'As the Panel chair',
  admin: 'As an admin',
};

/** Votes are open to anyone registered, but in practice to the roles seated on ballots (R33, R62). */
const ROLE_EXTRAS: Partial<Record<Role, { key: UsageKey; does: string }[]>> = {
  change_board: [
    { key: 'vote', does: 'vote on Change Board ballots; your alternate votes only if you have not' },
  ],
  panel: [{ key: 'vote', does: 'vote on Fast Track ballots: approve, reject or abstain' }],
};

/**
 * R13 R14 R27 R59: what a timetable `<item>` may be: a Refinement step by its id, or the report-back date
 * the chair set with the route, the only date planned in Development.
 */
const ITEM_NOTES: Partial<Record<UsageKey, string>> = {
  'panel-timetable': `<item>: a Refinement step id (${cmd('help refinement')} lists them), or report-back for the report-back date, the only date planned in Development.`,
  'extension-request': `<item>: the id of a step the Panel chair planned, or report-back for the report-back date.`,
};

// Every command the help names is marked (views/hints.ts): each platform shows it as it is typed there.
const usage = (key: UsageKey): string => cmds(USAGE[key]);
const line = (key: UsageKey, does: string): string => `  ${usage(key)}  (${does})`;
const typesWhere = (pred: (p: Permission) => boolean): TypedCommand[] =>
  TYPED.filter((t) => pred(PERMISSIONS[t]));

/** The person record behind the actor, if the directory has one (R66: no record, only help and workdays). */
export function registeredPerson(ctx: Context): Person | undefined {
  if (ctx.actor.kind !== 'person') return undefined;
  const id = ctx.actor.person.id;
  return ctx.people.find((p) => p.id === id);
}

const ANYONE = [
  line('help', `this list; ${cmd('help <command>')} for one command`),
  line('workdays', 'Working Day arithmetic'),
];

/** R72 `help all`: every command this person may use, by role (R45). */
function helpAll(ctx: Context, world?: World): string {
  const me = registeredPerson(ctx);
  if (!me) {
    // R72: an unregistered person reads what the bot is and how to be added.
    return [
      'I am the SEC Change Bot: the Smart Energy Code Section D modification process, in chat. Registered people raise modifications, give Change Board views, vote on ballots and arrange Working Group meetings here.',
      `You are not registered yet. To be added, ask an admin; they add you with your e-mail address and name (${cmd('admin person add <email> <name>')}).`,
      'Until then you can use:',
      ...ANYONE,
    ].join('\n');
  }
  const out = [
    'You can use:',
    ...ANYONE,
    line('status', 'one modification'),
    line('list', 'modifications'),
    line('history', 'what happened, in order'),
    line('config', 'the process settings'),
    line('register', 'a link to the Modification Register on the web'),
    line('calendar', `your calendar feed address; ${cmd('calendar reset')} stops it`),
    line('mine', 'what you owe now, soonest due first, with the buttons'),
    line('notify', 'your Monday digest of the week’s dues, off or on'),
  ];
  const roles = effectiveRoles(me);
  // A command a role section explains better (vote, for a voter) is listed there rather than here.
  const shown = new Set<UsageKey>(roles.flatMap((r) => (ROLE_EXTRAS[r] ?? []).map((x) => x.key)));
  const anyone = typesWhere((p) => p.relation === 'registered').filter((t) => !shown.has(t));
  for (const t of anyone) shown.add(t);
  out.push(
    'Anyone registered:',
    ...anyone.map((t) =>
      line(t, t === 'vote' ? 'vote, when a ballot lists you or you are an alternate' : PERMISSIONS[t].does),
    ),
  );
  for (const role of Object.keys(ROLE_TITLES) as Role[]) {
    if (!roles.includes(role)) continue;
    const lines = typesWhere((p) => p.roles.includes(role))
      .filter((t) => !shown.has(t))
      .map((t) => (shown.add(t), line(t, PERMISSIONS[t].does)));
    for (const x of ROLE_EXTRAS[role] ?? [])
      if (lines.every((l) => !l.startsWith(`  ${usage(x.key)}`))) lines.push(line(x.key, x.does));
    if (lines.length) out.push(`${ROLE_TITLES[role]}:`, ...lines);
  }
  const relation = (rel: 'proposer' | 'wg_member', title: string) => {
    const lines = typesWhere((p) => p.relation === rel)
      .filter((t) => !shown.has(t))
      .map((t) => (shown.add(t), line(t, PERMISSIONS[t].does)));
    if (lines.length) out.push(`${title}:`, ...lines);
  };
  const mods = Object.values(world?.modifications ?? {}).filter((m) => isOpenStatus(m.status));
  // Without the world, show what the relations allow; with it, only the relations this person holds now.
  if (
    !world ||
    roles.includes('party') ||
    roles.includes('panel_chair') ||
    mods.some((m) => m.proposer === me.id)
  ) {
    relation('proposer', 'As the proposer of a modification');
  }
  if (!world || mods.some((m) => m.workingGroup?.members.includes(me.id))) {
    relation('wg_member', 'As a Working Group member');
  }
  out.push(...BUTTON_HELP);
  out.push(
    `Type ${cmd('help <command>')} (e.g. ${cmd('help vote')}) for one command, ${cmd('help refinement')} for the checklist.`,
  );
  return out.join('\n');
}

/** R43: every button has a typed twin, its command's usage line; the help says which, for keyboards and screen readers. */
const BUTTON_HELP = [
  'Every button has a typed twin:',
  `  Approve / Reject / Abstain (or Sufficient / More work, Proceed / Do not proceed) on a ballot → ${usage('vote')}`,
  `  Give your view → ${usage('view')}`,
  `  Object (Fast Track) → ${usage('object')}`,
  `  Respond (consultation) → ${usage('respond')}`,
  `  Can attend / Can't for slot n → ${usage('available')}`,
  `  Attending / Can't attend → ${usage('attend')}`,
];

function whoMay(t: TypedCommand): string {
  const p = PERMISSIONS[t];
  const who = [...p.roles.map((r) => ROLE_NAMES[r]), ...(p.relation ? [RELATION_NAMES[p.relation]] : [])];
  return `${p.does}; for ${who.join(', ')}`;
}

/** R72: the topics, each a short list of the commands it covers. */
const TOPICS: Record<string, { title: string; keys: UsageKey[]; extra?: string[] }> = {
  voting: {
    title: 'Voting',
    keys: ['vote', 'ballot-open', 'ballot-close', 'panel-fasttrack', 'object'],
    extra: [
      `A wrong option gets the options of the ballot that is open; ${cmd('status <ref>')} shows who has voted.`,
    ],
  },
  views: {
    title: 'Views and consultations',
    keys: ['view', 'views-open', 'views-close', 'respond', 'consult-open', 'consult-close'],
  },
  meetings: {
    title: 'Working Groups and meetings',
    keys: [
      'wg-form',
      'wg-add',
      'wg-remove',
      'meeting-propose',
      'available',
      'meeting-confirm',
      'attend',
      'meeting-cancel',
      'meeting-held',
    ],
  },
  panel: {
    title: 'The Panel chair',
    keys: (Object.keys(USAGE) as UsageKey[]).filter((k) => k.startsWith('panel-')),
  },
  secas: {
    title: 'SECAS',
    keys: TYPED.filter(
      (t) => PERMISSIONS[t].roles.includes('secas') && !PERMISSIONS[t].roles.includes('party'),
    ),
  },
  admin: {
    title: 'Admins',
    keys: (Object.keys(USAGE) as UsageKey[]).filter((k) => k.startsWith('admin-')),
  },
};
const TOPIC_LINE = `Topics: ${['voting', 'views', 'meetings', 'panel', 'secas', 'admin', 'all'].map((t) => cmd(`help ${t}`)).join(' · ')}`;
const MAX_OWED = 5;

/** R72: what this person owes and the topics; a topic, a command or everything. */
export function help(ctx: Context, world?: World, topic?: string): string {
  const t = topic?.trim().toLowerCase();
  if (t === 'all') return helpAll(ctx, world);
  if (t) return helpTopic(t, ctx);
  const me = registeredPerson(ctx);
  if (!me) return helpAll(ctx, world);
  // R72, R81: what this person owes now, soonest first, each with the command that does it: the same
  // items as `mine` (views/mine.ts), what they may do if they wish (an objection, a response) marked so.
  const owed = owedBy(world ?? emptyWorld(), me.id, ctx, { optional: true });
  const line = (o: (typeof owed)[number]) =>
    `  ${o.ref}: ${o.what}${o.optional ? ' (if you wish)' : ''}${o.due ? ` ${o.overdue ? 'overdue since' : 'by'} ${when(o.due)}` : ''}${o.twin ? ` → ${cmds(o.twin)}` : ''}`;
  const shown = owed.slice(0, MAX_OWED);
  const required = shown.filter((o) => !o.optional).map(line);
  const optional = shown.filter((o) => o.optional).map(line);
  // What is owed under its own heading, what may be done if wished under another: never an objection
  // listed as if it were owed.
  const lines = required.length
    ? ['You owe now:', ...required, ...(optional.length ? ['You may also:', ...optional] : [])]
    : ['You owe nothing right now; you may:', ...optional];
  const more =
    owed.length > MAX_OWED ? [`  …and ${owed.length - MAX_OWED} more: ${cmd('mine')} lists them all`] : [];
  // Where this person's roles start things: a party raises, SECAS, the chair and admins have a topic.
  const roles = effectiveRoles(me);
  const start = [
    ...(roles.includes('party') ? [cmd(USAGE.raise.replace(/ \[.*$/, ''))] : []),
    ...(roles.includes('secas') ? [cmd('help secas')] : []),
    ...(roles.includes('panel_chair') ? [cmd('help panel')] : []),
    ...(roles.includes('admin') ? [cmd('help admin')] : []),
  ];
  return [
    ...(owed.length ? [...lines, ...more] : ['You owe nothing right now.']),
    ...(start.length ? [`For your roles: ${start.join(' · ')}`] : []),
    `Look things up: ${['mine', 'status <ref>', 'list mine', 'history <ref>', 'register', 'calendar'].map(cmd).join(' · ')}`,
    TOPIC_LINE,
    `One command with an example: ${cmd('help <command>')}, e.g. ${cmd('help vote')}.`,
  ].join('\n');
}

/**
 * R16, R71: how a Refinement step is done, in words with the command (R56: SECAS records a step), never
 * the table's shorthand ("ballot close (ia ballot)", "subcommittee:*").
 */
function stepHow(s: StepDef): string {
  if (s.ballot) return `closed by its ballot, which SECAS opens with ${cmd(`ballot open <ref> ${s.ballot}`)}`;
  switch (s.completedBy) {
    case 'step': {
      const id = s.id === 'subcommittee:*' ? 'subcommittee:<name>' : s.id;
      const each = s.id === 'subcommittee:*' ? ', for each relevant Sub-Committee' : '';
      return s.owner === 'SECAS'
        ? `${cmd(`step <ref> ${id} done`)}${each}`
        : `SECAS records it with ${cmd(`step <ref> ${id} done`)}${each}`;
    }
    case 'wg form':
      return cmd(USAGE['wg-form']);
    case 'consult close':
      return `done when SECAS closes it with ${cmd(USAGE['consult-close'])}`;
    case 'proceed or withdraw':
      return `${cmd(USAGE.proceed)} or ${cmd(USAGE.withdraw)}`;
    case 'panel approve-report':
      return `${cmd(USAGE['panel-approve-report'])} or ${cmd(USAGE['panel-return'])}`;
    default:
      return cmd(s.completedBy);
  }
}

function helpTopic(topic: string, ctx: Context): string {
  const t = topic
    .trim()
    .toLowerCase()
    .replace(/^\/?sec\s+/, '');
  const about = TOPICS[t];
  if (about) {
    return [
      `${about.title}:`,
      ...about.keys.map(
        (k) => `  ${usage(k)}${k in PERMISSIONS ? `  (${PERMISSIONS[k as TypedCommand].does})` : ''}`,
      ),
      ...(about.extra ?? []),
      `${cmd('help <command>')} gives an example.`,
    ].join('\n');
  }
  void ctx;
  if (t === 'refinement' || t === 'checklist' || t === 'steps') {
    return [
      'The Refinement checklist, in order: each step, who owes it and how it is done.',
      ...REFINEMENT_STEPS.map(
        (s) =>
          `  ${s.task}, owed by ${STEP_OWNER_WORDS[s.owner]}${s.dccOnly ? ' (only with DCC system impacts)' : ''}: ${stepHow(s)}`,
      ),
    ].join('\n');
  }
  if (t === 'report' || t === 'report items' || t === 'items') {
    return [
      usage('report'),
      'Modification Report items: items=<id,…> on report, na:<id>="why" on panel approve-report.',
      ...REPORT_ITEMS.map((i) => `  ${i.id}: ${i.title}`),
    ].join('\n');
  }
  let keys = (Object.keys(USAGE) as UsageKey[]).filter((k) => usageFor(t).includes(USAGE[k]));
  if (keys.length === 0) {
    // R72: a subcommand's own word ("extend", "stall" for stall-notice) is the command it belongs to:
    // one such command gets its help; several are offered by name.
    const sub = subcommandsNamed(t);
    const [only] = sub;
    if (sub.length > 1) {
      const offers = sub.map((k) => cmd(`help ${phraseOf(k)}`));
      const last = offers.pop() ?? '';
      return `"${t}" is part of several commands. Did you mean ${offers.join(', ')} or ${last}?`;
    }
    if (!only) {
      // R72: a mistyped topic or command gets the nearest one ("votng" → help voting).
      const near = nearest(t, [
        ...Object.keys(TOPICS),
        'all',
        'refinement',
        'report',
        ...(Object.keys(USAGE) as UsageKey[]).map(phraseOf),
      ]);
      const hint = near ? ` Did you mean ${cmd(`help ${near}`)}?` : '';
      return `There is no help on ${JSON.stringify(topic)}.${hint} Type ${cmd('help')} for what you can do. ${TOPIC_LINE}.`;
    }
    keys = [only];
  }
  // R72: the usage, who may run it, and one example that the grammar reads.
  return keys
    .flatMap((k) => {
      const note = ITEM_NOTES[k];
      return [
        k in PERMISSIONS ? `${usage(k)}  (${whoMay(k as TypedCommand)})` : usage(k),
        `  e.g. ${cmd(exampleOf(k))}`,
        ...(note ? [`  ${note}`] : []),
      ];
    })
    .join('\n');
}

/** The commands whose words after the first end with `word`, or have a word that starts `word-`. */
function subcommandsNamed(word: string): UsageKey[] {
  return (Object.keys(USAGE) as UsageKey[]).filter((k) => {
    const tail = phraseOf(k).split(' ').slice(1);
    return (
      tail.length > 0 &&
      (` ${tail.join(' ')}`.endsWith(` ${word}`) || tail.some((w) => w.startsWith(`${word}-`)))
    );
  });
}
