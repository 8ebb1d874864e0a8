// How the listeners answer a person privately: in the ack body of a slash command, or by
// chat.postEphemeral after a button or a modal. Replies are sent as escaped mrkdwn, so a title or a
// reason typed by someone can never become a mention, a link or an @channel (QUALITY.md).
import type { webApi } from '@slack/bolt';
import { SORRY, errorText, outOfDate } from '../../../src/app/interaction/index.ts';
import { IdentityUnavailable, escapeSlack } from '../identity.ts';
import type { SlackLog } from './index.ts';

type WebClient = webApi.WebClient;

export { SORRY, errorText } from '../../../src/app/interaction/index.ts';
export const OUT_OF_DATE = outOfDate('/sec help');

/** The body of a slash command's ack: only the person who typed it sees it. */
export const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text: escapeSlack(text) });

/**
 * Tells one person the outcome of a click or a form. Not awaited by the listeners: the ack must not
 * wait on a Web API call, and a lost private note loses nothing durable.
 */
export function tell(
  client: WebClient,
  log: SlackLog,
  to: { user: string; channel?: string | undefined },
  text: string,
): Promise<void> {
  const body = escapeSlack(text);
  const send = async () => {
    if (to.channel) {
      await client.chat.postEphemeral({ channel: to.channel, user: to.user, text: body });
      return;
    }
    // Without a channel (a button in a modal or App Home) the note goes to the person's DM with the app.
    const dm = await client.conversations.open({ users: to.user });
    await client.chat.postMessage({ channel: dm.channel?.id ?? to.user, text: body });
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

/** The apology for an unexpected error: an outage of Slack's users.info is named as such. */
export const apology = (e: unknown): string =>
  e instanceof IdentityUnavailable ? 'Slack could not tell me who you are; try again.' : SORRY;
