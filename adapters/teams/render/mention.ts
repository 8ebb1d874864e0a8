// R77: in a Teams channel or group chat the bot hears only messages that @mention it, so every command
// a message names, such as "Or type: vote DP001 approve | vote DP001 reject", must read there "Or type:
// @SEC Change Bot vote DP001 approve | @SEC Change Bot vote DP001 reject"; in the 1:1 chat the bare
// form works and stays. The core marks each command (src/views/hints.ts cmd) and every Teams sink
// translates the marks once with these (Slack puts "/sec" there); without a mention they become bare.
// The name is the app's short name in manifest/teams/manifest.json, which is what Teams completes
// when a person types "@SEC…".
import type { Card } from '../../../src/views/card.ts';
import { cardWithPrefix, withPrefix } from '../../../src/views/hints.ts';

export const BOT_NAME = 'SEC Change Bot';

/** The @mention to show in hints for a conversation type, or undefined in the 1:1 chat. */
export const mentionFor = (conversationType: unknown): string | undefined =>
  conversationType === 'personal' ? undefined : `@${BOT_NAME}`;

/** Every command the text names (hints and inline alike) in the @mention form, or bare in the 1:1 chat. */
export const withMention = (text: string, mention: string | undefined): string => withPrefix(text, mention);

/** The card with every command it names in the @mention form (R77), or bare in the 1:1 chat. */
export const cardWithMention = (card: Card, mention: string | undefined): Card =>
  cardWithPrefix(card, mention);
