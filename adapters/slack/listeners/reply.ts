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
      await client.chat.postEphemeral({ channel: to.channel, user: to.user, ...body });
      return;
    }
    // Without a channel (a button in a modal or App Home) the note goes to the person's DM with the app.
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
