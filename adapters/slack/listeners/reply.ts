// How the listeners answer a person privately: in the ack body of a slash command, or by
// chat.postEphemeral after a button or a modal. Replies are escaped, so a title or a reason typed by
// someone can never become a mention, a link or an @channel (QUALITY.md), and one holding a mark that
// mrkdwn would format is shown from plain_text blocks (R44).
import type { webApi } from '@slack/bolt';
import { SORRY, errorText, outOfDate } from '../../../src/app/interaction/index.ts';
import { IdentityUnavailable } from '../identity.ts';
import type { Card } from '../../../src/views/card.ts';
import { renderCard, renderText } from '../render/blocks.ts';
import type { Respond } from '../respond.ts';
import type { Outcome, PlatformUser } from '../../../src/app/ports.ts';
import type { SlackDeps, SlackLog } from './index.ts';

type WebClient = webApi.WebClient;

export { SORRY, errorText } from '../../../src/app/interaction/index.ts';
export const OUT_OF_DATE = outOfDate('/sec help');

/** Slack's limit on a message's text; a reply is never near it, but nothing is cut silently below it. */
const REPLY_LIMIT = 40_000;

/** The body of a slash command's ack: only the person who typed it sees it. */
export const ephemeral = (text: string) => ({
  response_type: 'ephemeral' as const,
  ...renderText(text, REPLY_LIMIT),
});

/** R81: a card as the ack's private body (`mine`, with its buttons), within a message's 50 blocks. */
export const ephemeralCard = (card: Card) => ({
  response_type: 'ephemeral' as const,
  ...renderCard(card),
});

/** Whom a private note goes to, and where the click that asked for it came from. */
export interface Recipient {
  user: string;
  channel?: string | undefined;
  responseUrl?: string | undefined;
}

/**
 * chat.postEphemeral errors that mean the note cannot be shown in that channel to that person, while
 * their DM with the app still reaches them. Any other error (a rate limit, Slack's own failure, a
 * message refused as too long) is not retried elsewhere: it may have been shown, or would fail there too.
 */
const UNREACHABLE_CHANNEL: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'user_not_in_channel',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
]);

/** The `error` of a Web API platform error (`{ ok: false, error }`), read by its documented field. */
function slackErrorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, data } = e as { code?: unknown; data?: { error?: unknown } };
  if (code !== 'slack_webapi_platform_error') return undefined;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * Tells one person the outcome of a click or a form. Not awaited by the listeners: the ack must not
 * wait on a Web API call, and a lost private note loses nothing durable.
 */
export function tell(
  client: WebClient,
  log: SlackLog,
  to: Recipient,
  text: string,
  respond?: Respond,
): Promise<void> {
  // R44: a mark Slack would format goes as plain_text blocks (render/blocks.ts renderText).
  const body = renderText(text, REPLY_LIMIT);
  const send = async () => {
    // P1: a button on a message comes with a response_url: the cheap way to answer the clicker alone.
    if (to.responseUrl && respond) {
      try {
        return await respond(to.responseUrl, body);
      } catch (e) {
        // An expired or refused URL: the Web API still reaches them.
        log('slack response_url failed; answering with chat.postEphemeral', {
          level: 'warn',
          error: errorText(e),
        });
      }
    }
    if (to.channel) {
      try {
        await client.chat.postEphemeral({ channel: to.channel, user: to.user, ...body });
        return;
      } catch (e) {
        // R74: a form opened in a channel the app is not in (or a DM between two people) has nowhere to
        // show a private note, and a modal has no response_url: the confirmation goes to their DM instead.
        const code = slackErrorCode(e);
        if (code === undefined || !UNREACHABLE_CHANNEL.has(code)) throw e;
        log('slack private reply not shown in the channel; sending it to their DM', {
          level: 'info',
          user: to.user,
          error: code,
        });
      }
    }
    // Without a channel (a button in a modal or App Home), or one the app cannot post in, the note goes
    // to the person's DM with the app.
    const dm = await client.conversations.open({ users: to.user });
    await client.chat.postMessage({ channel: dm.channel?.id ?? to.user, ...body });
  };
  // Started after the ack has been written: building the Web API request costs CPU the ack should not wait on.
  return new Promise((resolve) => {
    setImmediate(() => {
      send().then(resolve, (e: unknown) => {
        log('slack private reply failed', { level: 'warn', user: to.user, error: errorText(e) });
        resolve();
      });
    });
  });
}

/**
 * R81: the clicker's `mine` card drawn again in place of the one clicked (its response_url, replacing
 * the original), with what was recorded on top (R74), so that what was just done leaves the list.
 * Without a response_url, or should that fail, the sentence alone (tell). Not awaited, as tell: the
 * card is read after the ack.
 */
export function redrawMine(
  client: WebClient,
  deps: SlackDeps,
  user: PlatformUser,
  to: Recipient,
  clicked: Outcome,
): Promise<void> {
  const { ix, log, respond } = deps;
  const redraw = async () => {
    if (!to.responseUrl) throw new Error('no response_url');
    const card = await ix.mineAfter(user, clicked);
    if (!card) throw new Error('mine answered without its card');
    await respond(to.responseUrl, { replace_original: true, ...renderCard(card) });
  };
  return new Promise((resolve) => {
    setImmediate(() => {
      redraw().then(resolve, (e: unknown) => {
        log('slack mine card not redrawn; answering with the sentence', {
          level: 'warn',
          error: errorText(e),
        });
        void tell(client, log, to, clicked.reply, respond).then(resolve);
      });
    });
  });
}

/** The apology for an unexpected error: an outage of Slack's users.info is named as such. */
export const apology = (e: unknown): string =>
  e instanceof IdentityUnavailable ? 'Slack could not tell me who you are; try again.' : SORRY;
