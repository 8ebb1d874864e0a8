// The argument reader of the one text grammar (R66): references, dates, London times, people, choices,
// `key=value` options and trailing free text, each failing with a sentence for the usage answer (R45).
import type { ParseOptions, Token } from './tokens.ts';
import { Bad, splitList, unwrapLink } from './tokens.ts';
import { parseLocalDate, parseLondonDateTime } from '../working-days.ts';

const MENTION = /^(<[@!#][^>]*>|<at>.*<\/at>)$/s;

const REF = /^(?:dp|mp)0*(\d{1,9})$/i;
/** R4, R66: DP or MP plus digits, any case, leading zeros optional. */
export function parseRef(s: string): number | undefined {
  const m = REF.exec(s.trim());
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 ? n : undefined;
}

const show = (t: Token | string): string => JSON.stringify(typeof t === 'string' ? t : t.raw);

/** A cursor over the tokens after the subcommand words. */
export class Args {
  i: number;
  readonly text: string;
  readonly toks: readonly Token[];
  readonly opts: ParseOptions;
  constructor(text: string, toks: readonly Token[], start: number, opts: ParseOptions) {
    this.text = text;
    this.toks = toks;
    this.opts = opts;
    this.i = start;
  }
  get done(): boolean {
    return this.i >= this.toks.length;
  }
  peek(): Token | undefined {
    return this.toks[this.i];
  }
  next(what: string): Token {
    const t = this.toks[this.i];
    if (!t) throw new Bad(`Missing ${what}.`);
    this.i++;
    return t;
  }
  /** A positional argument (a pair is not one). */
  word(what: string): string {
    const t = this.next(what);
    if (t.key !== undefined) throw new Bad(`Expected ${what}, got ${show(t)}.`);
    return t.value;
  }
  ref(): number {
    const t = this.next('a reference like DP007 or MP042');
    const n = t.key === undefined ? parseRef(t.value) : undefined;
    if (n === undefined) throw new Bad(`Expected a reference like DP007 or MP042, got ${show(t)}.`);
    return n;
  }
  /** One or more references, separated by commas or spaces: stops at the first non-reference. */
  refs(): number[] {
    const out: number[] = [];
    for (let t = this.peek(); t && t.key === undefined; t = this.peek()) {
      const parts = t.value.split(',').filter(Boolean);
      const ns = parts.map(parseRef);
      if (parts.length === 0 || ns.some((n) => n === undefined)) break;
      out.push(...(ns as number[]));
      this.i++;
    }
    if (out.length === 0) this.ref();
    return out;
  }
  date(what = 'a date (YYYY-MM-DD)'): string {
    return dateValue(this.word(what), what);
  }
  int(what: string): number {
    return intValue(this.word(what), what);
  }
  oneOf<T extends string>(what: string, options: readonly T[], aliases: Record<string, T> = {}): T {
    const t = this.next(what);
    const v = choice(t.key === undefined ? t.value : '', options, aliases);
    if (v === undefined) throw new Bad(`Expected ${options.join(' or ')}, got ${show(t)}.`);
    return v;
  }
  /** Consumes the next token if it is one of the options. */
  optOneOf<T extends string>(options: readonly T[], aliases: Record<string, T> = {}): T | undefined {
    const t = this.peek();
    const v = t && t.key === undefined ? choice(t.value, options, aliases) : undefined;
    if (v !== undefined) this.i++;
    return v;
  }
  person(what = 'a person (e-mail, handle or mention)'): string {
    const t = this.next(what);
    if (t.key !== undefined) throw new Bad(`Expected ${what}, got ${show(t)}.`);
    return personValue(t.value, this.opts);
  }
  /**
   * R66: trailing free text is the rest of the line as typed; a single quoted value (or a single
   * `key="…"` pair named after the argument) is taken without its quotes.
   */
  rest(key?: string): string | undefined {
    const left = this.toks.slice(this.i);
    const first = left[0];
    this.i = this.toks.length;
    if (!first) return undefined;
    if (left.length === 1 && first.quoted && (first.key === undefined || first.key.toLowerCase() === key)) {
      return first.value;
    }
    if (left.length === 1 && key !== undefined && first.key?.toLowerCase() === key) return first.value;
    return this.text.slice(first.start).trim();
  }
  /** The remaining tokens: named pairs (keys in lower case), bare words, and nothing else. */
  options(known: readonly string[]): { pairs: Record<string, string>; words: Token[] } {
    const pairs: Record<string, string> = {};
    const words: Token[] = [];
    for (; !this.done; this.i++) {
      const t = this.toks[this.i] as Token;
      if (t.key === undefined) {
        words.push(t);
        continue;
      }
      const k = t.key.toLowerCase();
      if (!known.includes(k) && !known.some((p) => p.endsWith(':') && k.startsWith(p))) {
        throw new Bad(`Unknown field ${show(t.key)}${known.length ? `; expected ${known.join(', ')}` : ''}.`);
      }
      if (k in pairs) throw new Bad(`${t.key}= is given twice.`);
      pairs[k] = t.value;
    }
    return { pairs, words };
  }
  end(): void {
    const t = this.peek();
    if (t) throw new Bad(`Unexpected ${show(t)}.`);
  }
}

function choice<T extends string>(
  v: string,
  options: readonly T[],
  aliases: Record<string, T>,
): T | undefined {
  const lower = v.toLowerCase();
  return options.find((o) => o === lower) ?? (Object.hasOwn(aliases, lower) ? aliases[lower] : undefined);
}

export function dateValue(s: string, what = 'a date (YYYY-MM-DD)'): string {
  const d = parseLocalDate(s.trim());
  if (d === undefined) throw new Bad(`Expected ${what}, got ${show(s)}.`);
  return d;
}

export function intValue(s: string, what: string): number {
  const t = s.trim();
  const n = /^\d{1,9}$/.test(t) ? Number(t) : NaN;
  if (!(n >= 1)) throw new Bad(`Expected ${what} (a whole number), got ${show(s)}.`);
  return n;
}

/** R63: a London time `YYYY-MM-DDTHH:MM` as an ISO instant. */
export function slotValue(s: string): string {
  const d = parseLondonDateTime(s.trim().replace(/t/, 'T'));
  if (!d || Number.isNaN(d.getTime()))
    throw new Bad(`Expected a London time YYYY-MM-DDTHH:MM, got ${show(s)}.`);
  return d.toISOString();
}

export function yesNo(s: string, what = 'yes or no'): boolean {
  const v = s.trim().toLowerCase();
  if (['yes', 'y', 'true'].includes(v)) return true;
  if (['no', 'n', 'false'].includes(v)) return false;
  throw new Bad(`Expected ${what}, got ${show(s)}.`);
}

/** R66: an e-mail, a handle, or a platform mention mapped by the adapter to a person id. */
export function personValue(s: string, opts: ParseOptions): string {
  const v = s.trim();
  const mentions = opts.mentions ?? {};
  if (Object.hasOwn(mentions, v)) return mentions[v] as string;
  if (MENTION.test(v))
    throw new Bad(`I could not tell who ${v} is: mention a registered person, or use an e-mail.`);
  const p = unwrapLink(v);
  if (!p || /[\s<>"]/.test(p))
    throw new Bad(`Expected a person (e-mail, handle or mention), got ${show(s)}.`);
  return p;
}

export function peopleValue(s: string, opts: ParseOptions): string[] {
  return splitList(s).map((p) => personValue(p, opts));
}
