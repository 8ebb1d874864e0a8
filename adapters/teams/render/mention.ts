// R77: in a Teams channel or group chat the bot hears only messages that @mention it, so a hint such
// as "Or type: vote DP001 approve | vote DP001 reject" shown there must read "Or type: @SEC Change Bot
// vote DP001 approve | @SEC Change Bot vote DP001 reject"; in the 1:1 chat (and on Slack) the bare form
// works and stays. The name is the app's short name in manifest/teams/manifest.json, which is what
// Teams completes when a person types "@SEC…".
import type { Card } from '../../../src/views/card.ts';

export const BOT_NAME = 'SEC Change Bot';

/** The @mention to show in hints for a conversation type, or undefined in the 1:1 chat. */
export const mentionFor = (conversationType: unknown): string | undefined =>
  conversationType === 'personal' ? undefined : `@${BOT_NAME}`;

const HINT = 'Or type: ';

/**
 * Every "Or type:" hint in the text, with each of its commands (separated by " | ") in the @mention
 * form. Works on raw or escaped text alike (the hint words, "|" and the mention hold no Markdown).
 */
export function withMention(text: string, mention: string | undefined): string {
  if (!mention) return text;
  return text
    .split('\n')
    .map((line) => {
      const at = line.indexOf(HINT);
      if (at < 0) return line;
      const head = line.slice(0, at + HINT.length);
      const twins = line.slice(at + HINT.length).split(' | ');
      return head + twins.map((t) => (t.startsWith('@') ? t : `${mention} ${t}`)).join(' | ');
    })
    .join('\n');
}

/** The card with its hints in the @mention form (R77). */
export const cardWithMention = (card: Card, mention: string | undefined): Card =>
  mention
    ? {
        ...card,
        ...(card.text !== undefined ? { text: withMention(card.text, mention) } : {}),
        ...(card.context !== undefined ? { context: withMention(card.context, mention) } : {}),
        ...(card.sections
          ? {
              sections: card.sections.map((x) =>
                x.text !== undefined ? { ...x, text: withMention(x.text, mention) } : x,
              ),
            }
          : {}),
      }
    : card;
