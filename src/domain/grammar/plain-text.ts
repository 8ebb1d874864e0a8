// R44 R71: a mention of a person inside free text (a comment, a reason, a title) is kept as the person
// saw it when typing, not as their platform wrote it into the message: Teams sends `<at>Ann Lee</at>`,
// Slack `<@U123|ann>`. Stored as such they reach the other platform, the register and the DMs as
// markup (every output escapes user text), so a typed line's are read back as `@Ann Lee`, `@ann`. The
// adapter names the tokens that were its platform's markup (ParseOptions.mentionNames): only it can
// tell them from the same characters typed as text, and a form's boxes hold only typed text. A
// person's own field is not touched here: its mention is resolved to the person first (args.ts).
import type { ParseOptions } from './tokens.ts';

/**
 * R71: what is shown as one line (a title, an organisation, a person's name) is stored as one. A line
 * break typed into it (a Teams message, a Slack command with Shift+Enter) showed as a space on a card
 * but split every DM and list that names the modification. Free text elsewhere keeps its lines (R44).
 */
const ONE_LINE = new Set(['title', 'org', 'name']);
const BREAK = /[^\S\r\n\u2028\u2029]*[\r\n\u2028\u2029]+\s*/g;

/**
 * A command's draft as its writer meant it, in one walk over every string (lists and split's parts
 * included): the platform's person mentions read back as `@Name`, and a one-line field on one line.
 */
export function asMeant(draft: unknown, opts: ParseOptions): unknown {
  const names = Object.entries(opts.mentionNames ?? {});
  const text = (s: string, key: string | undefined): string => {
    let out = s;
    for (const [token, name] of names) if (out.includes(token)) out = out.split(token).join(name);
    return key !== undefined && ONE_LINE.has(key) ? out.replace(BREAK, ' ').trim() : out;
  };
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return text(v, key);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(draft);
}
