// R43: how a card tells a person what to type. A hint is the rest of a line after "Or type: " (next to
// buttons) or after "<what>, type: " (anywhere else), its commands separated by " | ". Cards write every
// typed command this way and only this way, so that each platform shows the commands as people type them
// there (R42): after "/sec " on Slack, whose only way in is the slash command; after "@SEC Change Bot " in
// a Teams channel or group chat, where the bot hears only @mentions (R77); bare in a Teams 1:1 chat.
import type { Card } from './card.ts';

const LEAD = /(?:\bOr|,) type: /;
const SEPARATOR = ' | ';

/** "Or type: vote DP001 approve | vote DP001 reject": the twins of the buttons beside it. */
export const orType = (commands: readonly string[]): string => `Or type: ${commands.join(SEPARATOR)}`;

/** "For more, type: status DP001": a command to type where there is no button for it. */
export const typeHint = (what: string, commands: readonly string[]): string =>
  `${what}, type: ${commands.join(SEPARATOR)}`;

/**
 * Every hint in the text with each of its commands after the prefix ("/sec", "@SEC Change Bot"); a
 * command that already starts with it is left alone. Works on raw or escaped text alike (the hint
 * words, " | " and the prefixes hold no markup).
 */
export function withPrefix(text: string, prefix: string | undefined): string {
  if (!prefix) return text;
  return text
    .split('\n')
    .map((line) => {
      const lead = LEAD.exec(line);
      if (!lead) return line;
      const at = lead.index + lead[0].length;
      const commands = line.slice(at).split(SEPARATOR);
      return (
        line.slice(0, at) + commands.map((c) => (c.startsWith(prefix) ? c : `${prefix} ${c}`)).join(SEPARATOR)
      );
    })
    .join('\n');
}

/** The card with every hint (text, small print, each item's text) in the prefixed form. */
export const cardWithPrefix = (card: Card, prefix: string | undefined): Card =>
  prefix
    ? {
        ...card,
        ...(card.text !== undefined ? { text: withPrefix(card.text, prefix) } : {}),
        ...(card.context !== undefined ? { context: withPrefix(card.context, prefix) } : {}),
        ...(card.sections
          ? {
              sections: card.sections.map((x) =>
                x.text !== undefined ? { ...x, text: withPrefix(x.text, prefix) } : x,
              ),
            }
          : {}),
      }
    : card;
