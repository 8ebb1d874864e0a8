// R42, R43, R77: how a message names a command a person can type. The core writes every such command
// with cmd(): the command between two U+2063 (INVISIBLE SEPARATOR) marks, as Slack writes a mention
// <@U123> for its clients to draw. Each sink then translates the marks once, with commandsAs, into the
// form people type there: after "/sec " on Slack, whose only way in is the slash command; after
// "@SEC Change Bot " in a Teams channel or group chat, where the bot hears only @mentions; bare in a
// Teams 1:1 chat, in scripted mode and the CLI. The web register and calendar files cannot know their
// reader's platform, so they name both forms that work (commandsOnEither). A mark never reaches a
// person or a file (the parser ignores one that does, grammar/tokens.ts).
//
// A hint is a line ending "Or type: a | b" (the twins of the buttons beside it) or "<what>, type: a"
// (anywhere else), each command marked.
import type { Card } from './card.ts';

/** U+2063 INVISIBLE SEPARATOR: opens and closes a marked command. */
export const COMMAND_MARK = '\u2063';
const ANY_MARK = /\u2063/g;
const MARKED = /\u2063([^\u2063]*)\u2063/g;
const SEPARATOR = ' | ';

/** A command as a message names it ("view DP001 support|concerns|oppose" is one command). */
export const cmd = (command: string): string =>
  `${COMMAND_MARK}${command.replace(ANY_MARK, '')}${COMMAND_MARK}`;

/**
 * Commands as a message names them, each marked: a twin of two commands ("panel extend MP001 |
 * panel refuse-extension MP001", owed.ts) is two.
 */
export const cmds = (commands: string | readonly string[]): string =>
  (typeof commands === 'string' ? [commands] : commands)
    .flatMap((c) => c.split(SEPARATOR))
    .map(cmd)
    .join(SEPARATOR);

/** "Or type: vote DP001 approve | vote DP001 reject": the twins of the buttons beside it. */
export const orType = (commands: readonly string[]): string => `Or type: ${cmds(commands)}`;

/** "For more, type: status DP001": a command to type where there is no button for it. */
export const typeHint = (what: string, commands: readonly string[]): string =>
  `${what}, type: ${cmds(commands)}`;

/**
 * The text with every marked command as people type it on the sink: after the prefix ("/sec",
 * "@SEC Change Bot"), or bare without one; a command that already starts with the prefix is left
 * alone. Every mark is removed, a stray one too (a text cut between two marks). Works on raw or
 * escaped text alike (the marks and the prefixes hold no markup).
 */
export function commandsAs(text: string, prefix: string | undefined): string {
  if (!text.includes(COMMAND_MARK)) return text;
  return text
    .replace(MARKED, (_m, c: string) => (prefix && !c.startsWith(prefix) ? `${prefix} ${c}` : c))
    .replace(ANY_MARK, '');
}

/** The slash command Slack reaches the bot through, its only way in (manifest/slack/manifest.yaml). */
export const SLACK_COMMAND = '/sec';

/**
 * R71 R77: the text for a reader whose platform is not known (the web register's pages, calendar
 * files): every marked command in both forms that work, "/sec register on Slack, or register in your
 * chat with the bot on Teams". The bare form alone does nothing on Slack, where the bot hears no
 * message, only the slash command. Every mark is removed, a stray one too.
 */
export function commandsOnEither(text: string): string {
  if (!text.includes(COMMAND_MARK)) return text;
  return text
    .replace(MARKED, (_m, c: string) => {
      const bare = c.startsWith(`${SLACK_COMMAND} `) ? c.slice(SLACK_COMMAND.length + 1) : c;
      return `${SLACK_COMMAND} ${bare} on Slack, or ${bare} in your chat with the bot on Teams`;
    })
    .replace(ANY_MARK, '');
}

/** The name the adapters know it by: every command of the text in the prefixed (or bare) form. */
export const withPrefix = commandsAs;

/**
 * The card with every marked command in the prefixed (or bare) form: title, text, notice, fields, small
 * print, each item's title and text, the labels and twins of buttons and the attached files.
 */
export function cardWithPrefix(card: Card, prefix: string | undefined): Card {
  const as = (s: string): string => commandsAs(s, prefix);
  const bare = (s: string): string => commandsAs(s, undefined);
  const button = (b: Card['buttons'][number]): Card['buttons'][number] => ({
    ...b,
    label: as(b.label),
    // A twin is what the button does, typed bare on every platform; it never carries a prefix.
    twin: bare(b.twin),
  });
  return {
    ...card,
    title: as(card.title),
    ...(card.text !== undefined ? { text: as(card.text) } : {}),
    ...(card.notice !== undefined ? { notice: as(card.notice) } : {}),
    ...(card.context !== undefined ? { context: as(card.context) } : {}),
    fields: card.fields.map((f) => ({ label: as(f.label), value: as(f.value) })),
    buttons: card.buttons.map(button),
    ...(card.sections
      ? {
          sections: card.sections.map((x) => ({
            ...x,
            title: as(x.title),
            ...(x.text !== undefined ? { text: as(x.text) } : {}),
            buttons: x.buttons.map(button),
          })),
        }
      : {}),
    // A file (a meeting invite) is read by a calendar app, where a command is typed nowhere: bare.
    ...(card.attachments ? { attachments: card.attachments.map((a) => ({ ...a, text: bare(a.text) })) } : {}),
  };
}
