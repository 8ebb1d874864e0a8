// R81: the app's Home tab. Opening it records (once) that this person uses it and has it drawn through
// the outbox like every send (paced, once): what they owe, with its buttons. From then on every change to
// what they owe draws it again (src/app/mine.ts). Someone the directory does not know gets nothing.
import type { App } from '@slack/bolt';
import { slackUser } from '../identity.ts';
import type { SlackDeps } from './index.ts';
import { errorText } from './reply.ts';

export function registerHome(app: App, deps: SlackDeps): void {
  const { ix, log } = deps;
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    try {
      const person = await ix.homeOpened(slackUser(client, event.user));
      if (!person) log('slack home opened by someone not registered', { user: event.user });
    } catch (e) {
      log('slack home not drawn', { level: 'error', user: event.user, error: errorText(e) });
    }
  });
}
