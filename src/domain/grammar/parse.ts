// The one text grammar (R42–R45, R65, R66): `/sec …` in Slack, `sec …` typed to the bot in Teams, script
// lines and button twins all go through parse(). It never throws: anything it cannot read gets the
// subcommand's usage line, and every command it returns has passed the command schema.
import type { Command } from '../commands.ts';
import { commandSchema } from '../commands.ts';
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
  const parsed = commandSchema.safeParse(d.draft);
  if (!parsed.success || parsed.data.type === 'deadline-fire') {
    const message = parsed.success ? 'Not a command.' : describe(parsed.error.issues);
    return { ok: false, usage: USAGE[r.key], message };
  }
  return { ok: true, input: { kind: 'command', command: parsed.data } };
}

function readQuery(r: QueryReader, a: Args): ParseResult {
  const d = draftOf(r, a);
  if (!('draft' in d)) return d;
  const parsed = querySchema.safeParse(d.draft);
  if (!parsed.success) return { ok: false, usage: USAGE[r.key], message: describe(parsed.error.issues) };
  return { ok: true, input: { kind: 'query', query: parsed.data } };
}

function describe(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const i = issues[0];
  if (!i) return 'That is not valid.';
  const where = i.path.filter((p) => typeof p === 'string').join('.');
  return `${where ? `${where}: ` : ''}${i.message}.`;
}
