// R77: in a Teams channel or group chat the bot hears only messages that @mention it, so a hint such
// as "Or type: vote DP001 approve | vote DP001 reject" shown there must read "Or type: @SEC Change Bot
// vote DP001 approve | @SEC Change Bot vote DP001 reject"; in the 1:1 chat the bare form works and
// stays. The rewriting is the one every platform uses (src/views/hints.ts; Slack puts "/sec" there).
// The name is the app's short name in manifest/teams/manifest.json, which is what Teams completes
// when a person types "@SEC…".
import type { Card } from '../../../src/views/card.ts';
import { cardWithPrefix, withPrefix } from '../../../src/views/hints.ts';

export const BOT_NAME = 'SEC Change Bot';

/** The @mention to show in hints for a conversation type, or undefined in the 1:1 chat. */
export const mentionFor = (conversationType: unknown): string | undefined =>
  conversationType === 'personal' ? undefined : `@${BOT_NAME}`;

/** Every hint in the text ("Or type: …", "For more, type: …"), each command in the @mention form. */
export const withMention = (text: string, mention: string | undefined): string => withPrefix(text, mention);

/** The card with its hints in the @mention form (R77). */
export const cardWithMention = (card: Card, mention: string | undefined): Card =>
  cardWithPrefix(card, mention);
