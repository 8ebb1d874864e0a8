// The one text grammar (R42–R45, R65, R66): `/sec …` in Slack, `sec …` typed to the bot in Teams, script
// lines and button twins all go through parse(). It never throws: anything it cannot read gets the
// subcommand's usage line, and every command it returns has passed the command schema.
import type { Command } from '../commands.ts';
import { commandSchema, commandSchemas } from '../commands.ts';
import { z } from 'zod';
import { Args, dateValue } from './args.ts';
import type { ParseOptions, Token } from './tokens.ts';
import { Bad, tokenize } from './tokens.ts';
import type { Reader } from './process.ts';
import { PARTY_READERS } from './process.ts';
import { SECAS_READERS } from './secas.ts';
import { PANEL_READERS } from './panel.ts';
import type { Query, QueryKind } from '../query-schema.ts';
import { LIST_FILTERS, querySchema } from '../query-schema.ts';
import { nearest } from './suggest.ts';
import { asMeant } from './plain-text.ts';
import { USAGE, usageFor } from './usage.ts';
import { cmd } from '../../views/hints.ts';

export type { ParseOptions } from './tokens.ts';
export { USAGE } from './usage.ts';
export { BUTTON_TWINS, ballotTwins, quote } from './button-twins.ts';

export type Input = { kind: 'command'; command: Command } | { kind: 'query'; query: Query };
export type ParseResult = { ok: true; input: Input } | { ok: false; usage: string; message: string };

interface QueryReader {
  key: QueryKind;
  read: (a: Args) => { kind: QueryKind } & Record<string, unknown>;
}

/** A query that takes no arguments: anything after its name is refused. */
const bare = (kind: 'config' | 'register' | 'mine'): QueryReader => ({
  key: kind,
  read: (a) => {
    a.end();
    return { kind };
  },
});

const QUERY_READERS: Record<string, QueryReader> = {
  help: {
    key: 'help',
    read: (a) => {
      const topic = a.rest()?.toLowerCase().replace(/\s+/g, ' ');
      return topic ? { kind: 'help', topic } : { kind: 'help' };
    },
  },
  workdays: {
    key: 'workdays',
    read: (a) => {
      const from = a.date();
      const second = a.word('a number of Working Days or a date');
      a.end();
      if (/^\d+$/.test(second)) return { kind: 'workdays', from, n: Number(second) };
      return { kind: 'workdays', from, to: dateValue(second, 'a number of Working Days or a date') };
    },
  },
  status: { key: 'status', read: (a) => ({ kind: 'status', ref: refAndEnd(a) }) },
  history: {
    key: 'history',
    read: (a) => {
      const ref = a.ref();
      // R73: `history DP003 page 2` (or `history DP003 2`).
      if (a.done) return { kind: 'history', ref };
      const w = a.word('page <n>');
      const page = w.toLowerCase() === 'page' ? a.word('a page number') : w;
      a.end();
      if (!/^\d+$/.test(page)) throw new Bad('The page is a number, e.g. page 2.');
      return { kind: 'history', ref, page: Number(page) };
    },
  },
  list: {
    key: 'list',
    read: (a) => {
      const which = a.done ? 'open' : a.oneOf(LIST_FILTERS.join(', '), LIST_FILTERS);
      a.end();
      return { kind: 'list', which };
    },
  },
  config: bare('config'),
  register: bare('register'),
  calendar: {
    key: 'calendar',
    read: (a) => {
      const reset = !a.done && a.oneOf('reset', ['reset'] as const) === 'reset';
      a.end();
      return { kind: 'calendar', reset };
    },
  },
  mine: bare('mine'),
  notify: {
    key: 'notify',
    read: (a) => {
      a.oneOf('digest', ['digest'] as const);
      const on = a.oneOf('off or on', ['off', 'on'] as const) === 'on';
      a.end();
      return { kind: 'notify', what: 'digest', on };
    },
  },
};

function refAndEnd(a: Args): number {
  const ref = a.ref();
  a.end();
  return ref;
}

/** Other spellings people type; the contract's names (§6) are the keys of the reader tables. */
const ALIASES: Record<string, string> = {
  'fast-track request': 'fasttrack request',
  'panel fast-track': 'panel fasttrack',
  'panel raise-fast-track': 'panel raise-fasttrack',
  'panel refuse': 'panel refuse-extension',
  'panel approve': 'panel approve-report',
  'panel stall': 'panel stall-notice',
  'panel stallnotice': 'panel stall-notice',
  'wg add-member': 'wg add',
  'solutions add': 'solution add',
  workday: 'workdays',
};

const COMMAND_READERS: Record<string, Reader> = { ...PARTY_READERS, ...SECAS_READERS, ...PANEL_READERS };

/** Every phrase a line can start with (`status`, `panel route`), and their first words, for suggestions. */
const PHRASES = [...Object.keys(QUERY_READERS), ...Object.keys(COMMAND_READERS)];
const FIRST_WORDS = [...new Set(PHRASES.map((p) => p.split(' ')[0] ?? p))];

const INVISIBLE = /[\u2060-\u2064]/g;

const isWord = (t: Token | undefined): t is Token => t !== undefined && t.key === undefined && !t.quoted;

/** Turns one line of text into a command or a query, or a usage line (R45). Never throws. */
export function parse(text: string, opts: ParseOptions = {}): ParseResult {
  try {
    return parseLine(typeof text === 'string' ? text : '', opts);
  } catch {
    return { ok: false, usage: USAGE.help, message: `I could not read that; try ${cmd('help')}.` };
  }
}

/** The parser without parse()'s safety net: the fuzz tests call it so an unexpected error is seen. */
export function parseLine(typed: string, opts: ParseOptions): ParseResult {
  // A command copied from a message that kept an invisible mark (U+2060–U+2064, such as the U+2063
  // around a command, views/hints.ts) still reads as typed.
  const text = typed.replace(INVISIBLE, '');
  const toks = tokenize(text);
  let start = 0;
  // Teams users type `sec …`; Slack passes the text after `/sec`, but people paste `/sec …` too.
  if (isWord(toks[0]) && /^\/?sec$/i.test(toks[0].value)) start = 1;
  if (start >= toks.length) return { ok: true, input: { kind: 'query', query: { kind: 'help' } } };

  const words: string[] = [];
  for (let i = start; i < start + 3 && isWord(toks[i]); i++)
    words.push((toks[i] as Token).value.toLowerCase());
  for (let k = words.length; k >= 1; k--) {
    const typed = words.slice(0, k).join(' ');
    const phrase = ALIASES[typed] ?? typed;
    const args = () => new Args(text, toks, start + k, opts);
    const q = Object.hasOwn(QUERY_READERS, phrase) ? QUERY_READERS[phrase] : undefined;
    if (q) return readQuery(q, args());
    const c = Object.hasOwn(COMMAND_READERS, phrase) ? COMMAND_READERS[phrase] : undefined;
    if (c) return readCommand(c, args());
  }
  const first = words[0] ?? (toks[start] as Token).raw;
  const group = words[0] ? usageFor(words[0]) : [];
  if (group.length) {
    const sub = words[1] ? ` "${words[1]}"` : '';
    // R72: the nearest subcommand of the group ("panel rout" → "panel route").
    const near = words[1]
      ? nearest(
          `${first} ${words[1]}`,
          PHRASES.filter((p) => p.startsWith(`${first} `)),
        )
      : undefined;
    return {
      ok: false,
      usage: (near ? usageFor(near) : group).join('\n'),
      message: near
        ? `Unknown ${first} subcommand${sub}. Did you mean "${cmd(near)}"? Or try ${cmd(`help ${first}`)}.`
        : `Unknown ${first} subcommand${sub}; try ${cmd(`help ${first}`)}.`,
    };
  }
  // R72: the nearest command ("stauts" → "status"), by its first word.
  const near = nearest(first, FIRST_WORDS);
  if (near) {
    const usage = PHRASES.filter((p) => p === near || p.startsWith(`${near} `))
      .flatMap((p) => usageFor(p))
      .filter((u, i, all) => all.indexOf(u) === i);
    return {
      ok: false,
      usage: usage.join('\n') || USAGE.help,
      message: `Unknown command ${JSON.stringify(first)}. Did you mean "${cmd(near)}"?`,
    };
  }
  return {
    ok: false,
    usage: USAGE.help,
    message: `Unknown command ${JSON.stringify(first)}; try ${cmd('help')}.`,
  };
}

/** Runs a reader over the arguments; a `Bad` argument becomes that subcommand's usage (R45). */
function draftOf(r: Reader | QueryReader, a: Args): { ok: true; draft: unknown } | ParseResult {
  try {
    return { ok: true, draft: r.read(a) };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, usage: USAGE[r.key], message: e.message };
    throw e;
  }
}

function readCommand(r: Reader, a: Args): ParseResult {
  const d = draftOf(r, a);
  if (!('draft' in d)) return d;
  // Free text as the person saw it, and a title on one line, before its length is checked (plain-text.ts).
  const parsed = commandSchema.safeParse(asMeant(d.draft, a.opts));
  if (!parsed.success || parsed.data.type === 'deadline-fire') {
    const message = parsed.success ? 'Not a command.' : describe(parsed.error.issues, d.draft);
    return { ok: false, usage: USAGE[r.key], message };
  }
  return { ok: true, input: { kind: 'command', command: parsed.data } };
}

function readQuery(r: QueryReader, a: Args): ParseResult {
  const d = draftOf(r, a);
  if (!('draft' in d)) return d;
  const parsed = querySchema.safeParse(d.draft);
  if (!parsed.success)
    return { ok: false, usage: USAGE[r.key], message: describe(parsed.error.issues, d.draft) };
  return { ok: true, input: { kind: 'query', query: parsed.data } };
}

/**
 * R45 R71: the fields of commands and queries as a person names them. `a` is the article for "Give a
 * title"; none (plural or mass nouns) reads "Give the impacts".
 */
const FIELDS: Record<string, { noun: string; a?: 'a' | 'an'; many?: string }> = {
  title: { noun: 'title', a: 'a' },
  problem: { noun: 'problem', a: 'a' },
  solution: { noun: 'solution', a: 'a' },
  benefits: { noun: 'benefits' },
  reason: { noun: 'reason', a: 'a' },
  rationale: { noun: 'rationale', a: 'a' },
  text: { noun: 'text' },
  org: { noun: 'organisation', a: 'an' },
  comments: { noun: 'comments' },
  fit: { noun: 'fit with the objectives' },
  areas: { noun: 'areas affected' },
  questions: { noun: 'questions' },
  parallel: { noun: 'parallel work' },
  impacts: { noun: 'impacts' },
  expertise: { noun: 'expertise needed' },
  timetable: { noun: 'timetable', a: 'a' },
  note: { noun: 'note', a: 'a' },
  notes: { noun: 'notes' },
  link: { noun: 'link', a: 'a' },
  name: { noun: 'name', a: 'a' },
  email: { noun: 'e-mail address', a: 'an' },
  group: { noun: 'voting group', a: 'a' },
  person: { noun: 'person', a: 'a' },
  alternate: { noun: 'alternate', a: 'an' },
  platformId: { noun: 'user id', a: 'a' },
  channelId: { noun: 'channel id', a: 'a' },
  item: { noun: 'item', a: 'an' },
  step: { noun: 'step', a: 'a' },
  option: { noun: 'option', a: 'an' },
  date: { noun: 'date', a: 'a' },
  by: { noun: 'report-back date', a: 'a' },
  implement: { noun: 'implementation date', a: 'an' },
  days: { noun: 'number of Working Days', a: 'a' },
  n: { noun: 'number of Working Days', a: 'a' },
  min: { noun: 'minimum size', a: 'a' },
  page: { noun: 'page number', a: 'a' },
  slot: { noun: 'slot', a: 'a' },
  topic: { noun: 'help topic', a: 'a' },
  refs: { noun: 'modifications', many: 'modifications' },
  people: { noun: 'people', many: 'people' },
  attended: { noun: 'people who attended', many: 'people' },
  parts: { noun: 'parts', many: 'parts' },
  slots: { noun: 'slots', many: 'slots' },
  subcommittees: { noun: 'subcommittees', many: 'subcommittees' },
  roles: { noun: 'roles', many: 'roles' },
};

interface Issue {
  code?: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  format?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
}

const capitalFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The value a person typed at `path` in the draft the reader built. */
function valueAt(draft: unknown, path: readonly PropertyKey[]): unknown {
  let v = draft;
  for (const k of path)
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** The longest a text field of this command can be, from the command schema. */
function maxLength(draft: unknown, key: PropertyKey | undefined): number | undefined {
  const type = (draft as { type?: unknown } | null)?.type;
  const schema = commandSchemas.find((s) => s.shape.type.value === type);
  let field: unknown =
    schema && typeof key === 'string' ? (schema.shape as Record<string, unknown>)[key] : undefined;
  while (field instanceof z.ZodOptional || field instanceof z.ZodDefault) field = field.unwrap();
  return field instanceof z.ZodString ? (field.maxLength ?? undefined) : undefined;
}

/**
 * R45 R71: what the command schema found wrong, as a sentence a person reads with the field's name
 * (the usage line follows it), never the validator's own text.
 */
function describe(issues: readonly Issue[], draft?: unknown): string {
  const i = issues[0];
  if (!i) return 'That is not valid.';
  if (i.code === 'unrecognized_keys') {
    const keys = (i.keys ?? []).map((k) => `"${k}"`);
    return `${keys.length === 1 ? 'Unknown field' : 'Unknown fields'} ${keys.join(', ')}.`;
  }
  // The field is the nearest named key (split's part titles are parts.0.title).
  const strings = i.path.filter((p): p is string => typeof p === 'string');
  const key = [...strings].reverse().find((k) => Object.hasOwn(FIELDS, k)) ?? strings[0];
  const f = key && Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
  const noun = f?.noun ?? (key ? `"${key}" field` : 'input');
  const part = typeof i.path[1] === 'number' && i.path[0] === 'parts' ? ` of part ${i.path[1] + 1}` : '';
  const the = `the ${noun}${part}`;
  const give = f?.a ? `${f.a} ${noun}${part}` : the;
  const value = valueAt(draft, i.path);
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') {
        const max = maxLength(draft, i.path.length === 1 ? i.path[0] : undefined);
        return `Give ${give}${max && max < 20_000 ? ` (at most ${max} characters)` : ''}.`;
      }
      if (i.origin === 'array') return `Give at least ${Number(i.minimum)} ${f?.many ?? noun}.`;
      return `${capitalFirst(the)} must be at least ${Number(i.minimum)}.`;
    case 'too_big':
      if (i.origin === 'string') {
        const has = typeof value === 'string' ? ` (yours has ${value.trim().length})` : '';
        return `${capitalFirst(the)} can be at most ${Number(i.maximum)} characters${has}.`;
      }
      if (i.origin === 'array') return `Give at most ${Number(i.maximum)} ${f?.many ?? noun}.`;
      return `${capitalFirst(the)} can be at most ${Number(i.maximum)}.`;
    case 'invalid_format': {
      const typed = typeof value === 'string' && value ? `"${value}" ` : '';
      if (i.format === 'email') return `${typed ? `${typed}is not` : 'Give'} an e-mail address.`;
      if (i.format === 'datetime') return `Give ${give} as a London time, YYYY-MM-DDTHH:MM.`;
      if (['date', 'by', 'implement'].includes(key ?? '')) return `Give ${give} as YYYY-MM-DD.`;
      return `${capitalFirst(the)} ${typed}is not in a form I can read.`;
    }
    case 'invalid_value': {
      const values = (i.values ?? []).map(String);
      const last = values.pop();
      const list = values.length ? `${values.join(', ')} or ${last}` : (last ?? '');
      return list ? `${capitalFirst(the)} is ${list}.` : `${capitalFirst(the)} is not one I know.`;
    }
    case 'invalid_type':
      return value === undefined ? `Give ${give}.` : `${capitalFirst(the)} is not valid.`;
    default:
      return `${capitalFirst(the)} is not valid.`;
  }
}
