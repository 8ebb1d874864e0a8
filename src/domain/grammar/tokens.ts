// The tokenizer of the one text grammar (R42, R43, R66). Tokens keep their offsets into the original line
// so that trailing free text is the rest of the line exactly as typed.

export interface Token {
  raw: string;
  start: number;
  end: number;
  /** For `key=value`, the key as typed. */
  key?: string;
  /** The word, a quoted value without its quotes and escapes, or a pair's value. */
  value: string;
  quoted: boolean;
}

export interface ParseOptions {
  /** Platform mention token (e.g. `<@U123>` or `<at>Ann</at>`) → person id, supplied by the adapter. */
  mentions?: Record<string, string>;
  /**
   * A typed line's person mentions as they read in free text: `<at>Ann Lee</at>` → `@Ann Lee`,
   * `<@U1|ann>` → `@ann` (plain-text.ts). Supplied by the adapter, which alone can tell its
   * platform's markup from the same characters typed as text; none for a form's twin.
   */
  mentionNames?: Record<string, string>;
  /** The channel the command was typed in, for `admin channel` (supplied by the adapter). */
  channel?: {
    platform: string;
    id: string;
    /** A direct message or 1:1 chat: no channel to register there (R9, R24, R42). */
    direct?: boolean;
  };
}

/** A malformed argument: parse turns it into the subcommand's usage line (R45). */
export class Bad extends Error {}

// R66: straight and typographic quotes. Single quotes close only before a space or the end, so that
// apostrophes inside a value (‘it’s’) do not end it.
const CLOSERS: Record<string, string> = {
  '"': '"',
  '“': '”“"',
  '”': '”"',
  '„': '“”"',
  '‘': "’'",
  "'": "'’",
};
const SINGLE = new Set(['‘', "'"]);
const KEY = /^[A-Za-z][A-Za-z0-9_:-]*$/;
const KEY_CHAR = /[A-Za-z0-9_:-]/;
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/**
 * Reads a quoted value starting at the opener; undefined when it is never closed. `unclosed` remembers,
 * per opener, a position from which no closer was found: a later opener of that kind cannot find one
 * either, which keeps a line full of stray quotes linear rather than quadratic.
 */
function readQuoted(
  text: string,
  at: number,
  unclosed: Map<string, number>,
): { value: string; end: number } | undefined {
  const open = text[at] ?? '';
  const closers = CLOSERS[open];
  if (!closers || at >= (unclosed.get(open) ?? Infinity)) return undefined;
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1] ?? '';
      if (next === '\\' || next in CLOSERS || closers.includes(next)) {
        value += next;
        i++;
        continue;
      }
    }
    if (closers.includes(c) && (!SINGLE.has(open) || i + 1 === text.length || isSpace(text[i + 1]))) {
      return { value, end: i + 1 };
    }
    value += c;
  }
  unclosed.set(open, at);
  return undefined;
}

// Platform markup that may contain spaces: Teams `<at>Ann Smith</at>`, Slack `<@U1|ann smith>`, links.
const MARKUP = /^<(?:at>|[@#!]|https?:|mailto:)/i;
interface Closes {
  gt: number;
  at: number;
}
const closesOf = (text: string): Closes => ({ gt: text.lastIndexOf('>'), at: text.lastIndexOf('</at>') });

/** The end of the platform markup starting at `at`, or -1 when there is none. */
function markupEnd(text: string, at: number, last: Closes): number {
  if (!MARKUP.test(text.slice(at, at + 9))) return -1;
  if (text.startsWith('<at>', at)) return last.at > at ? text.indexOf('</at>', at) + 5 : -1;
  return last.gt > at ? text.indexOf('>', at) + 1 : -1;
}

/** The end of an unquoted run: up to whitespace, keeping platform markup whole. */
function readBare(text: string, at: number, last: Closes): number {
  let i = at;
  while (i < text.length && !isSpace(text[i])) {
    const m = text[i] === '<' ? markupEnd(text, i, last) : -1;
    i = m > i ? m : i + 1;
  }
  return i;
}

export function tokenize(text: string): Token[] {
  const toks: Token[] = [];
  const unclosed = new Map<string, number>();
  const last = closesOf(text);
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const start = i;
    const q = readQuoted(text, i, unclosed);
    if (q) {
      toks.push({ raw: text.slice(start, q.end), start, end: q.end, value: q.value, quoted: true });
      i = q.end;
      continue;
    }
    // Only a key's own characters are scanned before deciding whether this is `key=value`.
    let k = start;
    while (k < text.length && KEY_CHAR.test(text[k] ?? '')) k++;
    const key = text.slice(start, k);
    if (text[k] === '=' && KEY.test(key)) {
      const vq = readQuoted(text, k + 1, unclosed);
      const vEnd = vq ? vq.end : readBare(text, k + 1, last);
      const value = vq ? vq.value : text.slice(k + 1, vEnd);
      toks.push({ raw: text.slice(start, vEnd), start, end: vEnd, key, value, quoted: Boolean(vq) });
      i = vEnd;
      continue;
    }
    const end = readBare(text, i, last);
    const word = text.slice(start, end);
    toks.push({ raw: word, start, end, value: word, quoted: false });
    i = end;
  }
  return toks;
}

/** Slack wraps links and e-mails as `<target|label>` or `<target>`; the target is what was meant. */
export function unwrapLink(s: string): string {
  const m = /^<([^<>|]+)(?:\|[^<>]*)?>$/.exec(s.trim());
  if (!m || /^[@#!]/.test(m[1] ?? '')) return s;
  return (m[1] ?? s).replace(/^mailto:/i, '');
}

/** Splits a list on commas and spaces, keeping `<…>` mentions whole. */
export function splitList(s: string): string[] {
  const out: string[] = [];
  const last = closesOf(s);
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    const m = c === '<' ? markupEnd(s, i, last) : -1;
    if (m > i) {
      cur += s.slice(i, m);
      i = m - 1;
      continue;
    }
    if (c === ',' || isSpace(c)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Splits a list of names that may contain spaces (Sub-Committees, R16.3) on commas only: the IAR form asks
 * for names separated by commas, so "Security Sub-Committee" stays one name. Spaces inside a name collapse.
 */
export function splitNames(s: string): string[] {
  return s
    .split(',')
    .map((n) => n.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}
