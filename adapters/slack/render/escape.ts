// R44 (QUALITY.md, injection): user text reaches readers as text. Slack parses `<…>` as mentions
// (`<!channel>`, `<@U123>`) and links (`<http://x|y>`), so `&`, `<` and `>` are always escaped; user
// text goes into plain_text objects, or mrkdwn with `verbatim: true` so that bare URLs, #channels and
// @everyone are not auto-linked. Slack mrkdwn has no `[label](url)` links, so those stay text.
// `verbatim` does not stop *bold*, _italic_, ~strike~, `code` or a leading > quote, and mrkdwn has no
// escape for them: a backslash is shown as typed, an HTML entity other than &amp; &lt; &gt; is shown as
// typed, and a zero-width space next to the mark makes Slack format more, not less. So text holding any
// of those marks is sent as plain_text, which Slack never formats (see `formattable`).
// Truncation is safe: it never cuts an entity or a surrogate pair, and marks the cut with "…".
import { ELLIPSIS, fitText } from '../../../src/views/fit.ts';

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}
export type TextObject = PlainText | Mrkdwn;

export const escapeMrkdwn = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Escapes `raw` and shortens it to at most `max` characters, cutting only between whole characters. */
export function escapeFit(raw: string, max: number): string {
  const full = escapeMrkdwn(raw);
  if (full.length <= max) return full;
  let out = '';
  for (const ch of raw) {
    const piece = escapeMrkdwn(ch);
    if (out.length + piece.length + ELLIPSIS.length > max) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/** Shortens text we control (already safe) without splitting a surrogate pair. */
export const fit = fitText;

/**
 * Whether Slack would format this escaped mrkdwn: a `*`, `_`, `~` or backtick anywhere, or a `>` quote
 * (escaped `&gt;`) at the start of a line. Text without them reads the same in mrkdwn and plain_text.
 */
export const formattable = (escaped: string): boolean =>
  /[*_~`]/.test(escaped) || /(?:^|\n)[ \t]*&gt;/.test(escaped);

/** Slack refuses empty text objects; a blank stays visible as a dash. */
const nonEmpty = (s: string): string => (s.trim() === '' ? '-' : s);

/** A plain_text object holding user text: escaped, then fitted to the element's limit. */
export const plain = (raw: string, max: number): PlainText => ({
  type: 'plain_text',
  text: nonEmpty(escapeFit(raw, max)),
  emoji: true,
});

/** Escaped text as Slack must show it: mrkdwn only when nothing in it could format, else plain_text. */
export const inert = (escaped: string): TextObject =>
  formattable(escaped) ? { type: 'plain_text', text: nonEmpty(escaped), emoji: true } : mrkdwn(escaped);

/** A verbatim mrkdwn object whose text is already escaped (built with escapeMrkdwn / escapeFit). */
export const mrkdwn = (escaped: string): Mrkdwn => ({
  type: 'mrkdwn',
  text: nonEmpty(escaped),
  verbatim: true,
});

/**
 * Splits user text into escaped pieces of at most `max` characters, at line breaks where it can, so a
 * long problem statement spans several sections instead of being cut.
 */
export function escapeChunks(raw: string, max: number): string[] {
  const chunks: string[] = [];
  let cur = '';
  for (const line of raw.split('\n')) {
    const piece = escapeMrkdwn(line);
    const joined = cur === '' ? piece : `${cur}\n${piece}`;
    if (joined.length <= max) {
      cur = joined;
      continue;
    }
    if (cur !== '') chunks.push(cur);
    cur = '';
    // A single line longer than the limit is cut between characters.
    let rest = line;
    while (escapeMrkdwn(rest).length > max) {
      let part = '';
      let used = 0;
      for (const ch of rest) {
        const e = escapeMrkdwn(ch);
        if (part.length + e.length > max) break;
        part += e;
        used += ch.length;
      }
      chunks.push(part);
      rest = rest.slice(used);
    }
    cur = escapeMrkdwn(rest);
  }
  if (cur !== '' || chunks.length === 0) chunks.push(cur);
  return chunks;
}
