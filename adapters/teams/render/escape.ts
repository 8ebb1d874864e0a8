// R44 (QUALITY.md, injection) for Teams: user text reaches readers as text. Adaptive Card TextBlocks and
// FactSet values render a Markdown subset (emphasis, lists, `[label](url)` links), and Teams turns
// `<at>name</at>` into a mention when the activity carries a matching entity. So every Markdown-active
// character is backslash-escaped (CommonMark escapes any ASCII punctuation, and the escape shows the
// character itself), which also means `<at>` never appears in what we send; this renderer never adds
// mention entities. Slack markup (`<!channel>`, `<@U123>`) means nothing in Teams and `@everyone` is not
// a mention in a card; both stay visible as typed. Card JSON and `${…}` template syntax inside a string
// are inert: we send finished cards (no templating pass) and JSON.stringify quotes them.
import { fitText } from '../../../src/views/fit.ts';

/**
 * Characters that start Markdown or HTML-ish markup anywhere in a line. Every `$` is escaped, not only
 * one before `{`: removing another escape (`$\~{`) must never leave a `${` behind.
 */
const INLINE = /[\\`*_~[\]<>$]|\{(?=\{)/g;
/** Line starts that Markdown reads as a list or a quote: `- x`, `+ x`, `1. x`, `> x`, `# x`. */
const LINE_START = /^(\s*)(?:([-+#>])|(\d+)([.)]))(?=\s|$)/gm;

/** Escapes user text for a TextBlock or Fact: what renders is exactly what was typed. */
export const escapeMarkdown = (s: string): string =>
  s
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, (_m, sp: string, mark?: string, num?: string, dot?: string) =>
      mark === undefined ? `${sp}${num}\\${dot}` : `${sp}\\${mark}`,
    );

/**
 * An escaped text as the body of a message activity. Teams reads it as Markdown, where a single line
 * break is only a space (the emulator ran `help` into one paragraph): each break becomes a paragraph
 * break, so every line of a reply stays a line.
 */
export const messageText = (escaped: string): string => escaped.replace(/\n+/g, '\n\n');

/** Shortens raw text to at most `max` characters, cutting only between whole characters. */
export const fitRaw = fitText;

/**
 * Cuts user text to `max` raw characters and then escapes it: cutting first means an escape is never
 * split from the character it protects.
 */
export const escapeFit = (raw: string, max: number): string => escapeMarkdown(fitRaw(raw, max));

/** Reverses escapeMarkdown; what a reader sees. Used by tests and by the fallback text check. */
export const unescapeMarkdown = (s: string): string => s.replace(/\\([\\`*_~[\]<>$#+\-.){])/g, '$1');
