// R45: one usage line per subcommand (the text after `/sec`, or after `sec` in Teams). The grammar
// answers malformed input with these, and help lists them by role. A form command's line is derived
// from its fields (fields.ts), the others are written here.
import type { CommandType } from '../commands.ts';
import { usageLine } from './fields.ts';
import type { QueryKind } from '../query-schema.ts';

/** Every command a person can type; `deadline-fire` is the scheduler's and has no text form. */
export type TypedCommand = Exclude<CommandType, 'deadline-fire'>;
export type UsageKey = TypedCommand | QueryKind;

export const USAGE: Record<UsageKey, string> = {
  help: 'help [topic]',
  workdays: 'workdays <date> <n> | workdays <date> <date>',
  status: 'status <ref>',
  list: 'list [open|mine|all]',
  history: 'history <ref> [page <n>]',
  config: 'config',
  register: 'register',
  calendar: 'calendar [reset]',
  mine: 'mine',
  notify: 'notify digest off|on',
  raise: usageLine('raise'),
  amend: usageLine('amend'),
  withdraw: usageLine('withdraw'),
  proceed: usageLine('proceed'),
  split:
    'split <ref> title="…" problem="…" [title2="…" problem2="…"]… (one part is split off as a new DP; with more, the original keeps the first)',
  'fasttrack-request': 'fasttrack request <ref>',
  object: usageLine('object'),
  respond: 'respond <ref> org="…" S0=support|oppose [A1=support|oppose]… [comments="…"]',
  vote: 'vote <ref> <option> [S0|A1…]',
  view: usageLine('view'),
  plan: 'plan <ref> <text>',
  comment: 'comment <ref> <text>',
  iar: usageLine('iar'),
  'views-open': 'views open <ref> [days]',
  'views-close': 'views close <ref>',
  merge: 'merge <ref> into <ref>',
  batch: 'batch <ref> <ref>…',
  'wg-form': 'wg form <ref>[,<ref>…] <person>…',
  'wg-add': 'wg add <ref> <person>',
  'wg-remove': 'wg remove <ref> <person>',
  'solution-add': 'solution add <ref> <title>',
  step: 'step <ref> <step> requested|done|na [note]',
  'consult-open': 'consult open <ref> [days]',
  'consult-close': 'consult close <ref>',
  'ballot-open': 'ballot open <ref> sufficiency|ia|decision [days]',
  'ballot-close': 'ballot close <ref>',
  'meeting-propose': 'meeting propose <ref> <YYYY-MM-DDTHH:MM> <YYYY-MM-DDTHH:MM>… (2 to 5 London times)',
  'meeting-confirm': 'meeting confirm <ref> <n>|<YYYY-MM-DDTHH:MM>',
  'meeting-cancel': 'meeting cancel <ref> [<YYYY-MM-DDTHH:MM>] [reason]',
  'meeting-held': 'meeting held <ref> attended=<person,…> [comments=<person,…>] [notes="…"]',
  available: 'available <ref> <slot n> yes|no',
  attend: 'attend <ref> yes|no',
  report: 'report <ref> iar|development|modification|summary <link> [non-material] [note="…"] [items=<id,…>]',
  authority: 'authority <ref> approved|rejected|sent-back [refinement|report] [note]',
  implement: 'implement <ref> <date>',
  'extension-request': 'extension request <ref> <item> <date> <reason>',
  'panel-route': usageLine('panel-route'),
  'panel-fasttrack': 'panel fasttrack <ref> [implement=<date>]',
  'panel-raise-fasttrack': 'panel raise-fasttrack title="…" problem="…"',
  'panel-extend': 'panel extend <ref> [date]',
  'panel-refuse-extension': 'panel refuse-extension <ref>',
  'panel-approve-report': 'panel approve-report <ref> [na:<item>="why"]…',
  'panel-return': 'panel return <ref> <reason>',
  'panel-stall-notice': usageLine('panel-stall-notice'),
  'panel-close': usageLine('panel-close'),
  'panel-tor': 'panel tor <link>',
  'panel-derogate': 'panel derogate <ref> min=<n> <reason>',
  'panel-timetable': 'panel timetable <ref> <item> <date>',
  'panel-determine': 'panel determine <ref> self-governance|authority',
  'admin-person-add': 'admin person add <email> "<name>" [role…] [group=<voting group>] (the name in quotes)',
  'admin-role': 'admin role add|remove <person> <role>',
  'admin-link': 'admin link <person> slack:<id>|teams:<id>',
  'admin-alternate': 'admin alternate <member> <person>|none',
  'admin-group': 'admin group <person> <voting group>|none',
  'admin-channel': 'admin channel change-board|panel|announcements (run it in that channel)',
  'admin-holiday': 'admin holiday add|remove <date> [name]',
};

/** A usage line about one modification, as a twin to show: `vote <ref> …` → `vote MP001 …`. */
export const twinFor = (key: UsageKey, ref: string): string => USAGE[key].replace('<ref>', ref);

/** The first word(s) of each usage line, e.g. `panel route`, for help topics and group usage. */
export const phraseOf = (key: UsageKey): string =>
  USAGE[key]
    .split(' ')
    .filter((w) => /^[a-z][a-z-]*$/.test(w))
    .slice(0, key.startsWith('admin-person') ? 3 : key.includes('-') ? 2 : 1)
    .join(' ');

/** Usage lines whose subcommand starts with `word` (e.g. every `panel …` line). */
export function usageFor(word: string): string[] {
  const w = word.toLowerCase();
  return (Object.keys(USAGE) as UsageKey[])
    .filter((k) => phraseOf(k) === w || phraseOf(k).startsWith(`${w} `))
    .map((k) => USAGE[k]);
}
