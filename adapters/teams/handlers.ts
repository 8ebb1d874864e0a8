// What the Teams app does with an activity (R2, R36, R42, R43, R66): a message typed to the bot is one
// line of the grammar, and an `Action.Execute` invoke is a click decoded with the shared schema; both
// go to the interaction layer (src/app/interaction) as the activity's `from`, and its answer comes back
// in the conversation or within the invoke (Teams waits about 5 s for it). Functions of plain activity
// shapes, so the SDK stays in app.ts and these can be read without it.
import type { AdaptiveCardActionCardResponse, AdaptiveCardActionMessageResponse } from '@microsoft/teams.api';
import type { Interaction } from '../../src/app/interaction/index.ts';
import { NOT_REGISTERED, SORRY, errorText, outOfDate } from '../../src/app/interaction/index.ts';
import type { ConversationStore } from './conversations.ts';
import { conversationIdOf } from './conversations.ts';
import { decodeInvoke, refreshKey } from './actions.ts';
import type { TeamsAccount } from './identity.ts';
import { mentionNamesOf, mentionsOf, resolveMentions, teamsUser } from './identity.ts';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { cardActionResponse, renderCard } from './render/card.ts';
import { escapeMarkdown } from './render/escape.ts';
import { mentionFor, withMention } from './render/mention.ts';

export type TeamsLog = (msg: string, data?: object) => void;
export interface TeamsDeps {
  ix: Interaction;
  log: TeamsLog;
}

export { SORRY, errorText } from '../../src/app/interaction/index.ts';
export const OUT_OF_DATE = outOfDate('sec help');
/**
 * A form button now opens a dialog through Action.Submit (render/card.ts, dialogs.ts); only a card posted
 * before that still sends it as Action.Execute, which cannot open a dialog.
 */
export const FORM_ON_OLD_CARD =
  'That button is on an older card and cannot open its form; use the newest message, or type the command (sec help lists them).';

/** The fields of a message activity the bot reads. */
export interface MessageLike {
  id: string;
  text?: string | undefined;
  from: TeamsAccount;
  recipient?: { id: string } | undefined;
  conversation: { id: string; conversationType?: unknown };
  entities?: unknown;
  channelData?: unknown;
}

/** The fields of an `adaptiveCard/action` invoke the bot reads. */
export interface InvokeLike {
  id: string;
  from: TeamsAccount;
  value?: unknown;
  conversation?: { conversationType?: unknown } | undefined;
}

/**
 * The grammar line of a message, or undefined when it is not for the bot. In a 1:1 chat every message
 * is; elsewhere only one that @mentions the bot or starts with `sec`. The bot's own `<at>…</at>` is cut
 * out; other mentions stay as tokens for the mention map. The grammar drops a leading `sec` itself.
 */
export function addressedText(a: MessageLike): string | undefined {
  let text = a.text ?? '';
  let mentioned = false;
  for (const m of mentionsOf(a.entities)) {
    if (m.mentioned.id !== a.recipient?.id || !m.text || !text.includes(m.text)) continue;
    mentioned = true;
    text = text.split(m.text).join(' ');
  }
  // Teams pads mentions with non-breaking spaces, as characters or as the HTML entity. Line breaks
  // stay: a multi-line comment is stored as typed, as on Slack (R44).
  text = text
    .replace(/&nbsp;/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
  if (a.conversation.conversationType === 'personal' || mentioned || /^sec(\s|$)/i.test(text)) return text;
  return undefined;
}

/** The channel a line was typed in, for `admin channel` (a channel thread's id carries `;messageid=`). */
function channelOf(a: MessageLike): { platform: string; id: string; direct?: boolean } {
  // A 1:1 chat is no channel to register (the grammar refuses it there).
  const direct = a.conversation.conversationType === 'personal';
  return { platform: 'teams', id: conversationIdOf(a), ...(direct ? { direct } : {}) };
}

/**
 * The reply to a message (escaped Markdown, or a card when the answer has one: `mine`, R81), or
 * undefined when the message was not for the bot.
 */
export async function answerMessage(
  deps: TeamsDeps,
  a: MessageLike,
): Promise<string | IAdaptiveCard | undefined> {
  const text = addressedText(a);
  if (text === undefined) return undefined;
  try {
    // An unknown sender gets help and workdays only: the engine decides (R66).
    const mentions = await resolveMentions(deps.ix, a.entities, a.recipient?.id);
    const outcome = await deps.ix.ask(text, teamsUser(a.from), {
      // Teams redelivers an activity with the same id: the engine answers it without writing twice (R36).
      deliveryId: `teams:${a.id}`,
      parse: { mentions, mentionNames: mentionNamesOf(a.entities, a.recipient?.id), channel: channelOf(a) },
      // A personal link is shown only in the 1:1 chat; a channel's members would all read it (R83, R84).
      privately: a.conversation.conversationType === 'personal',
    });
    // Outside the 1:1 chat only an @mention reaches the bot: hints say so (R77).
    const mention = mentionFor(a.conversation.conversationType);
    if (outcome.card) return renderCard(outcome.card, { mention });
    return escapeMarkdown(withMention(outcome.reply, mention));
  } catch (e) {
    deps.log('teams message failed', { level: 'error', activity: a.id, error: errorText(e) });
    return SORRY;
  }
}

/** A sentence as the invoke's answer, every command it names in the form typed there (R77). */
const message = (text: string, mention: string | undefined): AdaptiveCardActionMessageResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value: escapeMarkdown(withMention(text, mention)),
});

/**
 * The invoke response to an `Action.Execute` click. The command is committed before this returns, so
 * the vote is durable before Teams hears back. A re-sent invoke (same id) gets the first answer and
 * writes nothing; a double click (new id) is refused by the core as already done.
 */
export async function answerCardAction(
  deps: TeamsDeps,
  a: InvokeLike,
): Promise<AdaptiveCardActionMessageResponse | AdaptiveCardActionCardResponse> {
  // In a channel the answer names commands in the @mention form (R77), in the 1:1 chat bare.
  const mention = mentionFor(a.conversation?.conversationType);
  const refresh = refreshKey(a.value);
  if (refresh !== undefined) return answerRefresh(deps, a, refresh, mention);
  const decoded = decodeInvoke(a.value);
  if (!decoded.ok) {
    // A card from an older release or tampered data: nothing is written (R2).
    deps.log('teams card action refused', { level: 'warn', activity: a.id, why: decoded.message });
    return message(OUT_OF_DATE, mention);
  }
  try {
    const user = teamsUser(a.from);
    const privately = a.conversation?.conversationType === 'personal';
    const answer = await deps.ix.click(decoded.action, user, `teams:invoke:${a.id}`, { privately });
    if ('opens' in answer) return message(FORM_ON_OLD_CARD, mention);
    // The answer to a click is the refreshed card (the ballot's progress, the poll); a refusal, a
    // repeat or a card this command did not change answers with the sentence instead.
    if ('onMine' in decoded && privately && answer.outcome.ok) {
      // R81: the `mine` card is drawn again, so what was just done leaves the list, with what was
      // recorded at its top (R74). Should that read fail, the sentence still says it.
      const mine = await deps.ix.mineAfter(user, answer.outcome).catch((e: unknown) => {
        deps.log('teams mine card not redrawn', { level: 'warn', activity: a.id, error: errorText(e) });
        return undefined;
      });
      if (mine) return cardActionResponse(mine, { mention });
    }
    return answer.card
      ? cardActionResponse(answer.card, { mention })
      : message(answer.outcome.reply, mention);
  } catch (e) {
    deps.log('teams card action failed', { level: 'error', activity: a.id, error: errorText(e) });
    return message(SORRY, mention);
  }
}

/**
 * R74: a reader's Teams asks for their own version of a card drawn per reader (render/card.ts); the
 * answer is the card as it stands, with their line on top. A read: nothing is written, so a repeat
 * needs no delivery id. A key that names no such card is out of date; nobody the directory knows is
 * told so, as for a click (R66).
 */
async function answerRefresh(
  deps: TeamsDeps,
  a: InvokeLike,
  key: string | false,
  mention: string | undefined,
): Promise<AdaptiveCardActionMessageResponse | AdaptiveCardActionCardResponse> {
  if (key === false) return message(OUT_OF_DATE, mention);
  try {
    const card = await deps.ix.cardFor(key, teamsUser(a.from));
    if (card === null) return message(NOT_REGISTERED, mention);
    return card ? cardActionResponse(card, { mention }) : message(OUT_OF_DATE, mention);
  } catch (e) {
    deps.log('teams card refresh failed', { level: 'error', activity: a.id, error: errorText(e) });
    return message(SORRY, mention);
  }
}

/** The fields of a conversationUpdate or installationUpdate activity the greeting reads. */
export interface GreetingLike {
  id: string;
  type: string;
  action?: unknown;
  from: TeamsAccount;
  recipient?: { id: string } | undefined;
  conversation: { id: string; conversationType?: unknown };
  membersAdded?: unknown;
}

/** R81: a person is greeted with what they owe at most once a minute, however many events Teams sends. */
export const GREETING_GAP_MS = 60_000;

/** Whether the greeting of this Teams user may go now; it is then the last one. */
export type GreetingClaim = (userId: string, at: Date) => Promise<boolean>;

/**
 * The claim is the conversation store's, shared by every replica on the database (R48): one greeting
 * between them. Without a store nothing of Teams is kept, and every opening is greeted.
 */
export function greetingClaim(store: Pick<ConversationStore, 'greet'> | undefined): GreetingClaim {
  return store ? (who, at) => store.greet(who, at, GREETING_GAP_MS) : async () => true;
}

/**
 * R81: when a person opens (installs, or is added to) the 1:1 chat with the bot, the `mine` card: what they
 * owe, with its buttons. Undefined when there is nothing to send: not the 1:1 chat, the bot leaving, or
 * greeted less than a minute ago (`claim` says whether this greeting may go: see greetingClaim).
 */
export async function greetPersonal(
  deps: TeamsDeps,
  a: GreetingLike,
  claim: GreetingClaim,
): Promise<string | IAdaptiveCard | undefined> {
  if (a.conversation.conversationType !== 'personal') return undefined;
  if (a.type === 'installationUpdate' && a.action !== 'add' && a.action !== undefined) return undefined;
  if (a.type === 'conversationUpdate') {
    const added = Array.isArray(a.membersAdded) ? (a.membersAdded as unknown[]) : [];
    if (added.length === 0) return undefined;
  }
  const who = a.from.aadObjectId ?? a.from.id;
  try {
    if (!(await claim(who, deps.ix.deps.now()))) return undefined;
    const outcome = await deps.ix.ask('mine', teamsUser(a.from), { privately: true });
    // The 1:1 chat: commands bare (R77).
    return outcome.card ? renderCard(outcome.card) : escapeMarkdown(withMention(outcome.reply, undefined));
  } catch (e) {
    deps.log('teams greeting failed', { level: 'warn', activity: a.id, error: errorText(e) });
    return undefined;
  }
}
